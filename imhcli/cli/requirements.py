"""`imh requirements`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, PORTFOLIO, PORTFOLIO_OR_BUNDLE, Color, choices, value
from imhcli.output.requirements_table import REQUIREMENTS

EPILOG = """[bold]Examples[/]

  imh requirements                           the profiles under `requirements:`
  imh requirements --profile nmc-revalidation --as-of 2027-03-31
  imh requirements -P swe-cpd -P profiles/our-course.yaml
  imh requirements --format json | jq '.profiles[] | {id, met}'
  imh requirements --strict                  exit 1 while a rule is unmet (for CI)
"""


RequirementsFormat = choices("RequirementsFormat", REQUIREMENTS)


def requirements(
    path: Path = PORTFOLIO_OR_BUNDLE,
    portfolio_path: Path = PORTFOLIO,
    profile: list[str] = typer.Option(
        None,
        "--profile",
        "-P",
        metavar="ID|FILE",
        help="A profile id or file (repeatable; default: the portfolio's `requirements:`).",
    ),
    as_of: str = typer.Option(
        None, "--as-of", metavar="DATE", help="Evaluate as of this day (default: today)."
    ),
    output_format: RequirementsFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any rule is unmet."),
    color: Color = COLOR,
) -> int:
    """Check the portfolio against requirement profiles: what each rule needs and what is there."""
    from imhcli.analysis.requirements import evaluate
    from imhcli.cli.loaded import open_portfolio
    from imhcli.cli.options import parse_date
    from imhcli.load.profiles import profiles_for

    day = parse_date(as_of, option="--as-of")
    portfolio, counting = open_portfolio(path, today=day, flag=portfolio_path)
    report = evaluate(portfolio, profiles_for(portfolio, profile or None), day, counting=counting)
    REQUIREMENTS[value(output_format) or "text"](report, out=sys.stdout, color=color.forced())
    return report.exit_code(strict=strict)


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(requirements)
