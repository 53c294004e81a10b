"""`imh framework`: export a framework for other systems, import one from a grid, show one."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from imhcli.cli.options import COLOR, FORCE, Color, choices, emit, value
from imhcli.output.framework import DEFAULT_BASE_URI, EXPORTERS

EXPORT_EPILOG = """[bold]Examples[/]

  imh framework export --format moodle-csv -o imhcf.csv          all three levels
  imh framework export --format moodle-csv --level 2 -o level2.csv
  imh framework export --format case-json -o imhcf-case.json
  imh framework export --framework my-framework.yaml --format markdown
  SOURCE_DATE_EPOCH=1764460800 imh framework export --format case-json
"""

SHOW_EPILOG = """[bold]Examples[/]

  imh framework show                     the portfolio's framework (or IMHCF)
  imh framework show --level 2           with the level 2 descriptors
  imh framework show --framework my-framework.yaml
"""

IMPORT_EPILOG = """[bold]Examples[/]

  imh framework import-grid imhcf-grid.csv -o my-framework.yaml
  imh framework import-grid grid.csv -o f.yaml --map "Competency ref=id" --map "Heading=group"
  imh framework import-grid grid.csv -o f.yaml --map "Practitioner=level-1" --base imhcf-2019

Headers it knows, and the fields for --map, are listed in docs/interop.md.
"""

ExportFormat = choices("ExportFormat", EXPORTERS)

FRAMEWORK = typer.Option(
    None,
    "--framework",
    help="A bundled framework id or a framework file (default: the portfolio's, else imhcf-2019).",
)
LEVEL = typer.Option(None, "--level", "-l", help="Only the competencies graded at this level.")

app = typer.Typer(
    name="framework",
    help="Export a framework (Moodle, CASE, CSV, Markdown), import one from a grid, show one.",
    no_args_is_help=True,
)


@app.command(epilog=EXPORT_EPILOG)
def export(
    output_format: ExportFormat = typer.Option(  # type: ignore[valid-type]
        ..., "--format", "-f", help="moodle-csv, case-json, csv or markdown."
    ),
    framework: str = FRAMEWORK,
    level: int = LEVEL,
    output: Path = typer.Option(
        None, "--output", "-o", help="Write to this file (default: stdout)."
    ),
    force: bool = FORCE,
    base_uri: str = typer.Option(
        DEFAULT_BASE_URI, "--base-uri", help="The start of every URI in a CASE package."
    ),
) -> None:
    """Write a framework as Moodle's competency CSV, a CASE 1.1 package, a CSV or Markdown."""
    from imhcli.export.framework import changed_at, chosen_framework
    from imhcli.output.framework import ExportOptions

    found, path = chosen_framework(framework, cwd=Path.cwd())
    _check_level(found, level)
    options = ExportOptions(level=level, changed=changed_at(path), base_uri=base_uri)
    text = EXPORTERS[value(output_format) or ""](found, options)
    emit(text, output, force=force)


@app.command("import-grid", epilog=IMPORT_EPILOG)
def import_grid(
    grid: Path = typer.Argument(..., metavar="GRID.csv", help="The assessment grid, as CSV."),
    output: Path = typer.Option(
        None, "--output", "-o", help="The framework file to write (default: stdout)."
    ),
    mapping: list[str] = typer.Option(
        [], "--map", help="HEADER=FIELD for a header imh does not know (repeatable)."
    ),
    base: str = typer.Option(
        "imhcf-2019", "--base", help="The framework whose levels, title and domains to use."
    ),
    framework_id: str = typer.Option(
        None, "--id", help="The new framework's id (default: from the output file's name)."
    ),
    force: bool = FORCE,
    color: Color = COLOR,
) -> int:
    """Make a framework file (official wording) from an assessment grid CSV."""
    from imhcli.diagnostics import CheckReport
    from imhcli.export.framework import chosen_framework
    from imhcli.export.grid import default_id, import_grid
    from imhcli.export.grid_columns import parse_map
    from imhcli.output.findings import FINDINGS

    base_framework, _ = chosen_framework(base, cwd=Path.cwd())
    new_id = framework_id or default_id(output or grid)
    result = import_grid(grid, base=base_framework, framework_id=new_id, mapping=parse_map(mapping))
    found = result.grid.diagnostics
    if found:
        report = CheckReport.build(found, portfolios=1, files=1)
        FINDINGS["text"](report, out=sys.stderr, color=color.forced())
    if result.text is None:
        sys.stderr.write("imh framework import-grid: the grid has errors; nothing was written\n")
        return result.exit_code()
    emit(result.text, output, force=force)
    rows = len(result.grid.rows)
    sys.stderr.write(f"{rows} competencies imported; check it with `imh framework show`\n")
    return result.exit_code()


@app.command(epilog=SHOW_EPILOG)
def show(framework: str = FRAMEWORK, level: int = LEVEL, color: Color = COLOR) -> None:
    """Print a framework as a tree: domains, group headings and competencies."""
    from imhcli.export.framework import chosen_framework
    from imhcli.output.framework.tree import render

    found, _ = chosen_framework(framework, cwd=Path.cwd())
    _check_level(found, level)
    render(found, level=level, out=sys.stdout, color=color.forced())


def _check_level(framework: object, level: int | None) -> None:
    from imhcli.errors import UsageError
    from imhcli.models.framework import Framework

    assert isinstance(framework, Framework)
    if level is not None and framework.level(level) is None:
        known = ", ".join(str(lv.id) for lv in framework.levels)
        raise UsageError(f"--level {level}: the framework has levels {known}")


def register(root: typer.Typer) -> None:
    root.add_typer(app)
