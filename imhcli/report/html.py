"""The report page: one self-contained HTML file for a portfolio.

The page has inline CSS and inline SVG only: no scripts, fonts, images or
stylesheets to fetch, so it reads the same offline, in an archive and on paper.
A Content-Security-Policy in the page forbids every load, so a mistake cannot
reach the network either. Everything the practitioner wrote is escaped.

The output depends only on the portfolio and ``today``: the same inputs give
the same bytes, which bundles rely on.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from imhcli import __version__
from imhcli.coverage import CompetencyStatus, CoverageReport, DomainCoverage, coverage
from imhcli.errors import UsageError
from imhcli.models.entries import EntryBase, SelfAssessment
from imhcli.models.framework import Framework
from imhcli.models.portfolio import PortfolioConfig
from imhcli.portfolio import Entry, Portfolio
from imhcli.report import data
from imhcli.report.markdown import render_markdown
from imhcli.report.svg import format_hours, hours_chart
from imhcli.requirements import ProfileResult, RuleResult, number
from imhcli.windows import Window

#: Symbol, label and meaning of each coverage status, in legend order.
STATUS_KEY: dict[str, tuple[str, str, str]] = {
    "evidenced": ("●", "evidenced", "a final entry shows it"),
    "claimed": ("◐", "claimed", "self-assessed achieved, no entry yet"),
    "planned": ("○", "planned", "an open plan names it"),
    "gap": ("✕", "gap", "nothing yet"),
}

#: Section heading of each entry type, in the order the page shows them.
TYPE_HEADINGS: dict[str, str] = {
    "reflection": "Reflective accounts",
    "practice": "Practice",
    "cpd": "CPD activities",
    "supervision": "Supervision",
    "feedback": "Feedback",
    "discussion": "Reflective discussions",
    "self-assessment": "Self-assessments",
    "plan": "Development plans",
}
#: How a count of each type reads in the summary.
TYPE_NOUNS: dict[str, tuple[str, str]] = {
    "reflection": ("reflection", "reflections"),
    "practice": ("practice record", "practice records"),
    "cpd": ("CPD activity", "CPD activities"),
    "supervision": ("supervision session", "supervision sessions"),
    "feedback": ("piece of feedback", "pieces of feedback"),
    "discussion": ("reflective discussion", "reflective discussions"),
    "self-assessment": ("self-assessment", "self-assessments"),
    "plan": ("plan", "plans"),
}

_BASE_FIELDS = frozenset(EntryBase.model_fields) | {"type", "ratings"}
#: Entry body headings move below the entry's own title (h4).
HEADING_SHIFT = 4


def render_report(portfolio: Portfolio, *, today: dt.date | None = None) -> str:
    """The report page for ``portfolio`` as a string of HTML.

    ``today`` is the date printed as the report date and used for windows of
    requirement profiles (default: the portfolio's ``today``). Raises
    :class:`~imhcli.errors.UsageError` when portfolio.yaml or its framework cannot be used.
    """
    config, framework = _usable(portfolio)
    day = today or portfolio.today
    report = coverage(portfolio)
    entries = final_entries(portfolio)
    hours = data.hours_summary(portfolio)
    requirements = data.requirements(portfolio, today=day)
    sections = [
        _summary(config, framework, portfolio, entries, hours, report, day),
        _coverage_section(report),
        _hours_section(hours),
        _requirements_section(requirements),
        _entries_section(entries, framework, report),
    ]
    title = f"CPD portfolio: {config.practitioner.name}"
    return _page(title, "\n".join(s for s in sections if s), day)


def _usable(portfolio: Portfolio) -> tuple[PortfolioConfig, Framework]:
    if portfolio.config is None or portfolio.framework is None:
        raise UsageError(
            "the report needs a valid portfolio.yaml and framework",
            hint="run `imh check` to see what to fix",
        )
    return portfolio.config, portfolio.framework


def final_entries(portfolio: Portfolio) -> list[Entry]:
    """Valid final entries in page order: by type, then date, then path."""
    order = {name: index for index, name in enumerate(TYPE_HEADINGS)}
    found = [e for e in portfolio.entries if e.model is not None and e.model.is_final]
    return sorted(
        found,
        key=lambda e: (order.get(e.type or "", len(order)), e.model.date, e.rel),  # type: ignore[union-attr]
    )


# --- page --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The page's CSS, read from the package."""
    return (Path(__file__).parent / "style.css").read_text(encoding="utf-8")


def _csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def _page(title: str, body: str, day: dt.date) -> str:
    css = stylesheet()
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{escape(_csp(css))}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="imh {escape(__version__)}">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>
<main>
{body}
<footer>Made with imh {escape(__version__)} on {day.isoformat()}. This page is self-contained:
it loads nothing from the network and prints as it is.</footer>
</main>
</body>
</html>
"""


# --- summary -----------------------------------------------------------------------------


def _summary(
    config: PortfolioConfig,
    framework: Framework,
    portfolio: Portfolio,
    entries: list[Entry],
    hours: data.HoursSummary,
    report: CoverageReport,
    day: dt.date,
) -> str:
    level = framework.level(config.level)
    facts = [
        ("Practitioner", escape(config.practitioner.name)),
        ("Role", escape(config.practitioner.role or "")),
        ("Organisation", escape(config.practitioner.organisation or "")),
        ("Registrations", _registrations(config)),
        ("Level", escape(f"{config.level}: {level.title}" if level else str(config.level))),
        ("Framework", _framework_fact(framework)),
        ("Requirements", escape(", ".join(config.requirements))),
        ("Recognition register", _register_fact(config)),
        ("Report date", escape(day.isoformat())),
    ]
    rows = "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v)
    heading = escape(config.practitioner.name)
    subtitle = escape(f"Infant mental health CPD portfolio, level {config.level}")
    return f"""<header>
<h1>{heading}</h1>
<p class="subtitle">{subtitle}</p>
{_toc()}
</header>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<dl class="facts">
{rows}
</dl>
{_stats(entries, hours, report)}
{_left_out(portfolio)}
</section>"""


def _toc() -> str:
    links = [
        ("summary", "Summary"),
        ("coverage", "Coverage"),
        ("hours", "Hours"),
        ("requirements", "Requirements"),
        ("entries", "Entries"),
    ]
    items = "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in links)
    return f'<nav class="toc" aria-label="Sections"><ul>{items}</ul></nav>'


def _registrations(config: PortfolioConfig) -> str:
    parts = []
    for reg in config.practitioner.registrations:
        text = reg.body + (f" {reg.number}" if reg.number else "")
        if reg.renewal:
            text += f" (renewal {reg.renewal.isoformat()})"
        parts.append(escape(text))
    return "; ".join(parts)


def _framework_fact(framework: Framework) -> str:
    text = f"{framework.title} ({framework.id}, version {framework.version})"
    if framework.wording == "summary":
        text += "; competency statements are imh's summaries, not the publisher's wording"
    return escape(text)


def _register_fact(config: PortfolioConfig) -> str:
    register = config.register_
    if not register.listed:
        return "not listed (by choice)"
    shown = register.display_name or config.practitioner.name
    return escape(f"listed as {shown}")


def _stats(entries: list[Entry], hours: data.HoursSummary, report: CoverageReport) -> str:
    counts = Counter(e.type for e in entries)
    items = [
        _stat(str(len(entries)), "final entries"),
        _stat(format_hours(hours.cpd_total), "CPD hours"),
        _stat(_percent(report.summary.percent), f"of level {report.level} evidenced"),
    ]
    by_type = "".join(
        f"<li><strong>{counts[t]}</strong> {escape(TYPE_NOUNS[t][counts[t] != 1])}</li>"
        for t in TYPE_HEADINGS
        if counts[t]
    )
    return (
        f'<ul class="stats">{"".join(items)}</ul>\n'
        f'<ul class="by-type" aria-label="Final entries by type">{by_type}</ul>'
    )


def _stat(value: str, label: str) -> str:
    return f'<li><span class="value">{escape(value)}</span> {escape(label)}</li>'


def _left_out(portfolio: Portfolio) -> str:
    drafts = sum(1 for e in portfolio.entries if e.model is not None and not e.model.is_final)
    broken = sum(1 for e in portfolio.entries if e.model is None)
    parts = []
    if drafts:
        parts.append(f"{drafts} draft{'s' if drafts != 1 else ''}")
    if broken:
        parts.append(
            f"{broken} file{'s' if broken != 1 else ''} with errors (run <code>imh check</code>)"
        )
    if not parts:
        return ""
    return f'<p class="note">Not included: {" and ".join(parts)}.</p>'


# --- coverage ----------------------------------------------------------------------------


def competency_anchor(comp_id: str) -> str:
    """The id of a competency's cell in the grid."""
    return "competency-" + re.sub(r"[^A-Za-z0-9]+", "-", comp_id).strip("-")


def _coverage_section(report: CoverageReport) -> str:
    legend = "".join(
        f'<li><span class="cell {status}" aria-hidden="true"><span class="symbol">{sym}'
        f"</span></span><span><strong>{label}</strong>: {meaning}</span></li>"
        for status, (sym, label, meaning) in STATUS_KEY.items()
    )
    domains = "\n".join(_domain(d, report.competencies) for d in report.domains)
    total = report.summary
    return f"""<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage of the framework at level {report.level}</h2>
<p>{total.evidenced} of {total.total} competencies evidenced ({_percent(total.percent)});
{total.claimed} claimed, {total.planned} planned, {total.gaps} gaps.</p>
<ul class="legend" aria-label="Legend">{legend}</ul>
{domains}
</section>"""


def _percent(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0") + "%"


def _domain(domain: DomainCoverage, comps: list[CompetencyStatus]) -> str:
    cells = "\n".join(_cell(c) for c in comps if c.domain == domain.id)
    width = max(0.0, min(100.0, domain.percent))
    return f"""<div class="domain">
<div class="domain-head"><h3>{domain.id}. {escape(domain.title)}</h3>
<span class="percent">{domain.evidenced}/{domain.total} evidenced, {_percent(domain.percent)}</span>
</div>
{_meter(width)}
<ul class="cells">
{cells}
</ul>
</div>"""


def _meter(percent: float) -> str:
    # An SVG bar, because a style="width: ..." attribute would need to relax the page's CSP.
    return (
        '<svg class="meter" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="meter-fill" width="{percent:.1f}" height="4"/></svg>'
    )


def _cell(comp: CompetencyStatus) -> str:
    symbol, label, _ = STATUS_KEY[comp.status]
    about = f"{comp.id} {comp.group + ': ' if comp.group else ''}{comp.statement}"
    count = len(comp.evidence)
    detail = f"{count} entr{'y' if count == 1 else 'ies'}" if count else label
    return (
        f'<li class="cell {comp.status}" id="{competency_anchor(comp.id)}" '
        f'title="{escape(about)} ({label})">'
        f'<span class="id">{escape(comp.id)}</span>'
        f'<span class="symbol" aria-hidden="true">{symbol}</span>'
        f'<span class="status">{escape(detail)}</span>'
        f'<span class="visually-hidden">{label}</span></li>'
    )


# --- hours -------------------------------------------------------------------------------


def _hours_section(hours: data.HoursSummary) -> str:
    chart = hours_chart(hours.monthly, title="CPD hours per month")
    rows = "".join(
        f'<tr class="{row.kind}"><th scope="row">{escape(row.label)}</th>'
        f'<td class="num">{format_hours(row.hours)}</td></tr>'
        for row in hours.totals
    )
    table = (
        f'<table class="hours-totals"><caption class="visually-hidden">Hours by kind</caption>'
        f'<thead><tr><th scope="col">Kind</th><th scope="col" class="num">Hours</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return f"""<section id="hours" aria-labelledby="hours-h">
<h2 id="hours-h">CPD hours</h2>
<figure class="chart-figure">
{chart}
</figure>
{table}
</section>"""


# --- requirements ------------------------------------------------------------------------


def _requirements_section(reqs: data.Requirements) -> str:
    parts = [_profile(result) for result in reqs.results]
    parts += [
        f'<div class="profile"><h3>{escape(ref)} {_badge(None)}</h3>'
        f"<p>Cannot be evaluated: {escape(why)}</p></div>"
        for ref, why in reqs.problems
    ]
    body = "\n".join(parts) or (
        "<p>portfolio.yaml lists no requirement profiles (<code>requirements:</code>).</p>"
    )
    return f"""<section id="requirements" aria-labelledby="requirements-h">
<h2 id="requirements-h">Requirements</h2>
{body}
</section>"""


def _profile(result: ProfileResult) -> str:
    window = _window_text(result.window)
    left = result.days_left
    if result.window.start is not None and left is not None and left > 0:
        window += f" ({left} day{'s' if left != 1 else ''} left)"
    needed = (
        f'<p class="needed">Still needed: {escape(result.still_needed)}.</p>'
        if result.still_needed
        else ""
    )
    notes = f'<p class="muted small">{escape(result.notes)}</p>' if result.notes else ""
    return f"""<div class="profile">
<h3>{escape(result.title)} {_badge(result.met)}</h3>
<p class="muted small">{escape(result.source.rstrip("."))}. Window: {escape(window)}.</p>
{needed}{_rules_table(result)}
{notes}</div>"""


def _window_text(window: Window) -> str:
    end = window.end.isoformat() if window.end else "today"
    if window.start is None:
        return f"all entries up to {end}"
    return f"{window.start.isoformat()} to {end}"


def _rules_table(result: ProfileResult) -> str:
    head = (
        '<thead><tr><th scope="col">Rule</th><th scope="col" class="num">Have</th>'
        '<th scope="col" class="num">Need</th><th scope="col">Status</th></tr></thead>'
    )
    rows = "".join(_rule_row(rule) for rule in result.rules)
    return f'<table class="requirements">{head}<tbody>{rows}</tbody></table>'


def _rule_row(rule: RuleResult) -> str:
    need = ("at most " if rule.kind == "gap" else "") + number(rule.required)
    detail = "".join(f'<br><span class="muted small">{escape(d)}</span>' for d in rule.detail)
    return (
        f"<tr><td>{escape(rule.description)}{detail}</td>"
        f'<td class="num">{escape(number(rule.actual))}</td>'
        f'<td class="num">{escape(need)} <span class="unit">{escape(rule.unit)}</span></td>'
        f"<td>{_badge(rule.met)}</td></tr>"
    )


def _badge(met: bool | None) -> str:
    if met is None:
        return '<span class="badge unknown">? not evaluated</span>'
    if met:
        return '<span class="badge met">✓ met</span>'
    return '<span class="badge unmet">✕ not yet</span>'


# --- entries -----------------------------------------------------------------------------


def _entries_section(entries: list[Entry], framework: Framework, report: CoverageReport) -> str:
    in_grid = {c.id for c in report.competencies}
    anchors = _entry_anchors(entries)
    groups: list[str] = []
    for entry_type, heading in TYPE_HEADINGS.items():
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
        items.append(("Hours", escape(format_hours(Decimal(str(model.hours))))))
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
