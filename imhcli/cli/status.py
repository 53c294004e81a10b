"""`imh status`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, PORTFOLIO, Color, choices, value
from imhcli.output.status_text import STATUS

EPILOG = """[bold]Examples[/]

  imh status                      the portfolio you are in
  imh status ~/portfolio --format json

States: not submitted, submitted (a bundle is made and no review of it is accepted
yet), in review, revision requested, signed off, not approved.
"""


StatusFormat = choices("StatusFormat", STATUS)


def status(
    path: Path = typer.Argument(
        None, help="The portfolio folder, or a file inside it (default: the one you are in)."
    ),
    portfolio_path: Path = PORTFOLIO,
    output_format: StatusFormat = typer.Option(  # type: ignore[valid-type]
        "text", "--format", "-f", help="Output format: text or json."
    ),
    color: Color = COLOR,
) -> None:
    """Show the submission history: bundles made, reviews received, where it stands."""
    from imhcli.check.targets import label_for
    from imhcli.cli.options import portfolio_root
    from imhcli.review.status import portfolio_status

    root = portfolio_root(path, portfolio_path)
    report = portfolio_status(root, label=label_for(root))
    STATUS[value(output_format) or "text"](report, out=sys.stdout, color=color.forced())


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(status)
