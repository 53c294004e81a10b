"""The `imh` command. Only argument handling lives here; the work is in the library.

``imh --version`` is answered before typer is imported, so it costs only
Python's start-up.
"""

from __future__ import annotations

import signal
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    exit_cleanly_on_signals()
    if args in (["--version"], ["-V"]):
        from imhcli import __version__

        sys.stdout.write(f"imh {__version__}\n")
        raise SystemExit(0)
    from imhcli.cli.app import build

    collect_garbage_rarely()
    build()(args=args, prog_name="imh")


def collect_garbage_rarely() -> None:
    """imh makes many small objects (one entry's front matter holds dozens) and few
    reference cycles, and it exits soon after. Python's default collects the youngest
    objects every 700 allocations, which cost a tenth of a check's time; every
    100,000 is enough for what little garbage imh makes in one run."""
    import gc

    gc.set_threshold(100_000, 50, 100)


def exit_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end imh as Ctrl-C does: ``finally`` blocks run, so temporary
    files (a half-written bundle) are removed. The exit code is 128 + the signal."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _exit)


def _exit(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)
