"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import get_args

import typer

from imhcli.errors import UsageError
from imhcli.models import entry_types
from imhcli.output.findings import FINDINGS
from imhcli.output.json_schemas import SCHEMA_KINDS


def choices(name: str, values: Iterable[str]) -> type[StrEnum]:
    """An Enum of a fixed set of strings (a registry's names): how typer offers choices."""
    return StrEnum(name, {v.replace("-", "_"): v for v in values})  # type: ignore[return-value]


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"

    def forced(self) -> bool | None:
        return None if self is Color.auto else self is Color.always


# Choices of `imh new` and `imh schema`, derived from the models (and tested to match).
EntryType = choices("EntryType", get_args(entry_types.EntryTypeName))
Activity = choices("Activity", get_args(entry_types.Activity))
SupervisionKind = choices("SupervisionKind", get_args(entry_types.SupervisionKind))
SupervisionMode = choices("SupervisionMode", get_args(entry_types.SupervisionMode))
SupervisionRole = choices("SupervisionRole", get_args(entry_types.SupervisionRole))
Register = choices("Register", get_args(entry_types.Register))
RegisterPart = choices("RegisterPart", get_args(entry_types.RegisterPart))
FeedbackSource = choices("FeedbackSource", get_args(entry_types.FeedbackSource))
SchemaKind = choices("SchemaKind", SCHEMA_KINDS)


def value(choice: StrEnum | None) -> str | None:
    return None if choice is None else str(choice.value)


#: The formats findings are written in (`imh check`, `imh review check`), from their registry.
FindingsFormat = choices("FindingsFormat", FINDINGS)
FINDINGS_FORMAT = typer.Option(
    None,
    "--format",
    "-f",
    help="Output format (default text; github under GitHub Actions).",
    show_default=False,
)
STRICT = typer.Option(False, "--strict", help="Exit 1 on warnings as well as errors.")


def default_format() -> str:
    """``github`` under GitHub Actions, else ``text``."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


COLOR = typer.Option(
    Color.auto, "--color", help="Colour output: auto (terminal, no NO_COLOR), always or never."
)
NO_CACHE = typer.Option(
    False, "--no-cache", help="Check every file afresh; neither read nor write .imh-cache/."
)
PORTFOLIO_PATH = typer.Argument(
    None,
    metavar="PATH",
    help="The portfolio folder, or a file inside it (default: the one you are in).",
    show_default=False,
)
PORTFOLIO_OR_BUNDLE = typer.Argument(
    None,
    metavar="PATH",
    help="The portfolio folder, a file inside it, or a bundle zip (verified first, read in "
    "memory, never extracted). Default: the portfolio you are in.",
    show_default=False,
)
FORCE = typer.Option(False, "--force", help="Replace the --output file if it exists.")
EXCEL = typer.Option(
    False,
    "--excel",
    help="With --format csv: start with a byte order mark, so Excel reads the text as UTF-8.",
)


def excel_bom(excel: bool, chosen: str | None) -> str:
    """The text to write first for ``--excel`` (a BOM, or nothing); refused without csv."""
    if not excel:
        return ""
    if chosen != "csv":
        raise UsageError("--excel goes with --format csv")
    from imhcli.output.escaping import EXCEL_BOM

    return EXCEL_BOM


PORTFOLIO = typer.Option(
    None, "--portfolio", "-p", help="The portfolio folder (default: the one you are in)."
)


def parse_date(value: str | None, *, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date written YYYY-MM-DD") from None


def portfolio_root(path: Path | None, flag: Path | None = None) -> Path:
    """The portfolio a command works on: ``PATH`` or ``--portfolio`` (the same either
    way), or else the one around the working folder."""
    from imhcli.errors import NotAPortfolioError, PathNotFoundError, UsageError
    from imhcli.load.portfolio import find_root

    if path is not None and flag is not None and path.resolve() != flag.resolve():
        raise UsageError("give the portfolio once: as PATH or as --portfolio PATH, not both")
    start = path or flag or Path.cwd()
    if not start.exists():
        raise PathNotFoundError(path=start)
    root = find_root(start)
    if root is None:
        raise NotAPortfolioError(path=start)
    return root


def emit(text: str, output: Path | None, *, force: bool) -> None:
    """Write ``text`` to stdout, or atomically to ``output`` (replacing it only with force)."""
    import sys

    if output is None:
        sys.stdout.write(text)
        return
    from imhcli.base.files import require_output_folder, write_atomic

    require_output_folder(output)
    write_atomic(output, text, overwrite=force)
    sys.stderr.write(f"wrote {output}\n")
