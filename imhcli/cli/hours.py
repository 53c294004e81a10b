"""`imh hours`."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path

import typer

from imhcli.cli.options import (
    COLOR,
    EXCEL,
    PORTFOLIO,
    PORTFOLIO_OR_BUNDLE,
    Color,
    choices,
    excel_bom,
    value,
)
from imhcli.output.hours_table import HOURS

EPILOG = """[bold]Examples[/]

  imh hours                                  every final entry, by type
  imh hours --by month --last 12m            the last twelve months, month by month
  imh hours --by activity --from 2025-12-01 --to 2026-11-30
  imh hours --by competency --format csv > hours.csv
  imh hours --by kind --from 2025-01-01      supervision by kind (reflective, clinical, ...)
  imh hours --by mode                        supervision received alone and in a group
  imh hours --by quarter --last 3y --spread  multi-day courses divided over their days
  imh hours --format json --as-of 2027-03-31
"""


class GroupBy(StrEnum):
    type = "type"
    activity = "activity"
    kind = "kind"
    mode = "mode"
    month = "month"
    quarter = "quarter"
    year = "year"
    domain = "domain"
    competency = "competency"


HoursFormat = choices("HoursFormat", HOURS)


def hours(
    path: Path = PORTFOLIO_OR_BUNDLE,
    portfolio_path: Path = PORTFOLIO,
    by: GroupBy = typer.Option(GroupBy.type, "--by", "-b", help="Group the hours by this."),
    start: str = typer.Option(
        None, "--from", metavar="DATE", help="First day counted, YYYY-MM-DD."
    ),
    end: str = typer.Option(
        None, "--to", metavar="DATE", help="Last day counted (default: --as-of)."
    ),
    last: str = typer.Option(
        None,
        "--last",
        metavar="PERIOD",
        help="A period ending on --as-of: 90d, 6w, 12m, 3y (not with --from/--to).",
    ),
    as_of: str = typer.Option(
        None, "--as-of", metavar="DATE", help="The day to count up to (default: today)."
    ),
    spread: bool = typer.Option(
        False, "--spread", help="Divide a multi-day activity's hours over its days."
    ),
    output_format: HoursFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output."
    ),
    excel: bool = EXCEL,
    color: Color = COLOR,
) -> None:
    """Sum the hours of final entries, grouped, with participatory CPD and supervision apart."""
    from imhcli.analysis.hours import tally
    from imhcli.cli.loaded import open_portfolio

    chosen = value(output_format) or "text"
    bom = excel_bom(excel, chosen)
    window_start, window_end = _window(start, end, last, as_of)
    portfolio, counting = open_portfolio(path, flag=portfolio_path)
    report = tally(
        portfolio,
        counting=counting,
        by=by.value,
        start=window_start,
        end=window_end,
        spread=spread,
    )
    sys.stdout.write(bom)
    HOURS[chosen](report, out=sys.stdout, color=color.forced())


def _window(
    start: str | None, end: str | None, last: str | None, as_of: str | None
) -> tuple[dt.date | None, dt.date]:
    from imhcli.analysis.windows import last as last_window
    from imhcli.cli.options import parse_date
    from imhcli.errors import UsageError

    day = parse_date(as_of, option="--as-of") or dt.date.today()
    if last is not None:
        if start is not None or end is not None:
            raise UsageError("--last cannot be combined with --from or --to")
        window = last_window(last, as_of=day)
        assert window.start is not None and window.end is not None
        return window.start, window.end
    first = parse_date(start, option="--from")
    final = parse_date(end, option="--to") or day
    if first is not None and first > final:
        raise UsageError(f"--from {first} is after the last day counted, {final}")
    return first, final


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(hours)
