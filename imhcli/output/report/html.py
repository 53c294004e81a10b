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
from collections import Counter
from collections.abc import Set as AbstractSet
from functools import lru_cache
from html import escape
from pathlib import Path

from imhcli import __version__
from imhcli.analysis.coverage import CoverageReport, coverage
from imhcli.base.words import number, plural
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.entry_types import ENTRY_KINDS
from imhcli.models.framework import Framework
from imhcli.models.portfolio import PortfolioConfig
from imhcli.models.verdicts import DRAFT, UNFINISHED, Counting, has_errors
from imhcli.output.escaping import visible_page
from imhcli.output.report import data
from imhcli.output.report.entries import entries_section, final_entries
from imhcli.output.report.grid import coverage_section, percent
from imhcli.output.report.sections import hours_section, requirements_section


def render_report(
    portfolio: Portfolio,
    *,
    today: dt.date | None = None,
    with_errors: AbstractSet[str] = frozenset(),
    counting: Counting | None = None,
) -> str:
    """The report page for ``portfolio`` as a string of HTML.

    ``today`` is the date printed as the report date and used for windows of
    requirement profiles (default: the portfolio's ``today``). Entries in
    ``with_errors`` (paths of entries with errors, as the privacy gate found them)
    are left out and counted, as are drafts, unfinished entries and any entry
    with errors (``counting``, default: as `imh check` finds them now). Raises
    :class:`~imhcli.errors.UsageError` when portfolio.yaml or its framework cannot be used.
    """
    from imhcli.check.counting import counting_for

    config, framework = portfolio.require_usable("the report")
    day = today or portfolio.today
    # Coverage, hours and requirements count only what the page shows.
    counting = (counting or counting_for(portfolio)).excluding(with_errors, has_errors([]))
    report = coverage(portfolio, counting=counting)
    entries = final_entries(portfolio, counting)
    hours = data.hours_summary(portfolio, counting)
    requirements = data.requirements(portfolio, counting, today=day)
    sections = [
        _summary(config, framework, counting, entries, hours, report, day),
        coverage_section(report),
        hours_section(hours),
        requirements_section(requirements),
        entries_section(entries, framework, report),
    ]
    title = f"CPD portfolio: {config.practitioner.name}"
    return visible_page(page(title, "\n".join(s for s in sections if s), day))


# --- page --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The page's CSS, read from the package."""
    return (Path(__file__).parent / "style.css").read_text(encoding="utf-8")


def _csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def page(title: str, body: str, day: dt.date, *, extra_css: str = "") -> str:
    """A whole self-contained page in the report's style; ``extra_css`` adds to its sheet."""
    css = stylesheet() + extra_css
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
    counting: Counting,
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
{_left_out(counting)}
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
    return escape(f"{framework.title} ({framework.id}, version {framework.version})")


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
        _stat(number(hours.hours_total, places=2), "hours recorded"),
        _stat(percent(report.summary.percent), f"of level {report.level} evidenced"),
    ]
    by_type = "".join(
        f"<li><strong>{counts[k.name]}</strong> {escape(k.counted(counts[k.name]))}</li>"
        for k in ENTRY_KINDS
        if counts[k.name]
    )
    return (
        f'<ul class="stats">{"".join(items)}</ul>\n'
        f'<ul class="by-type" aria-label="Final entries by type">{by_type}</ul>'
    )


def _stat(value: str, label: str) -> str:
    return f'<li><span class="value">{escape(value)}</span> {escape(label)}</li>'


def _left_out(counting: Counting) -> str:
    reasons = list(counting.excluded.values())
    drafts = reasons.count(DRAFT)
    unfinished = reasons.count(UNFINISHED)
    broken = len(reasons) - drafts - unfinished
    parts = []
    if drafts:
        parts.append(plural(drafts, "draft"))
    if unfinished:
        parts.append(f"{plural(unfinished, 'unfinished entry', 'unfinished entries')}")
    if broken:
        parts.append(
            f"{plural(broken, 'entry', 'entries')} with errors (run <code>imh check</code>)"
        )
    if not parts:
        return ""
    listed = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    return f'<p class="note">Not included: {listed}.</p>'
