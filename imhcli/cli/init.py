"""`imh init`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

EPILOG = """[bold]Examples[/]

  imh init my-portfolio --level 2 --name "Sam Example"
  imh init . --level 3 --requirements imhcf-level-3 --requirements hcpc-cpd
  imh init my-portfolio --dry-run          show what would be written
"""


def init(
    directory: Path = typer.Argument(Path(), help="Folder for the portfolio (created if needed)."),
    level: int = typer.Option(1, "--level", "-l", help="Your framework level (IMHCF: 1, 2 or 3)."),
    name: str = typer.Option(None, "--name", help="Your name (default: git's user.name)."),
    framework: str = typer.Option(
        "imhcf-2019", "--framework", help="A bundled framework id or a path to a framework file."
    ),
    requirements: list[str] = typer.Option(
        None, "--requirements", "-r", help="A requirement profile to track (repeatable)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would be written."),
    force: bool = typer.Option(
        False, "--force", help="Replace an existing portfolio.yaml (nothing else is replaced)."
    ),
) -> None:
    """Start a portfolio: portfolio.yaml, entries/, evidence/, private/ and a .gitignore."""
    from imhcli.scaffold.new import init_portfolio

    result = init_portfolio(
        directory,
        level=level,
        name=name,
        framework=framework,
        requirements=requirements or [],
        dry_run=dry_run,
        force=force,
    )
    verb = "would create" if dry_run else "created"
    for rel in result.created:
        sys.stderr.write(f"{verb:>13}  {directory / rel}\n")
    for rel in result.overwritten:
        sys.stderr.write(f"{'would replace' if dry_run else 'replaced':>13}  {directory / rel}\n")
    for rel in result.skipped:
        sys.stderr.write(f"{'kept':>13}  {directory / rel} (exists)\n")
    if not dry_run:
        sys.stderr.write(f'\nNext: cd {directory} && imh new reflection "A first reflection"\n')


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(init)
