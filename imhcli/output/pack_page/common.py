"""Pieces every pack page shares: the first page, tables, filled and blank fields.

Every value a practitioner wrote is escaped here or rendered by the report's safe
Markdown renderer; nothing is passed through as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path

from imhcli.analysis.forms.common import Header
from imhcli.analysis.requirements import RuleResult
from imhcli.analysis.windows import Window, long_date
from imhcli.base.words import number
from imhcli.output.escaping import visible_page
from imhcli.output.report.html import page
from imhcli.output.report.markdown import render_markdown


@lru_cache(maxsize=1)
def pack_css() -> str:
    """The packs' additions to the report's stylesheet."""
    return (Path(__file__).parent / "pack.css").read_text(encoding="utf-8")


def document(head: Header, forms: Sequence[str]) -> str:
    """The whole pack: the first page with the verdicts, then one section per form."""
    body = "\n".join([first_page(head), *forms])
    html = page(f"{head.title}: {head.practitioner}", body, head.as_of, extra_css=pack_css())
    return visible_page(html)


def form(anchor: str, title: str, *parts: str) -> str:
    """One form: a section that starts a new printed page."""
    inner = "\n".join(p for p in parts if p)
    return (
        f'<section class="form" id="{anchor}" aria-labelledby="{anchor}-h">\n'
        f'<h2 id="{anchor}-h">{escape(title)}</h2>\n{inner}\n</section>'
    )


def first_page(head: Header) -> str:
    """Who, the profile's window and every rule's verdict, and what was not counted."""
    profile = head.profile
    verdict = _verdict(profile.met)
    facts = [
        ("Name", escape(head.practitioner)),
        ("Role", escape(head.role or "")),
        ("Registration", escape("; ".join(head.registrations))),
        ("Requirements", escape(profile.title)),
        ("Window", escape(window_text(profile.window))),
        ("As of", escape(long_date(head.as_of))),
    ]
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v)
    needed = (
        f'<p class="needed">Still needed: {escape(profile.still_needed)}.</p>'
        if profile.still_needed
        else ""
    )
    needed += "".join(f'<p class="note">Note: {escape(w)}</p>' for w in profile.warnings)
    return f"""<header>
<h1>{escape(head.title)}</h1>
<p class="subtitle">Filled from the portfolio of {escape(head.practitioner)} by imh</p>
</header>
<section id="verdicts" aria-labelledby="verdicts-h">
<h2 id="verdicts-h">Requirements: {verdict}</h2>
<dl class="facts">{rows}</dl>
{needed}
{_rules_table(profile.rules)}
<p class="note">Source: {escape(profile.source)}</p>
{_not_counted(head)}
</section>"""


def _verdict(met: bool) -> str:
    return (
        '<span class="verdict-met">met</span>'
        if met
        else '<span class="verdict-unmet">not yet met</span>'
    )


def _rules_table(rules: Iterable[RuleResult]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(r.description)}</th>'
        f'<td class="num">{escape(number(r.actual))} of {escape(number(r.required))}'
        f" {escape(r.unit)}</td><td>{_verdict(r.met)}</td>"
        f"<td>{escape(r.still_needed or '')}</td></tr>"
        for r in rules
    )
    return table(["Rule", "Counted", "Verdict", "Still needed"], rows, caption="Each rule")


def _not_counted(head: Header) -> str:
    if not head.not_counted:
        return "<p>Every entry each rule looked at was counted.</p>"
    rows = "".join(
        f"<tr><td><code>{escape(n.path)}</code></td><td>{escape(n.rule)}</td>"
        f"<td>{escape(n.reason)}</td></tr>"
        for n in head.not_counted
    )
    return "<h3>Not counted</h3>" + table(["Entry", "Rule", "Why not"], rows)


def table(columns: Sequence[str], rows: str, *, caption: str = "", foot: str = "") -> str:
    """A table with escaped column headings; ``rows`` and ``foot`` are HTML already."""
    heads = "".join(
        f'<th scope="col"{" class=num" if c.endswith("ours") else ""}>{escape(c)}</th>'
        for c in columns
    )
    cap = f'<caption class="visually-hidden">{escape(caption)}</caption>' if caption else ""
    tail = f"<tfoot>{foot}</tfoot>" if foot else ""
    if not rows:
        span = len(columns)
        rows = f'<tr><td colspan="{span}">None counted.</td></tr>'
    return f"<table>{cap}<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody>{tail}</table>"


def cell(value: object) -> str:
    """A table cell with an escaped value (a decimal as a person writes it)."""
    if isinstance(value, Decimal):
        return f'<td class="num">{escape(number(value))}</td>'
    if isinstance(value, dt.date):
        return f"<td>{escape(value.isoformat())}</td>"
    return f"<td>{escape('' if value is None else str(value))}</td>"


def row(*values: object) -> str:
    """A table row of escaped cells (see :func:`cell`)."""
    return "<tr>" + "".join(cell(v) for v in values) + "</tr>"


def dates(start: dt.date, end: dt.date | None) -> str:
    """A date or a range, ISO style."""
    return start.isoformat() if end is None or end == start else f"{start} to {end}"


def prose(markdown: str) -> str:
    """The practitioner's own writing, rendered safely, in an answer box."""
    inner = render_markdown(markdown, heading_shift=3) if markdown.strip() else ""
    return f'<div class="answer">{inner}</div>'


def blank(label: str) -> str:
    """A labelled blank line to fill in by hand."""
    return f'<dt>{escape(label)}</dt><dd><span class="blank"></span></dd>'


def filled(label: str, value: str | None) -> str:
    """A labelled field with an escaped value (or a blank line when there is none)."""
    if not value:
        return blank(label)
    return f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>"


def window_text(window: Window) -> str:
    if window.start is None and window.end is None:
        return "all time"
    if window.start is None:
        return f"up to {long_date(window.end)}" if window.end else "all time"
    end = long_date(window.end) if window.end else "open"
    return f"{long_date(window.start)} to {end}"


def bullet_list(items: Iterable[str], *, css: str = "") -> str:
    lis = "".join(f"<li>{escape(i)}</li>" for i in items)
    klass = f' class="{css}"' if css else ""
    return f"<ul{klass}>{lis}</ul>" if lis else ""
