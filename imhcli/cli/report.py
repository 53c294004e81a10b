"""`imh report`."""

from __future__ import annotations

from pathlib import Path

import typer

from imhcli.cli.options import FORCE, PORTFOLIO, PORTFOLIO_OR_BUNDLE

EPILOG = """[bold]Examples[/]

  imh report -o report.html                  the portfolio you are in
  imh report examples/level-2-health-visitor -o report.html --force
  imh report --as-of 2027-03-31 > report.html
"""


def report(
    path: Path = PORTFOLIO_OR_BUNDLE,
    portfolio_path: Path = PORTFOLIO,
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the page to this file (default: stdout)."
    ),
    force: bool = FORCE,
    as_of: str = typer.Option(
        None,
        "--as-of",
        help="Report date, YYYY-MM-DD; windows of requirements end here (default: today).",
    ),
) -> None:
    """Write a self-contained HTML page of the portfolio: summary, coverage, hours, entries."""
    from imhcli.check.counting import counting_for
    from imhcli.check.gate import privacy_gate
    from imhcli.cli.loaded import is_bundle, open_bundle
    from imhcli.cli.options import emit, parse_date, portfolio_root
    from imhcli.load.portfolio import load
    from imhcli.output.report import render_report

    day = parse_date(as_of, option="--as-of")
    if portfolio_path is None and is_bundle(path):
        # An assessor's view of a zip: verified, read in memory, dated as it was bagged.
        portfolio, bagged = open_bundle(path, today=day)
        day = day or bagged
    else:
        portfolio = load(portfolio_root(path, portfolio_path), today=day)
    cleared = privacy_gate(portfolio, action="write the report")
    with_errors = cleared.entries_with_errors(portfolio)
    counting = counting_for(portfolio, cleared.diagnostics)  # the gate ran the rules already
    page = render_report(portfolio, today=day, with_errors=with_errors, counting=counting)
    emit(page, output, force=force)


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(report)
