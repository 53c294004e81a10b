"""`imh gaps` output: a coverage grid and "where to next", or CSV and Markdown tables."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from imhcli.base.words import plural
from imhcli.output.console import make_console
from imhcli.output.escaping import write_csv
from imhcli.output.registry import Registry, Renderer, render_json

if TYPE_CHECKING:
    from rich.console import Console

    from imhcli.analysis.coverage import CompetencyStatus, CoverageReport, Status

#: `imh gaps --format`: the renderers of a coverage report.
GAPS: Registry[Renderer[CoverageReport]] = Registry("gaps")

#: One cell per competency; the glyphs differ so the grid reads without colour too.
CELL: dict[Status, tuple[str, str]] = {
    "evidenced": ("●", "green"),
    "claimed": ("◐", "yellow"),
    "planned": ("○", "cyan"),
    "gap": ("·", "red"),
}
CSV_COLUMNS = (
    "id",
    "domain",
    "domain_title",
    "group",
    "status",
    "evidence_count",
    "evidence",
    "evidence_types",
    "self_assessment",
    "plans",
    "statement",
)


@GAPS.add("text")
def render_text(report: CoverageReport, *, out: TextIO, color: bool | None = None) -> None:
    """The grid by domain (one coloured cell per competency), then the gaps by domain."""
    from rich.markup import escape

    console = make_console(out, color)
    s = report.summary
    console.print(
        f"[bold]Coverage at level {report.level}[/] of {escape(report.framework)}: "
        f"{s.evidenced} of {s.total} evidenced ({s.percent:g}%), {s.claimed} claimed, "
        f"{s.planned} planned, {plural(s.gaps, 'gap')}",
        soft_wrap=True,
    )
    if report.framework_notice:
        console.print(f"[dim]{escape(report.framework_notice)}[/]", soft_wrap=True)
    console.print()
    width = min(36, max((len(d.title) for d in report.domains), default=10))
    cells = {d.id: [c for c in report.competencies if c.domain == d.id] for d in report.domains}
    cell_width = max((len(v) for v in cells.values()), default=0)
    for domain in report.domains:
        title = domain.title if len(domain.title) <= width else domain.title[: width - 1] + "…"
        grid = "".join(_cell(c) for c in cells[domain.id])
        pad = " " * (cell_width - len(cells[domain.id]))
        console.print(
            f" {domain.id:>2} {escape(title):<{width}}  {grid}{pad}  {domain.percent:5.1f}%"
            f"  [dim]{domain.evidenced}/{domain.total}[/]",
            soft_wrap=True,
            highlight=False,
        )
    legend = "  ".join(f"[{style}]{glyph}[/] {status}" for status, (glyph, style) in CELL.items())
    console.print(f"\n [dim]key:[/] {legend}")
    _where_next(console, report)


def _cell(comp: CompetencyStatus) -> str:
    glyph, style = CELL[comp.status]
    return f"[{style}]{glyph}[/]"


def _where_next(console: Console, report: CoverageReport) -> None:
    from rich.markup import escape

    gaps = report.gaps()
    claimed = [c.id for c in report.competencies if c.status == "claimed"]
    console.print()
    if not gaps:
        console.print("[bold green]No gaps[/] at this level.")
    else:
        console.print(f"[bold]Where to next[/] ({plural(len(gaps), 'gap')})")
    for (domain, title), group in groupby(gaps, key=lambda c: (c.domain, c.domain_title)):
        console.print(f"\n [bold]{domain} {escape(title)}[/]")
        for comp in group:
            heading = f" [dim]({escape(comp.group)})[/]" if comp.group else ""
            console.print(f"   [red]{comp.id}[/]{heading} {escape(comp.statement)}", soft_wrap=True)
            console.print(f"        [dim]evidence it with: {', '.join(comp.suggested_types)}[/]")
    if claimed:
        console.print(
            f"\n[yellow]Rated achieved but not yet evidenced:[/] {', '.join(claimed)}",
            soft_wrap=True,
        )


GAPS.add("json")(render_json)


@GAPS.add("csv")
def render_csv(report: CoverageReport, *, out: TextIO, color: bool | None = None) -> None:
    """One row per competency; lists are joined with ``;``."""
    write_csv(
        out,
        CSV_COLUMNS,
        (
            [
                c.id,
                c.domain,
                c.domain_title,
                c.group or "",
                c.status,
                len(c.evidence),
                ";".join(c.evidence),
                ";".join(f"{t}:{n}" for t, n in c.evidence_types.items()),
                c.self_assessment or "",
                ";".join(c.plans),
                c.statement,
            ]
            for c in report.competencies
        ),
    )


@GAPS.add("markdown")
def render_markdown(report: CoverageReport, *, out: TextIO, color: bool | None = None) -> None:
    """A summary line and one table per domain, for a README or an assessor's notes."""
    s = report.summary
    out.write(f"# Coverage at level {report.level} ({report.framework})\n\n")
    out.write(
        f"{s.evidenced} of {s.total} competencies evidenced ({s.percent:g}%), "
        f"{s.claimed} claimed, {s.planned} planned, {plural(s.gaps, 'gap')}.\n"
    )
    if report.framework_notice:
        out.write(f"\n_{_md(report.framework_notice)}_\n")
    for domain in report.domains:
        out.write(f"\n## {domain.id} {_md(domain.title)} ({domain.percent:g}%)\n\n")
        out.write("| Competency | Status | Evidence | Self-assessment |\n|---|---|---|---|\n")
        for c in report.competencies:
            if c.domain == domain.id:
                evidence = "<br>".join(f"`{_md(p)}`" for p in c.evidence) or "–"
                out.write(
                    f"| {c.id} {_md(c.group or '')} | {c.status} | {evidence} "
                    f"| {c.self_assessment or '–'} |\n"
                )


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
