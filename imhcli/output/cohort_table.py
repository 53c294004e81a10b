"""Output of `imh cohort`: one row per portfolio, in seven formats.

Row formats (text, json, csv, html) write every row, sorted by path, once the
run is over; only rows are kept. Finding formats (github, sarif, junit) write
each portfolio's findings as soon as it is checked and then drop them, so a
cohort of any size is reported in bounded memory. The shapes of json and csv
are documented in docs/cohort.md and kept stable.

:data:`COHORT` is the registry of writers, by ``--format`` name. This module is
read when ``imh --help`` runs, so models are imported inside the writers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from imhcli.base.words import plural
from imhcli.output.cohort_cells import TEXT_COLUMNS, text_cells
from imhcli.output.escaping import visible, write_csv
from imhcli.output.registry import Registry

if TYPE_CHECKING:
    from imhcli.diagnostics import Diagnostic
    from imhcli.models.cohort import Outcome, Row


class CohortWriter:
    """Receives outcomes as they complete; writes the report to ``out``."""

    details = False

    def __init__(self, out: TextIO, color: bool | None = None) -> None:
        self.out = out
        self.color = color

    def add(self, outcome: Outcome) -> None:
        """Called once per portfolio, in the order they complete."""

    def finish(self, rows: Sequence[Row]) -> None:
        """Called once at the end with every row, sorted by path."""


#: `imh cohort --format`: a writer class for each name.
COHORT: Registry[type[CohortWriter]] = Registry("cohort")


def csv_columns() -> tuple[str, ...]:
    """The CSV header: Row's fields in order."""
    from imhcli.models.cohort import Row

    return tuple(Row.model_fields)


def failure_diagnostic(row: Row) -> Diagnostic:
    """A failed row as a finding (IMH109) for the formats that only know findings."""
    from imhcli.diagnostics import make

    return make(
        "IMH109", f"{row.kind} could not be checked: {row.problem}", portfolio=row.path, path=""
    )


def _findings(outcome: Outcome) -> list[Diagnostic]:
    if outcome.row.status == "failed":
        return [failure_diagnostic(outcome.row)]
    return outcome.diagnostics


@COHORT.add("text")
class TextWriter(CohortWriter):
    def finish(self, rows: Sequence[Row]) -> None:
        from rich.markup import escape
        from rich.table import Table

        from imhcli.output.console import make_console

        console = make_console(self.out, self.color)
        cells = [[visible(cell) for cell in text_cells(row)] for row in rows]
        if not self.out.isatty():
            # A file or pipe has no width to keep to: never fold a path in two.
            console.width = max(console.width, _table_width(cells))
        table = Table(box=None, header_style="bold", pad_edge=False)
        for name, justify in TEXT_COLUMNS:
            table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for row_cells in cells:
            table.add_row(*(escape(cell) for cell in row_cells))
        console.print(table)
        console.print(escape(summary_line(rows)), soft_wrap=True)


def _table_width(cells: list[list[str]]) -> int:
    widths = [len(name) for name, _ in TEXT_COLUMNS]
    for row in cells:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    return sum(widths) + 2 * len(widths)


def summary_line(rows: Sequence[Row]) -> str:
    from imhcli.models.cohort import summarise

    s = summarise(rows)
    bundles = sum(r.kind == "bundle" for r in rows)
    what = plural(len(rows) - bundles, "portfolio") + (
        f" and {plural(bundles, 'bundle')}" if bundles else ""
    )
    failed = f", {s.failed:,} could not be checked" if s.failed else ""
    return (
        f"{what}: {s.with_errors:,} with errors{failed}; "
        f"{plural(s.errors, 'error')} and {plural(s.warnings, 'warning')} in all."
    )


@COHORT.add("json")
class JsonWriter(CohortWriter):
    def finish(self, rows: Sequence[Row]) -> None:
        from imhcli.models.cohort import summarise

        document = {
            "rows": [r.model_dump(mode="json") for r in rows],
            "summary": summarise(rows).model_dump(mode="json"),
        }
        json.dump(document, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


def csv_cells(row: Row) -> list[Any]:
    data = row.model_dump(mode="json")
    data["unmet"] = ";".join(row.unmet)
    return ["" if data[c] is None else data[c] for c in csv_columns()]


@COHORT.add("csv")
class CsvWriter(CohortWriter):
    def finish(self, rows: Sequence[Row]) -> None:
        write_csv(self.out, csv_columns(), (csv_cells(r) for r in rows))


@COHORT.add("html")
class HtmlWriter(CohortWriter):
    def finish(self, rows: Sequence[Row]) -> None:
        from imhcli.output.cohort_page import page

        self.out.write(page(rows, summary_line(rows)))


@COHORT.add("github")
class GithubWriter(CohortWriter):
    """Annotations as each portfolio completes; a table of rows in the step summary."""

    details = True

    def add(self, outcome: Outcome) -> None:
        from imhcli.output.findings.github import workflow_commands

        for line in workflow_commands(_findings(outcome)):
            self.out.write(line + "\n")

    def finish(self, rows: Sequence[Row]) -> None:
        from imhcli.output.escaping import md_cell
        from imhcli.output.findings.github import append_step_summary

        self.out.write(f"imh: {summary_line(rows)}\n")
        lines = [
            f"## imh cohort\n\n{summary_line(rows)}\n",
            "| " + " | ".join(name for name, _ in TEXT_COLUMNS) + " |",
            "|" + "---|" * len(TEXT_COLUMNS),
        ]
        lines += ["| " + " | ".join(md_cell(c) for c in text_cells(r)) + " |" for r in rows]
        append_step_summary("\n".join(lines) + "\n")


@COHORT.add("sarif")
class SarifWriter(CohortWriter):
    details = True

    def __init__(self, out: TextIO, color: bool | None = None) -> None:
        from imhcli.output.findings.sarif import SarifStream

        super().__init__(out, color)
        self.stream = SarifStream(out)

    def add(self, outcome: Outcome) -> None:
        self.stream.add(_findings(outcome))

    def finish(self, rows: Sequence[Row]) -> None:
        self.stream.close()


@COHORT.add("junit")
class JunitWriter(CohortWriter):
    details = True

    def __init__(self, out: TextIO, color: bool | None = None) -> None:
        from imhcli.output.findings.junit import open_tag

        super().__init__(out, color)
        out.write(open_tag("imh cohort"))

    def add(self, outcome: Outcome) -> None:
        from imhcli.output.findings.junit import testsuite

        files = outcome.files or ([] if outcome.row.status == "failed" else ["portfolio.yaml"])
        self.out.write(testsuite(outcome.row.path, files, _findings(outcome)))

    def finish(self, rows: Sequence[Row]) -> None:
        from imhcli.output.findings.junit import CLOSE_TAG

        self.out.write(CLOSE_TAG)
