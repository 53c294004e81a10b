"""The entries section: every final entry with its front matter and its body.

Everything an entry says is escaped; bodies go through :mod:`imhcli.output.report.markdown`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import escape
from typing import Any

from imhcli.analysis.coverage import CoverageReport
from imhcli.base.words import number
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.entries import EntryBase, SelfAssessment
from imhcli.models.entry_types import ENTRY_KINDS
from imhcli.models.framework import Framework
from imhcli.models.verdicts import Counting
from imhcli.output.report.grid import competency_anchor
from imhcli.output.report.markdown import render_markdown

_BASE_FIELDS = frozenset(EntryBase.model_fields) | {"type", "ratings"}
#: Entry body headings move below the entry's own title (h4).
HEADING_SHIFT = 4


def final_entries(portfolio: Portfolio, counting: Counting) -> list[Entry]:
    """The entries that count, in page order: by type, then date, then path."""
    order = {kind.name: index for index, kind in enumerate(ENTRY_KINDS)}
    found = [
        e
        for e in portfolio.entries
        if e.model is not None and e.model.is_final and counting.counts(e.rel)
    ]
    return sorted(
        found,
        key=lambda e: (order.get(e.type or "", len(order)), e.model.date, e.rel),  # type: ignore[union-attr]
    )


def entries_section(entries: list[Entry], framework: Framework, report: CoverageReport) -> str:
    """The entries, one group per type, each with its front matter and rendered body."""
    in_grid = {c.id for c in report.competencies}
    anchors = _entry_anchors(entries)
    groups: list[str] = []
    for entry_type, heading in ((kind.name, kind.heading) for kind in ENTRY_KINDS):
        chosen = [e for e in entries if e.type == entry_type]
        if not chosen:
            continue
        articles = "\n".join(_entry(e, framework, in_grid, anchors) for e in chosen)
        groups.append(
            f'<section class="entry-type" aria-labelledby="type-{entry_type}">\n'
            f'<h3 id="type-{entry_type}">{heading} ({len(chosen)})</h3>\n{articles}\n</section>'
        )
    body = "\n".join(groups) or "<p>No final entries yet.</p>"
    return f"""<section id="entries" class="entries" aria-labelledby="entries-h">
<h2 id="entries-h">Entries</h2>
{body}
</section>"""


def _entry_anchors(entries: list[Entry]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for entry in sorted(entries, key=lambda e: e.rel):
        base = "entry-" + re.sub(r"[^a-z0-9]+", "-", entry.rel.lower().removesuffix(".md")).strip(
            "-"
        )
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        anchors[entry.rel] = anchor
    return anchors


def _entry(entry: Entry, framework: Framework, in_grid: set[str], anchors: dict[str, str]) -> str:
    model = entry.model
    assert model is not None
    title = model.title or f"Self-assessment, {model.date.isoformat()}"
    meta = "".join(
        f"<div><dt>{escape(k)}</dt><dd>{v}</dd></div>"
        for k, v in _meta(entry, model, framework, in_grid, anchors)
    )
    ratings = _ratings(model, framework) if isinstance(model, SelfAssessment) else ""
    body = render_markdown(entry.body, heading_shift=HEADING_SHIFT) if entry.body.strip() else ""
    return f"""<article class="entry" id="{anchors[entry.rel]}">
<header class="entry-head">
<h4>{escape(title)}</h4>
<dl class="entry-meta">{meta}</dl>
<p class="entry-path"><code>{escape(entry.rel)}</code></p>
</header>
{ratings}<div class="entry-body">
{body}</div>
</article>"""


def _meta(
    entry: Entry,
    model: EntryBase,
    framework: Framework,
    in_grid: set[str],
    anchors: dict[str, str],
) -> list[tuple[str, str]]:
    when = model.date.isoformat() + (f" to {model.end.isoformat()}" if model.end else "")
    items = [("Date", escape(when)), ("Type", escape(entry.type or ""))]
    if model.hours is not None:
        items.append(("Hours", escape(number(Decimal(str(model.hours)), places=2))))
    items.extend(_own_fields(model))
    if model.competencies:
        items.append(("Competencies", _competencies(model.competencies, framework, in_grid)))
    if model.evidence:
        items.append(("Evidence", _list(f"<code>{escape(p)}</code>" for p in model.evidence)))
    if model.about:
        items.append(("About", _list(_about_link(p, anchors) for p in model.about)))
    if model.tags:
        items.append(("Tags", _list(escape(t) for t in model.tags)))
    return items


def _own_fields(model: EntryBase) -> list[tuple[str, str]]:
    items = []
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        if name in _BASE_FIELDS or value is None:
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, dt.date):
            value = value.isoformat()
        items.append((name.replace("_", " ").capitalize(), escape(str(value))))
    return items


def _competencies(refs: list[str | float | int], framework: Framework, in_grid: set[str]) -> str:
    shown = []
    for ref in refs:
        comp = framework.resolve(ref)
        if comp is None:
            shown.append(f"{escape(str(ref))} (not in the framework)")
        elif comp.id in in_grid:
            shown.append(f'<a href="#{competency_anchor(comp.id)}">{escape(comp.id)}</a>')
        else:
            shown.append(f"{escape(comp.id)} (not at this level)")
    return _list(shown)


def _about_link(path: str, anchors: dict[str, str]) -> str:
    anchor = anchors.get(path.removeprefix("./"))
    text = f"<code>{escape(path)}</code>"
    return f'<a href="#{anchor}">{text}</a>' if anchor else text


def _list(items: Any) -> str:
    return '<ul class="chips">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _ratings(model: SelfAssessment, framework: Framework) -> str:
    by_rating: dict[str, list[str]] = {"achieved": [], "working-towards": [], "not-started": []}
    for ref, rating in model.ratings.items():
        comp = framework.resolve(ref)
        by_rating[rating].append(comp.id if comp else str(ref))
    rows = "".join(
        f"<dt>{escape(rating.replace('-', ' ').capitalize())} ({len(ids)})</dt>"
        f"<dd>{escape(', '.join(sorted(ids, key=_id_key)))}</dd>"
        for rating, ids in by_rating.items()
        if ids
    )
    return f'<dl class="ratings">{rows}</dl>\n' if rows else ""


def _id_key(comp_id: str) -> tuple[int, ...] | tuple[float, str]:
    parts = comp_id.split(".")
    if all(p.isdigit() for p in parts):
        return tuple(int(p) for p in parts)
    return (float("inf"), comp_id)
