"""The framework file an assessment grid gives: YAML that loads as a framework.

Levels, title, publisher and the domains' summaries come from a base framework;
the competencies, their headings, statements and descriptors from the grid, as
the file's ``provenance:`` says.
"""

from __future__ import annotations

import json

from imhcli.export.grid_data import Grid, GridRow
from imhcli.models.framework import Framework, ProvenanceItem


def framework_text(grid: Grid, base: Framework, *, framework_id: str) -> str:
    """The YAML of the framework a clean grid gives, on the base framework's levels."""
    source = f"imported from {grid.name}"
    lines = [
        f"# Framework imported from the assessment grid {grid.name} by imh framework import-grid.",
        f"# Levels, title and publisher come from the framework {base.id}.",
        f"id: {_q(framework_id)}",
        f"version: {_q(base.version)}",
        f"title: {_q(base.title)}",
        f"publisher: {_q(base.publisher)}",
        "wording: official",
        f"wording_note: {_q(f'Competencies, headings, statements and descriptors are {source}.')}",
        f"source: {_q(source)}",
        "provenance:",
    ]
    for item in _provenance(grid, base, source):
        lines += _mapping(item.model_dump(exclude_none=True), "  - ")
    lines.append("levels:")
    for lv in base.levels:
        lines += _mapping({"id": lv.id, "title": lv.title, "audience": lv.audience}, "  - ")
    lines.append("domains:")
    for number, rows in _by_domain(grid).items():
        lines += _domain(number, rows, base)
    return "\n".join(lines) + "\n"


def _provenance(grid: Grid, base: Framework, source: str) -> list[ProvenanceItem]:
    kept = [p for p in base.provenance if p.field.startswith(("levels", "domains"))]
    if any(r.domain_title for r in grid.rows):
        kept = [p for p in kept if not p.field.startswith("domains (id, title")]
        kept.append(
            ProvenanceItem(
                field="domains (id, title)",
                covers="the domain titles",
                structure="published",
                source=source,
            )
        )
    return [
        *kept,
        ProvenanceItem(
            field="competencies (id, group)",
            structure="published",
            source=source,
            covers="the competencies, their numbers and group headings",
        ),
        ProvenanceItem(
            field="competencies (statement, levels)",
            wording="published",
            source=source,
            covers="the competency statements and level descriptors",
        ),
    ]


def _by_domain(grid: Grid) -> dict[int, list[GridRow]]:
    out: dict[int, list[GridRow]] = {}
    for row in grid.rows:
        out.setdefault(int(row.id.partition(".")[0]), []).append(row)
    return dict(sorted(out.items()))


def _domain(number: int, rows: list[GridRow], base: Framework) -> list[str]:
    known = next((d for d in base.domains if d.id == number), None)
    title = next((r.domain_title for r in rows if r.domain_title), None)
    title = title or (known.title if known else f"Domain {number}")
    summary = known.summary if known and title == known.title else title
    lines = _mapping({"id": number, "title": title, "summary": summary}, "  - ")
    lines.append("    competencies:")
    for row in rows:
        comp: dict[str, object] = {"id": row.id}
        if row.group:
            comp["group"] = row.group
        comp["statement"] = row.statement
        lines += _mapping(comp, "      - ")
        lines.append("        levels:" + ("" if row.levels else " {}"))
        lines += [f"          {lv}: {_q(text)}" for lv, text in row.levels.items()]
    return lines


def _mapping(values: dict[str, object], first: str) -> list[str]:
    pad = " " * len(first)
    return [f"{first if i == 0 else pad}{k}: {_q(v)}" for i, (k, v) in enumerate(values.items())]


def _q(value: object) -> str:
    """A YAML scalar: numbers as they are, text double-quoted (JSON strings are YAML)."""
    if value is None:
        return "null"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)
