"""The one progress bar: on stderr, only on a terminal, gone when the work is done."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from types import TracebackType

#: What the bar counts: things (``12/200``) or bytes (``1.2/3.4 MB``).
Unit = Literal["items", "bytes"]


class ProgressBar:
    """A rich progress bar on stderr, as a context manager; ``update(done, total)`` moves it.

    It is shown only when stderr is a terminal (or ``color`` forces styling), and
    only once ``delay`` seconds have passed, so quick work never flickers one. It is
    refreshed by hand, never by rich's thread, because worker processes may fork
    while it is up.
    """

    def __init__(
        self, label: str, *, unit: Unit = "items", color: bool | None = None, delay: float = 0.0
    ) -> None:
        self.label = label
        self.unit = unit
        self.color = color
        self.delay = delay
        self.shown = sys.stderr.isatty() or bool(color)
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def update(self, done: int, total: int) -> None:
        """``done`` of ``total`` finished."""
        if not self.shown:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self.delay:
                return
            self._start(total)
        self._bar.update(self._task, completed=done, total=total, refresh=True)

    def _start(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            TimeRemainingColumn,
        )

        from imhcli.output.console import make_console

        count = DownloadColumn() if self.unit == "bytes" else MofNCompleteColumn()
        self._bar = Progress(
            self.label,
            BarColumn(),
            count,
            TimeRemainingColumn(),
            console=make_console(sys.stderr, self.color),
            auto_refresh=False,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=total)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
