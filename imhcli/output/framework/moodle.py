"""Moodle's competency framework CSV, as its importer (tool_lpimportcsv) reads it.

The importer reads 14 columns by position. One row is the framework itself
("Is framework" 1) and carries the rating scale, its configuration and one
taxonomy term per depth; domains are top-level competencies (empty parent) and
each competency names its domain's ID number as parent. Competencies inherit
the framework's scale. Descriptions are plain text (format 2).
"""

from __future__ import annotations

import io
import json

from imhcli.models.framework import Competency, Domain, Framework
from imhcli.output.escaping import shorten, write_csv
from imhcli.output.framework import ExportOptions, descriptors, domains_at, title_at

HEADER = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
#: Moodle cuts ID numbers and short names at 100 characters; we shorten them ourselves.
MAX_NAME = 100
PLAIN_TEXT = "2"
#: The grid's two outcomes: "Working towards" is the default, "Achieved" is proficient.
SCALE_VALUES = ("Working towards", "Achieved")
TAXONOMY = "domain,competency"


def scale_configuration() -> str:
    """The JSON Moodle stores with a scale: which value is the default, which proficient."""
    items: list[dict[str, object]] = [{"scaleid": "1"}]
    for i, _ in enumerate(SCALE_VALUES, start=1):
        last = i == len(SCALE_VALUES)
        items.append({"id": i, "scaledefault": int(i == 1), "proficient": int(last)})
    return json.dumps(items, separators=(",", ":"))


def framework_id(framework: Framework, level: int | None) -> str:
    """The framework's ID number in Moodle: its id, with the level when there is one."""
    return shorten(framework.id if level is None else f"{framework.id}-level-{level}", MAX_NAME)


def domain_id(domain: Domain) -> str:
    return f"domain-{domain.id}"


def render(framework: Framework, options: ExportOptions) -> str:
    """The whole CSV file."""
    rows = [_framework_row(framework, options.level)]
    for domain, comps in domains_at(framework, options.level):
        rows.append(_row("", domain_id(domain), f"{domain.id} {domain.title}", domain.summary))
        rows += [_competency_row(framework, domain, c, options.level) for c in comps]
    buffer = io.StringIO()
    write_csv(buffer, HEADER, rows, keep="\n")  # descriptions are paragraphs
    return buffer.getvalue()


def _framework_row(framework: Framework, level: int | None) -> list[str]:
    about = [framework.title, f"Publisher: {framework.publisher}", f"Version: {framework.version}"]
    if framework.wording_note:
        about.append(" ".join(framework.wording_note.split()))
    row = _row("", framework_id(framework, level), title_at(framework, level), "\n\n".join(about))
    row[5], row[6], row[12], row[13] = ",".join(SCALE_VALUES), scale_configuration(), "1", TAXONOMY
    return row


def _competency_row(
    framework: Framework, domain: Domain, comp: Competency, level: int | None
) -> list[str]:
    parts = [" ".join(comp.statement.split())]
    if comp.group:
        parts.append(f"Group: {comp.group}")
    parts += descriptors(framework, comp, level)
    return _row(domain_id(domain), comp.id, f"{comp.id} {comp.statement}", "\n\n".join(parts))


def _row(parent: str, id_number: str, short_name: str, description: str) -> list[str]:
    row = [""] * len(HEADER)
    row[0], row[1] = parent, shorten(id_number, MAX_NAME)
    row[2], row[3], row[4] = shorten(short_name, MAX_NAME), description.strip(), PLAIN_TEXT
    return row
