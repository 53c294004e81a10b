"""`imh cohort --format html`: one self-contained page with a sortable table.

The table is plain HTML and reads fine without scripts; a short inline script
sorts it when a column heading is clicked (numbers as numbers, empty cells last).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from imhcli.models.cohort import Row
from imhcli.output.cohort_cells import text_cells
from imhcli.output.escaping import visible_page

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
th { background: #f3f3f5; position: sticky; top: 0; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.errors td.status, tr.failed td.status { color: #b00020; font-weight: 600; }
tr.warnings td.status { color: #8a5a00; }
tr.ok td.status { color: #1b6e20; }
"""

#: Sorts a table when a heading's button is clicked: numbers as numbers, empty cells last.
SORT_SCRIPT = """
document.querySelectorAll("th button").forEach(function (button, column) {
  button.addEventListener("click", function () {
    var body = document.querySelector("tbody");
    var rows = Array.from(body.rows);
    var up = button.dataset.dir !== "up";
    document.querySelectorAll("th button").forEach(function (b) {
      delete b.dataset.dir;
      b.parentNode.removeAttribute("aria-sort");
    });
    button.dataset.dir = up ? "up" : "down";
    button.parentNode.setAttribute("aria-sort", up ? "ascending" : "descending");
    function key(row) { return row.cells[column].dataset.sort || row.cells[column].textContent; }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === "") return 1;
      if (y === "") return -1;
      var nx = Number(x), ny = Number(y);
      var order = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
      return up ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""

_COLUMNS = (
    ("Portfolio", ""),
    ("Practitioner", ""),
    ("Level", "num"),
    ("Errors", "num"),
    ("Warnings", "num"),
    ("Coverage", "num"),
    ("Requirements", ""),
    ("Review", ""),
    ("Status", "status"),
)


def _cells(row: Row) -> list[tuple[str, str]]:
    """(shown text, sort key) for each column."""
    keys = {5: "" if row.coverage is None else str(row.coverage)}
    return [(text, keys.get(i, text)) for i, text in enumerate(text_cells(row))]


def _row(row: Row) -> str:
    cells = "".join(
        f'<td class="{kind}" data-sort="{escape(key)}">{escape(text)}</td>'
        for (text, key), (_, kind) in zip(_cells(row), _COLUMNS, strict=True)
    )
    return f'<tr class="{row.status}">{cells}</tr>'


#: The rows arrive sorted by path, the first column.
_SORTED = ' aria-sort="ascending"'


def page(rows: Sequence[Row], summary: str) -> str:
    """The whole HTML document."""
    head = "".join(
        f'<th class="{kind}" scope="col"{_SORTED if i == 0 else ""}>'
        f'<button type="button">{escape(name)}</button></th>'
        for i, (name, kind) in enumerate(_COLUMNS)
    )
    body = "\n".join(_row(r) for r in rows)
    return visible_page(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>imh cohort</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>imh cohort</h1>\n<p>{escape(summary)}</p>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
        f"<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )
