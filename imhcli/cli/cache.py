"""`imh cache clear`."""

from __future__ import annotations

from pathlib import Path

import typer

EPILOG = """[bold]Examples[/]

  imh cache clear                  the cache of the portfolio you are in
  imh cache clear cohort-2025/     the caches of every portfolio below a folder
  imh cache clear --all            also everything in the user cache folder
"""

cache_app = typer.Typer(
    name="cache",
    help="Manage imh's cache of check results (.imh-cache/ in each portfolio).",
    no_args_is_help=True,
)


@cache_app.command(epilog=EPILOG)
def clear(
    paths: list[Path] = typer.Argument(
        None, help="Portfolios, or folders with portfolios below them (default: .)."
    ),
    all_users: bool = typer.Option(
        False, "--all", help="Also empty imh's folder in the user cache (~/.cache/imh)."
    ),
) -> None:
    """Delete cached check results, so that the next check reads every file afresh."""
    from imhcli.check.cache import clear as clear_cache
    from imhcli.check.targets import find_targets

    removed = []
    for target in find_targets(paths or [Path()]):
        removed += clear_cache(target.path)
    if all_users:
        removed += clear_cache(None)
    for folder in removed:
        typer.echo(f"removed {folder}", err=True)
    if not removed:
        typer.echo("no cache to remove", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app)
