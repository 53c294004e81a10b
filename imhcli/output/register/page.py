"""The register's page: one self-contained HTML file, searchable and sortable offline.

The table is plain HTML and reads fine without scripts. A short inline script
filters the rows as you type in the search box (announcing how many are shown)
and sorts by a column when its heading is clicked. A Content-Security-Policy
forbids every request: the page loads nothing from anywhere.
"""

from __future__ import annotations

from html import escape

from imhcli.models.register import Listing, Register
from imhcli.output.register.names import CSV, JSON, badge_name

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
  padding: 0 1rem; color: #1d1d1f; }
label { font-weight: 600; display: block; margin-bottom: .25rem; }
input[type=search] { font: inherit; padding: .4rem .6rem; width: min(28rem, 100%);
  border: 2px solid #555; border-radius: 4px; }
input[type=search]:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { padding: .45rem .6rem; border-bottom: 1px solid #ccc; text-align: left; }
th { background: #f3f3f5; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; text-decoration: underline dotted; }
th button:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
a { color: #1a5fb4; }
"""

_SEARCH = """
(function () {
  var box = document.getElementById("search");
  var count = document.getElementById("shown");
  var rows = Array.from(document.querySelectorAll("tbody tr"));
  function fold(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  box.addEventListener("input", function () {
    var words = fold(box.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = fold(row.textContent);
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = "Showing " + shown + " of " + rows.length + ".";
  });
})();
"""

_COLUMNS = (("Name", "text"), ("Level", "num"), ("Framework", "text"), ("Recognised", "date"))


def page(register: Register) -> str:
    """The whole HTML document."""
    from imhcli.output.cohort_page import SORT_SCRIPT
    from imhcli.output.escaping import visible_page

    title = escape(register.issuer.name)
    total = len(register.listings)
    head = "".join(
        f'<th scope="col"><button type="button">{name}</button></th>' for name, _ in _COLUMNS
    )
    rows = "\n".join(_row(listing) for listing in register.listings)
    return visible_page(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{title}</h1>\n"
        f"<p>Practitioners recognised after a successful review of their portfolio, who "
        f"chose to be named here: {total}.</p>\n"
        '<label for="search">Search the register</label>\n'
        '<input type="search" id="search" autocomplete="off" '
        'aria-describedby="shown" placeholder="Name, level or framework">\n'
        f'<p id="shown" aria-live="polite">Showing {total} of {total}.</p>\n'
        "<table>\n<caption>The register, by name; choose a heading to sort</caption>\n"
        f'<thead><tr>{head}<th scope="col">Badge</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        f'<p>Also as <a href="{CSV}">CSV</a> and <a href="{JSON}">JSON</a>.</p>\n'
        f"</main>\n<script>{SORT_SCRIPT}{_SEARCH}</script>\n</body>\n</html>\n"
    )


def _row(listing: Listing) -> str:
    cells = [
        (listing.name, listing.name),
        (f"{listing.level}: {listing.level_title}", str(listing.level)),
        (listing.framework_title, listing.framework_title),
        (_day(listing), listing.recognised.isoformat()),
    ]
    tds = "".join(f'<td data-sort="{escape(key)}">{escape(text)}</td>' for text, key in cells)
    link = f'<a href="{escape(badge_name(listing.id))}">Open Badge</a>'
    return f"<tr>{tds}<td>{link}</td></tr>"


def _day(listing: Listing) -> str:
    day = listing.recognised
    return f"{day.day} {day:%B %Y}"
