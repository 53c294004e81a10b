"""`imh calendar`."""

from __future__ import annotations

from pathlib import Path

import typer

from imhcli.cli.options import FORCE, PORTFOLIO, PORTFOLIO_PATH, choices, emit, value
from imhcli.output.calendar import CALENDAR

EPILOG = """[bold]Examples[/]

  imh calendar -o deadlines.ics                 the portfolio you are in
  imh calendar examples/level-2-health-visitor -o deadlines.ics --force
  imh calendar --profile swe-cpd --remind 28 -o deadlines.ics
  imh calendar --format json                    the same deadlines for scripts

Import the .ics file into your calendar (Outlook, Google, Apple): importing it again
after a change updates the events rather than adding copies.
"""

CalendarFormat = choices("CalendarFormat", CALENDAR)


def calendar(
    path: Path = PORTFOLIO_PATH,
    portfolio_path: Path = PORTFOLIO,
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the calendar to this file (default: stdout)."
    ),
    force: bool = FORCE,
    profile: list[str] = typer.Option(
        [], "--profile", help="A requirement profile id or file (default: the portfolio's)."
    ),
    remind: int = typer.Option(
        14, "--remind", min=0, max=365, help="Days before each deadline to remind you."
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="Which windows are current, YYYY-MM-DD (default: today)."
    ),
    output_format: CalendarFormat = typer.Option(  # type: ignore[valid-type]
        "ics", "--format", "-f", help="ics (iCalendar) or json."
    ),
) -> None:
    """Write your deadlines as an iCalendar file: plans, renewals, requirement windows."""
    from imhcli.check.gate import privacy_gate
    from imhcli.cli.loaded import open_portfolio
    from imhcli.cli.options import parse_date
    from imhcli.export.deadlines import deadlines, plan_entries
    from imhcli.load.profiles import load_profile

    day = parse_date(as_of, option="--as-of")
    portfolio, _ = open_portfolio(
        path, today=day, flag=portfolio_path
    )  # deadlines need no counting
    privacy_gate(portfolio, entries=plan_entries(portfolio), action="write the calendar")
    refs = profile or (portfolio.config.requirements if portfolio.config else [])
    profiles = [load_profile(ref, base=portfolio.root) for ref in refs]
    found = deadlines(portfolio, profiles, as_of=day or portfolio.today)
    render = CALENDAR[value(output_format) or "ics"]
    emit(render(found, remind_days=remind), output, force=force)


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(calendar)
