"""Rich consoles that honour --color, NO_COLOR and non-terminal output."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def make_console(out: TextIO, color: bool | None = None) -> Console:
    """A console for ``out``: colour when forced, else only on a terminal without NO_COLOR."""
    from rich.console import Console

    use = (out.isatty() and not os.environ.get("NO_COLOR")) if color is None else color
    return Console(
        file=out,
        force_terminal=use,
        no_color=not use,
        color_system="auto" if use else None,
        highlight=False,
        emoji=False,
        width=None if out.isatty() else 120,
    )
