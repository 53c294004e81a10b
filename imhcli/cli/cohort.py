"""`imh cohort`."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from imhcli.cli.options import COLOR, EXCEL, NO_CACHE, Color, choices, value
from imhcli.output.cohort_table import COHORT

if TYPE_CHECKING:
    from imhcli.check.targets import Target
    from imhcli.models.cohort import Row
    from imhcli.output.cohort_table import CohortWriter

EPILOG = """[bold]Examples[/]

  imh cohort cohort-2025/                     every portfolio and bundle below a folder
  imh cohort submissions/*.zip --format csv -o results.csv
  imh cohort cohort-2025/ --format html -o cohort.html
  imh cohort cohort-2025/ --jobs 1 --fail-on warning
  imh cohort cohort-2025/ --format sarif > imh.sarif    for code scanning

Exit 1 when any row reaches --fail-on (default error; a portfolio that cannot
be read counts as an error).
"""

CohortFormat = choices("CohortFormat", COHORT)
FailOnChoice = choices("FailOnChoice", ["error", "warning", "never"])


def cohort(
    paths: list[Path] = typer.Argument(
        ..., help="Folders holding portfolios or bundle zips, portfolios, or zips."
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes (default: every core; 1: no workers)."
    ),
    output_format: CohortFormat = typer.Option(  # type: ignore[valid-type]
        None,
        "--format",
        "-f",
        help="Output format (default text; github under GitHub Actions).",
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file instead of stdout."
    ),
    fail_on: FailOnChoice = typer.Option(  # type: ignore[valid-type]
        "error", "--fail-on", help="Exit 1 when a row has errors, warnings, or never."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --output file."),
    excel: bool = EXCEL,
    no_cache: bool = NO_CACHE,
    color: Color = COLOR,
) -> int:
    """Check many portfolios and bundles in parallel; one summary row each."""
    from imhcli.check.targets import find_targets
    from imhcli.cli.options import default_format, excel_bom
    from imhcli.models.cohort import FailOn, exit_code

    targets = find_targets(paths, bundles=True)
    name = value(output_format) or default_format()
    bom = excel_bom(excel, name)
    with ExitStack() as stack:
        out = _open_output(stack, output, force=force)
        out.write(bom)
        rows = _run(targets, name, out, jobs=jobs, use_cache=not no_cache, color=color)
    if output is not None:
        typer.echo(f"wrote {output}", err=True)
    threshold = FailOn(value(fail_on) or "error")
    return exit_code(rows, threshold)


def _open_output(stack: ExitStack, output: Path | None, *, force: bool) -> TextIO:
    from imhcli.base.files import atomic_text_writer, require_output_folder
    from imhcli.errors import RefuseOverwriteError

    if output is None:
        return sys.stdout
    if output.exists() and not force:
        raise RefuseOverwriteError(path=output)
    require_output_folder(output)
    return stack.enter_context(atomic_text_writer(output, overwrite=force))


def _run(
    targets: list[Target], name: str, out: TextIO, *, jobs: int, use_cache: bool, color: Color
) -> list[Row]:
    from imhcli.cohort.run import run
    from imhcli.output.progress import ProgressBar

    writer: CohortWriter = COHORT[name](out, color.forced() if out is sys.stdout else False)
    rows: list[Row] = []
    outcomes = run(targets, jobs=jobs or None, use_cache=use_cache, details=writer.details)
    with ProgressBar("checking") as bar:
        for outcome in outcomes:
            writer.add(outcome)
            rows.append(outcome.row)
            bar.update(len(rows), len(targets))
    rows.sort(key=lambda r: r.path)
    writer.finish(rows)
    return rows


def register(app: typer.Typer) -> None:
    app.command(epilog=EPILOG)(cohort)
