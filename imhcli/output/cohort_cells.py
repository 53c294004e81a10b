"""A cohort row as people read it: the columns of the text table and the HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imhcli.models.cohort import Row

#: The text table's columns: heading and alignment.
TEXT_COLUMNS = (
    ("portfolio", "left"),
    ("practitioner", "left"),
    ("level", "right"),
    ("errors", "right"),
    ("warnings", "right"),
    ("coverage", "right"),
    ("requirements", "left"),
    ("review", "left"),
    ("status", "left"),
)


def text_cells(row: Row) -> list[str]:
    """A row as the text table (and the HTML page) shows it, one string per column."""
    return [
        row.path,
        row.practitioner or "",
        "" if row.level is None else str(row.level),
        str(row.errors),
        str(row.warnings),
        "" if row.coverage is None else f"{row.coverage:.1f}%",
        row.requirements_text(),
        row.review_text(),
        row.status_text(),
    ]
