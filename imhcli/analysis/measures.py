"""What each kind of requirement rule measures in the entries it counted.

Every measure returns an :class:`Outcome`: the amount required, the amount
found, the unit, lines of detail, and (where more than the amount decides) the
verdict itself. Entries are sorted into counted and not counted first, by
:mod:`imhcli.analysis.verdicts`; a measure may set more aside with a reason
(a practice entry in no part of the registration, say).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from imhcli.analysis.hours import exact
from imhcli.analysis.verdicts import Scope, Sorting, excluded, selected
from imhcli.analysis.windows import long_date, shift_months
from imhcli.base.words import amount_of, number, plural
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.entries import NOT_EVIDENCE, Practice
from imhcli.models.portfolio import Registration
from imhcli.models.requirement_profile import CountRule, CoverageRule, GapRule, SumRule, VarietyRule
from imhcli.models.verdicts import NotCounted, Window


@dataclass(slots=True)
class Outcome:
    required: Decimal
    actual: Decimal
    unit: str
    detail: list[str] = field(default_factory=list)
    met: bool | None = None
    needed: str | None = None


def count(rule: CountRule, found: Sorting) -> Outcome:
    """How many entries the rule counted; with ``show``, the latest of them by title."""
    outcome = Outcome(Decimal(rule.min), Decimal(len(found.counted)), "entries")
    if rule.show is not None and found.counted:
        chosen = found.counted[-rule.show :]
        titles = "; ".join(f"{e.model.title} ({e.model.date})" for e in chosen if e.model)
        outcome.detail.append(f"the latest {len(chosen)} to describe: {titles}")
    return outcome


def total(rule: SumRule, found: Sorting, registration: Registration | None) -> Outcome:
    """The hours the rule counted, for each part of the registration when it asks so."""
    if rule.per_part:
        return _per_part(rule, found, _parts(registration))
    hours = sum((exact(m.hours) for m in found.models if m.hours is not None), Decimal(0))
    outcome = Outcome(
        exact(rule.min), hours, "hours", [f"from {plural(len(found.counted), 'entry', 'entries')}"]
    )
    if rule.span is not None:
        _span(outcome, found, rule.span.min_months)
    return outcome


def _span(outcome: Outcome, found: Sorting, months: int) -> None:
    """The hours must be gathered over at least ``months``, first day to last."""
    days = [(m.date, m.end or m.date) for m in found.models]
    if not days:
        return
    first, last = min(d[0] for d in days), max(d[1] for d in days)
    enough = last >= shift_months(first, months)
    outcome.detail.append(f"gathered from {long_date(first)} to {long_date(last)}")
    if not enough and outcome.actual >= outcome.required:
        outcome.met = False
        outcome.needed = f"hours gathered over at least {plural(months, 'month')}"


def _parts(registration: Registration | None) -> list[str]:
    """The parts whose hours are counted apart; SCPHN goes with its nurse or midwife part."""
    held: list[str] = list(registration.parts) if registration is not None else []
    counted = [p for p in held if p != "scphn"]
    return counted or held[:1]


def _part_of(model: Practice, parts: list[str]) -> str | None:
    part = model.register_part
    if part is None:
        return parts[0] if len(parts) == 1 else None
    if part == "scphn" and part not in parts:
        return next((p for p in ("nursing", "midwifery") if p in parts), None)
    return part if part in parts else None


def _per_part(rule: SumRule, found: Sorting, parts: list[str]) -> Outcome:
    if not parts:
        parts = ["registration"]
    by_part = dict.fromkeys(parts, Decimal(0))
    for entry in list(found.counted):
        model = entry.model
        part = _part_of(model, parts) if isinstance(model, Practice) else parts[0]
        if parts == ["registration"]:
            part = "registration"
        if part is None:
            found.counted.remove(entry)
            found.not_counted.append(NotCounted(path=entry.rel, reason=_no_part(model, parts)))
        elif model is not None and model.hours is not None:
            by_part[part] += exact(model.hours)
    each = exact(rule.min)
    short = sum((max(each - h, Decimal(0)) for h in by_part.values()), Decimal(0))
    outcome = Outcome(each * len(parts), sum(by_part.values(), Decimal(0)), "hours")
    if len(parts) > 1:
        outcome.detail = [f"{p}: {number(h)} of {number(each)}" for p, h in by_part.items()]
    outcome.met = short == 0
    if short:
        outcome.needed = amount_of(short, rule.needed or "{n} hours")
    return outcome


def _no_part(model: object, parts: list[str]) -> str:
    given = getattr(model, "register_part", None)
    if given is None:
        return f"no register_part (you hold {', '.join(parts)})"
    return f"register_part {given} is not a part of the registration"


def variety(rule: VarietyRule, found: Sorting) -> Outcome:
    """How many different values of a field the counted entries have."""
    values = sorted({str(getattr(m, rule.distinct, None) or "unspecified") for m in found.models})
    detail = [f"{rule.distinct}: {', '.join(values)}"] if values else []
    return Outcome(Decimal(rule.min), Decimal(len(values)), "kinds", detail)


def coverage(
    portfolio: Portfolio, rule: CoverageRule, entries: Sequence[Entry], scope: Scope
) -> tuple[Outcome, Sorting]:
    """Competencies at the level evidenced by at least ``min`` counted entries."""
    found = Sorting()
    framework = portfolio.framework
    level = rule.level if rule.level is not None else portfolio.level
    if framework is None or level is None or framework.level(level) is None:
        why = "the portfolio's framework or level cannot be used; run `imh check`"
        return Outcome(Decimal(1), Decimal(0), "competencies", [why]), found
    times: dict[str, int] = {}
    for entry in entries:
        model = entry.model
        if model is None or isinstance(model, NOT_EVIDENCE) or not model.competencies:
            continue
        reason = excluded(entry, scope)
        if reason is not None:
            found.not_counted.append(NotCounted(path=entry.rel, reason=reason))
            continue
        found.counted.append(entry)
        for comp_id in framework.resolved_ids(model.competencies):
            times[comp_id] = times.get(comp_id, 0) + 1
    comps = framework.at_level(level)
    short = [c.id for c in comps if times.get(c.id, 0) < rule.min]
    often = "once" if rule.min == 1 else f"{rule.min} times"
    detail = [f"not yet evidenced {often}: {', '.join(short)}"] if short else []
    return Outcome(
        Decimal(len(comps)), Decimal(len(comps) - len(short)), "competencies", detail
    ), found


def gaps(rule: GapRule, found: Sorting, entries: Sequence[Entry], scope: Scope) -> Outcome:
    """Gaps of ``months`` or more between activities; a break entry may explain one."""
    spans = [(m.date, m.end or m.date) for m in found.models]
    open_gaps = _gaps(spans, scope.upto, rule.months)
    detail: list[str] = []
    if rule.explained_by is not None:
        breaks = _breaks(rule, entries, scope)
        remaining = _gaps(sorted(spans + breaks), scope.upto, rule.months)
        explained = [g for g in open_gaps if not any(_within(r, g) for r in remaining)]
        detail += [f"{_period(g)}: explained by a break" for g in explained]
        open_gaps = remaining
    detail += [f"explain this gap: {_period(g)}" for g in open_gaps]
    unit = f"unexplained gaps of {rule.months} months or more"
    return Outcome(Decimal(0), Decimal(len(open_gaps)), unit, detail)


def _breaks(rule: GapRule, entries: Sequence[Entry], scope: Scope) -> list[tuple[dt.date, dt.date]]:
    wanted = rule.explained_by or {}
    until = scope.upto.end
    return [
        (e.model.date, e.model.end or max(until or e.model.date, e.model.date))
        for e in entries
        if e.model is not None and selected(wanted, e.model) and scope.counting.counts(e.rel)
    ]


Gap = tuple[dt.date, dt.date, bool]


def _gaps(spans: list[tuple[dt.date, dt.date]], upto: Window, months: int) -> list[Gap]:
    """(from, to, open-ended) for every stretch of ``months`` or more without a span."""
    found: list[Gap] = []
    last_end = upto.start
    for start, end in sorted(spans):
        if last_end is not None and start >= shift_months(last_end, months):
            found.append((last_end, start, False))
        last_end = end if last_end is None else max(last_end, end)
    stop = upto.end
    if last_end is not None and stop is not None and stop >= shift_months(last_end, months):
        found.append((last_end, stop, True))
    return found


def _within(inner: Gap, outer: Gap) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _period(gap: Gap) -> str:
    since = " (no activity since)" if gap[2] else ""
    return f"{long_date(gap[0])} to {long_date(gap[1])}{since}"
