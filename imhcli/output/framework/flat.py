"""A flat CSV of a framework for people and spreadsheets: one row per competency."""

from __future__ import annotations

import io

from imhcli.models.framework import Framework
from imhcli.output.escaping import write_csv
from imhcli.output.framework import ExportOptions, domains_at


def render(framework: Framework, options: ExportOptions) -> str:
    """Columns: domain id, domain title, id, group, statement, then one per level shown."""
    levels = [lv for lv in framework.levels if options.level in (None, lv.id)]
    head = ["domain_id", "domain_title", "id", "group", "statement"]
    rows = []
    for domain, comps in domains_at(framework, options.level):
        for comp in comps:
            cells: list[object] = [domain.id, domain.title, comp.id, comp.group, comp.statement]
            cells += [_descriptor(comp.levels, lv.id) for lv in levels]
            rows.append([" ".join(str(c or "").split()) for c in cells])
    buffer = io.StringIO()
    write_csv(buffer, head + [f"level_{lv.id}" for lv in levels], rows)
    return buffer.getvalue()


def _descriptor(levels: dict[int, str | None], level: int) -> str:
    """The level's descriptor; ``applies`` when it applies without one; empty when not."""
    if level not in levels:
        return ""
    return levels[level] or "applies"
