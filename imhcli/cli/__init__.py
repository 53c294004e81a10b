"""The `imh` command. Only argument handling lives here; the work is in the library.

``imh --version`` is answered before typer is imported, so it costs only
Python's start-up.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from imhcli import __version__

        sys.stdout.write(f"imh {__version__}\n")
        raise SystemExit(0)
    from imhcli.cli.app import build

    build()(args=args, prog_name="imh")
