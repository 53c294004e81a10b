"""`imh gaps`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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
from imhcli.output.gaps_table import GAPS

if TYPE_CHECKING:
    from imhcli.analysis.coverage import CoverageReport
    from imhcli.load.portfolio import Portfolio

EPILOG = """[bold]Examples[/]

  imh gaps                                   the portfolio you are in, at its level
  imh gaps examples/level-2-health-visitor --level 3   what level 3 would still need
  imh gaps --domain 6 --format markdown      one domain, as Markdown tables
  imh gaps --format json | jq .summary       the totals, for a script
  imh gaps --plan --due 2027-03-31           a draft plan entry for every gap
  imh gaps --plan -c 4.02 -c 5.01 --due 2027-01-31
"""


GapsFormat = choices("GapsFormat", GAPS)


def gaps(
    path: Path = PORTFOLIO_OR_BUNDLE,
    portfolio_path: Path = PORTFOLIO,
    level: int = typer.Option(None, "--level", "-l", help="Look at another level."),
    domain: int = typer.Option(None, "--domain", "-d", help="Only this domain (e.g. 6)."),
    output_format: GapsFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output."
    ),
    plan: bool = typer.Option(
        False, "--plan", help="Write a draft plan entry per gap (or per --competency)."
    ),
    competency: list[str] = typer.Option(
        None,
        "--competency",
        "-c",
        metavar="ID",
        help="With --plan: plan for this competency (repeatable).",
    ),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="With --plan: the plans' due date, YYYY-MM-DD."
    ),
    excel: bool = EXCEL,
    color: Color = COLOR,
) -> None:
    """Show what the portfolio evidences, claims and plans for each competency, and the gaps."""
    from imhcli.analysis.coverage import coverage
    from imhcli.cli.loaded import open_portfolio
    from imhcli.cli.options import parse_date
    from imhcli.errors import UsageError

    if not plan and (competency or due):
        raise UsageError("--competency and --due go with --plan")
    chosen = value(output_format) or "text"
    bom = excel_bom(excel, chosen)
    portfolio, counting = open_portfolio(path, flag=portfolio_path)
    report = coverage(portfolio, counting=counting, level=level, domain=domain)
    if plan:
        _write_plans(portfolio, report, competency, parse_date(due, option="--due"))
        return
    sys.stdout.write(bom)
    GAPS[chosen](report, out=sys.stdout, color=color.forced())


def _write_plans(
    portfolio: Portfolio, report: CoverageReport, competency: list[str] | None, due: dt.date | None
) -> None:
    from imhcli.scaffold.plans import write_plans

    result = write_plans(portfolio, report, competencies=competency or None, due=due)
    for rel in result.created:
        sys.stdout.write(f"{portfolio.root / rel}\n")
    for comp_id, why in result.skipped.items():
        sys.stderr.write(f"skipped {comp_id}: {why}\n")
    if not result.created and not result.skipped:
        sys.stderr.write("no gaps: nothing to plan\n")


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(gaps)
