"""`imh check`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import (
    COLOR,
    FINDINGS_FORMAT,
    NO_CACHE,
    STRICT,
    Color,
    FindingsFormat,
    default_format,
    value,
)
from imhcli.output.findings import FINDINGS

EPILOG = """[bold]Examples[/]

  imh check                                  the portfolio you are in
  imh check examples/level-2-health-visitor  one portfolio
  imh check entries/2025/2025-03-04-gibbs.md one file (and portfolio.yaml)
  imh check cohort/ --format json            every portfolio below a folder, as JSON
  imh check --strict                         warnings fail too (exit 1)
  imh check --format sarif > imh.sarif       for code scanning (also github, junit)
  imh check --no-cache                       ignore and do not write .imh-cache/
  imh check --whole-portfolio a.md b/c.md    the whole portfolios these files are in
"""


def check(
    paths: list[Path] = typer.Argument(
        None, help="Portfolios, folders of portfolios, or files in a portfolio (default: .)"
    ),
    output_format: FindingsFormat = FINDINGS_FORMAT,  # type: ignore[valid-type]
    strict: bool = STRICT,
    whole: bool = typer.Option(
        False,
        "--whole-portfolio",
        help="Each path stands for its whole portfolio; paths outside any portfolio are "
        "skipped (what the pre-commit hook passes).",
    ),
    no_cache: bool = NO_CACHE,
    color: Color = COLOR,
) -> int:
    """Check portfolios against the format and the framework; report findings."""
    from imhcli.check.run import check as run_check

    paths = paths or [Path()]
    if whole:
        paths = _portfolio_roots(paths)
        if not paths:
            typer.echo("imh: no portfolio files among the paths; nothing to check", err=True)
            return 0
    report = run_check(paths, use_cache=not no_cache)
    FINDINGS[value(output_format) or default_format()](report, out=sys.stdout, color=color.forced())
    return report.exit_code(strict=strict)


def _portfolio_roots(paths: list[Path]) -> list[Path]:
    """The portfolios the paths lie in, once each, in order."""
    from imhcli.load.portfolio import find_root

    roots = (find_root(p) for p in paths if p.exists())
    return list(dict.fromkeys(r for r in roots if r is not None))


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(check)
