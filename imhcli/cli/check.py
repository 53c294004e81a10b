"""`imh check`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, Color, choices, value

EPILOG = """[bold]Examples[/]

  imh check                                  the portfolio you are in
  imh check examples/level-2-health-visitor  one portfolio
  imh check entries/2025/2025-03-04-gibbs.md one file (and portfolio.yaml)
  imh check cohort/ --format json            every portfolio below a folder, as JSON
  imh check --strict                         warnings fail too (exit 1)
"""


def _format_choices() -> type[StrEnum]:
    from imhcli.reporters import REPORTERS

    return choices("OutputFormat", list(REPORTERS))


OutputFormat = _format_choices()


def default_format() -> str:
    from imhcli.reporters import REPORTERS

    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS:
        return "github"
    return "text"


def check(
    paths: list[Path] = typer.Argument(
        None, help="Portfolios, folders of portfolios, or files in a portfolio (default: .)"
    ),
    output_format: OutputFormat = typer.Option(  # type: ignore[valid-type]
        None,
        "--format",
        "-f",
        help="Output format (default text; github under GitHub Actions).",
        show_default=False,
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings as well as errors."),
    color: Color = COLOR,
) -> None:
    """Check portfolios against the format and the framework; report findings."""
    from imhcli.check import check as run_check
    from imhcli.reporters import reporter

    report = run_check(paths or [Path()])
    reporter(value(output_format) or default_format())(report, out=sys.stdout, color=color.forced())
    raise typer.Exit(report.exit_code(strict=strict))


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(check)
