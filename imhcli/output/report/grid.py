"""The coverage grid: one cell per competency at the level, by domain.

Each status has a colour, a symbol, a word and a border style, so the grid reads
without colour, in greyscale and on paper.
"""

from __future__ import annotations

import re
from html import escape

from imhcli.analysis.coverage import CompetencyStatus, CoverageReport, DomainCoverage
from imhcli.base.words import plural

#: Symbol, label and meaning of each coverage status, in legend order.
STATUS_KEY: dict[str, tuple[str, str, str]] = {
    "evidenced": ("●", "evidenced", "a final entry shows it"),
    "claimed": ("◐", "claimed", "self-assessed achieved, no entry yet"),
    "planned": ("○", "planned", "an open plan names it"),
    "gap": ("✕", "gap", "nothing yet"),
}


def competency_anchor(comp_id: str) -> str:
    """The id of a competency's cell in the grid."""
    return "competency-" + re.sub(r"[^A-Za-z0-9]+", "-", comp_id).strip("-")


def coverage_section(report: CoverageReport) -> str:
    """The legend and one block of cells per domain, with the share evidenced."""
    legend = "".join(
        f'<li><span class="cell {status}" aria-hidden="true"><span class="symbol">{sym}'
        f"</span></span><span><strong>{label}</strong>: {meaning}</span></li>"
        for status, (sym, label, meaning) in STATUS_KEY.items()
    )
    domains = "\n".join(_domain(d, report.competencies) for d in report.domains)
    total = report.summary
    return f"""<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage of the framework at level {report.level}</h2>
<p>{total.evidenced} of {total.total} competencies evidenced ({percent(total.percent)});
{total.claimed} claimed, {total.planned} planned, {plural(total.gaps, "gap")}.</p>
{_notice(report.framework_notice)}<ul class="legend" aria-label="Legend">{legend}</ul>
{domains}
</section>"""


def _notice(text: str | None) -> str:
    return f'<p class="note framework-note">{escape(text)}</p>\n' if text else ""


def percent(value: float) -> str:
    """``88.9%``, ``100%``: one decimal place, none when it is zero."""
    return f"{value:.1f}".removesuffix(".0") + "%"


def _domain(domain: DomainCoverage, comps: list[CompetencyStatus]) -> str:
    cells = "\n".join(_cell(c) for c in comps if c.domain == domain.id)
    width = max(0.0, min(100.0, domain.percent))
    return f"""<div class="domain">
<div class="domain-head"><h3>{domain.id}. {escape(domain.title)}</h3>
<span class="percent">{domain.evidenced}/{domain.total} evidenced, {percent(domain.percent)}</span>
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
    detail = plural(count, "entry", "entries") if count else label
    return (
        f'<li class="cell {comp.status}" id="{competency_anchor(comp.id)}" '
        f'title="{escape(about)} ({label})">'
        f'<span class="id">{escape(comp.id)}</span>'
        f'<span class="symbol" aria-hidden="true">{symbol}</span>'
        f'<span class="status">{escape(detail)}</span>'
        f'<span class="visually-hidden">{label}</span></li>'
    )
