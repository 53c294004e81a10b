"""A framework as Markdown: a heading and a table per domain."""

from __future__ import annotations

from imhcli.models.framework import Framework
from imhcli.output.escaping import md_cell
from imhcli.output.framework import ExportOptions, descriptors, domains_at, title_at


def render(framework: Framework, options: ExportOptions) -> str:
    """The whole document."""
    lines = [f"# {md_cell(title_at(framework, options.level))}", ""]
    lines += [f"{md_cell(framework.publisher)}, version {md_cell(framework.version)}."]
    if framework.wording == "summary":
        lines += ["", "The statements are summaries, not the publisher's wording."]
    for domain, comps in domains_at(framework, options.level):
        lines += ["", f"## {domain.id}. {md_cell(domain.title)}", ""]
        lines += ["| Id | Group | Statement | Levels |", "|---|---|---|---|"]
        for comp in comps:
            shown = descriptors(framework, comp, options.level) or [
                f"Level {n}" for n in sorted(comp.levels)
            ]
            levels = "<br>".join(md_cell(text) for text in shown)
            lines.append(
                f"| {md_cell(comp.id)} | {md_cell(comp.group or '')} "
                f"| {md_cell(comp.statement)} | {levels} |"
            )
    return "\n".join(lines) + "\n"
