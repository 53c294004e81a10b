"""What the page shows about hours and requirements, taken from the library.

The numbers come from :mod:`imhcli.analysis.hours` and :mod:`imhcli.analysis.requirements`, so the
page always agrees with ``imh hours`` and ``imh requirements``; this module only
picks the parts the page shows and puts them in display order.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from imhcli.analysis import hours
from imhcli.analysis.requirements import ProfileResult, evaluate
from imhcli.errors import ImhError
from imhcli.load.portfolio import Portfolio
from imhcli.load.profiles import load_profile
from imhcli.models.verdicts import Counting

#: How each entry type's hours are labelled in the table under the chart.
HOURS_LABELS: dict[str, str] = {
    "cpd": "CPD activities",
    "supervision": "Supervision",
    "reflection": "Reflective accounts",
    "practice": "Practice",
    "feedback": "Feedback",
    "discussion": "Reflective discussions",
}


class HoursRow(NamedTuple):
    label: str
    hours: Decimal
    kind: str  # "type", "part" (a share of the row above) or "total"


#: The layers of the CPD chart, bottom first.
CPD_LAYERS = ("participatory", "not participatory")


class HoursSummary(NamedTuple):
    hours_total: Decimal
    cpd_monthly: list[tuple[str, tuple[Decimal, Decimal]]]
    practice_monthly: list[tuple[str, Decimal]]
    totals: list[HoursRow]


def hours_summary(portfolio: Portfolio, counting: Counting) -> HoursSummary:
    """All hours of entries that count: the total, CPD and practice month by month, by type."""
    report = hours.tally(portfolio, counting=counting, by="type")
    practice = [
        (g.key, g.hours)
        for g in hours.monthly(portfolio, counting=counting, keep=hours.is_practice)
    ]
    split = report.breakdown
    parts = {
        "cpd": [
            ("participatory", split.cpd_participatory),
            ("not participatory", split.cpd_non_participatory),
        ],
        "supervision": [
            ("received", split.supervision_received),
            ("given", split.supervision_given),
        ],
    }
    totals: list[HoursRow] = []
    for group in report.groups:
        totals.append(HoursRow(HOURS_LABELS.get(group.key, group.key), group.hours, "type"))
        totals.extend(HoursRow(label, h, "part") for label, h in parts.get(group.key, []) if h)
    if totals:
        totals.append(HoursRow("All hours", report.total, "total"))
    return HoursSummary(report.total, cpd_monthly(portfolio, counting), practice, totals)


def cpd_monthly(
    portfolio: Portfolio, counting: Counting
) -> list[tuple[str, tuple[Decimal, Decimal]]]:
    """CPD hours per month, participatory and not, over the months CPD spans."""
    months = hours.monthly(portfolio, counting=counting, keep=hours.is_cpd)
    if not months:
        return []
    first, last = (dt.date.fromisoformat(f"{m.key}-01") for m in (months[0], months[-1]))
    shared = hours.monthly(
        portfolio,
        counting=counting,
        start=first,
        end=_month_end(last),
        keep=hours.is_participatory_cpd,
    )
    return [(m.key, (p.hours, m.hours - p.hours)) for m, p in zip(months, shared, strict=True)]


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class Requirements(NamedTuple):
    results: list[ProfileResult]
    problems: list[tuple[str, str]]  # (profile reference, why it cannot be evaluated)


def requirements(portfolio: Portfolio, counting: Counting, *, today: dt.date) -> Requirements:
    """Every profile under ``requirements:`` evaluated as of ``today``.

    A profile that cannot be loaded is listed in ``problems`` instead, so one
    broken profile does not take the rest of the page with it.
    """
    refs = portfolio.config.requirements if portfolio.config else []
    profiles, problems = [], []
    for ref in refs:
        try:
            profiles.append(load_profile(ref, base=portfolio.root))
        except ImhError as exc:
            problems.append((ref, exc.message))
    report = evaluate(portfolio, profiles, as_of=today, counting=counting)
    return Requirements(report.profiles, problems)
