"""The hours and requirements sections of the page."""

from __future__ import annotations

from html import escape

from imhcli.analysis.requirements import ProfileResult, RuleResult
from imhcli.analysis.windows import Window
from imhcli.base.words import number
from imhcli.output.report.data import CPD_LAYERS, HoursSummary, Requirements
from imhcli.output.report.svg import hours_chart, stacked_chart


def hours_section(hours: HoursSummary) -> str:
    """CPD hours per month (participatory apart), practice on its own chart, the totals.

    Practice hours run to a hundred a month for a nurse; on one scale with CPD they
    would flatten the CPD bars, so they get their own chart.
    """
    charts = [
        stacked_chart(
            hours.cpd_monthly,
            title="CPD hours per month",
            id_prefix="cpd-chart",
            layers=CPD_LAYERS,
        )
    ]
    if hours.practice_monthly:
        charts.append(
            hours_chart(
                hours.practice_monthly, title="Practice hours per month", id_prefix="practice-chart"
            )
        )
    figures = "\n".join(f'<figure class="chart-figure">\n{c}\n</figure>' for c in charts)
    rows = "".join(
        f'<tr class="{row.kind}"><th scope="row">{escape(row.label)}</th>'
        f'<td class="num">{number(row.hours, places=2)}</td></tr>'
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
<h2 id="hours-h">Hours</h2>
{figures}
{table}
</section>"""


def requirements_section(reqs: Requirements) -> str:
    """Each requirement profile: met or not, what is still needed, and its rules."""
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
