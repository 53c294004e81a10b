"""The HCPC pack page: a CPD profile as an audit asks for it."""

from __future__ import annotations

from html import escape

from imhcli.analysis.forms.hcpc import STATEMENT_WORDS, SUMMARY_WORDS, HcpcPack
from imhcli.output.pack_page.common import bullet_list, dates, document, form, prose, row, table


def render_hcpc(pack: HcpcPack) -> str:
    """The HCPC CPD profile as one self-contained, printable page."""
    forms = [_summary(pack), _statement(pack), _activities(pack), _evidence(pack)]
    return document(pack.header, forms)


def _count(words: int, limit: int) -> str:
    klass = ' class="limit-over"' if words > limit else ""
    return f"<p{klass}>{words:,} words (at most {limit:,}).</p>"


def _summary(pack: HcpcPack) -> str:
    if pack.summary is None:
        body = "<p>No summary of practice has been written yet.</p>"
    else:
        source = f'<p class="note">From <code>{escape(pack.summary_source or "")}</code>.</p>'
        body = prose(pack.summary) + _count(pack.summary_words, SUMMARY_WORDS) + source
    problems = bullet_list(pack.problems, css="checklist")
    return form("summary", "Summary of practice", body, problems)


def _statement(pack: HcpcPack) -> str:
    parts = "".join(
        f"<h3>{escape(p.activity.title)}</h3>"
        f'<p class="note">{escape(dates(p.activity.date, p.activity.end))}; '
        f"{escape(p.activity.kind)}; <code>{escape(p.activity.path)}</code></p>" + prose(p.text)
        for p in pack.statement
    )
    return form(
        "statement",
        "Personal statement",
        _count(pack.statement_words, STATEMENT_WORDS),
        parts or "<p>No activities to describe yet.</p>",
    )


def _activities(pack: HcpcPack) -> str:
    rows = "".join(row(dates(a.date, a.end), a.kind, a.title, a.hours) for a in pack.activities)
    breaks = "".join(row(dates(b.start, b.end), b.reason, b.path) for b in pack.breaks)
    unexplained = bullet_list(pack.unexplained_gaps)
    return form(
        "activities",
        "Dated list of CPD activities",
        table(["Dates", "Type", "Activity", "Hours"], rows),
        "<h3>Explained gaps</h3>" + table(["Dates", "Reason", "Entry"], breaks),
        ("<h3>Gaps to explain</h3>" + unexplained) if unexplained else "",
    )


def _evidence(pack: HcpcPack) -> str:
    items = bullet_list(pack.evidence) or "<p>No evidence files are listed.</p>"
    return form("evidence", "Evidence", items)
