"""Requirement profiles evaluated against a portfolio: what is met, what is still needed.

A profile is data (see :mod:`imhcli.models.requirement_profile`), loaded by
:mod:`imhcli.load.profiles`. :func:`evaluate`
works out each rule's window as of a date, what the rule requires, what the
portfolio's final entries give, and what is still needed, in words.

Windows: a rolling window anchored on a registration's renewal date uses the
renewal that falls in the cycle containing the as-of date (a renewal date
already past rolls forward by the window's length). Entries count when their
``date`` is in the window and not after the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from imhcli.analysis.hours import ExactHours, exact
from imhcli.analysis.windows import Window, cycle, long_date, shift_months
from imhcli.base.words import number
from imhcli.load.portfolio import Portfolio
from imhcli.models.entries import EntryBase, Plan, SelfAssessment
from imhcli.models.requirement_profile import (
    AllTime,
    CountRule,
    CoverageRule,
    CyclicWindow,
    GapRule,
    RequirementProfile,
    RollingWindow,
    Rule,
    SumRule,
    WindowSpec,
    matches,
)

# --- results ---------------------------------------------------------------------------


class RuleResult(BaseModel):
    id: str
    description: str
    kind: Literal["count", "sum", "coverage", "gap"]
    window: Window
    required: ExactHours
    actual: ExactHours
    unit: str
    met: bool
    still_needed: str | None
    detail: list[str]


class ProfileResult(BaseModel):
    id: str
    title: str
    source: str
    notes: str | None
    met: bool
    window: Window
    days_left: int | None
    still_needed: str | None
    rules: list[RuleResult]


class RequirementsReport(BaseModel):
    """What ``imh requirements`` shows: every rule of every profile, met or not."""

    portfolio: str
    as_of: dt.date
    profiles: list[ProfileResult]

    @property
    def met(self) -> bool:
        return all(p.met for p in self.profiles)

    def exit_code(self, *, strict: bool = False) -> int:
        """1 with ``strict`` when a profile is not met; 0 otherwise."""
        return 1 if strict and not self.met else 0


# --- evaluation ------------------------------------------------------------------------


def evaluate(
    portfolio: Portfolio, profiles: Sequence[RequirementProfile], as_of: dt.date | None = None
) -> RequirementsReport:
    """Evaluate each profile's rules against the portfolio's final entries as of a date."""
    day = as_of or portfolio.today
    finals = sorted(portfolio.final_entries(), key=lambda m: (m.date, m.end or m.date))
    return RequirementsReport(
        portfolio=portfolio.label,
        as_of=day,
        profiles=[_evaluate_profile(portfolio, finals, p, day) for p in profiles],
    )


def _evaluate_profile(
    portfolio: Portfolio, finals: list[EntryBase], profile: RequirementProfile, as_of: dt.date
) -> ProfileResult:
    window = window_for(profile.window, portfolio, profile.registration, as_of)
    rules = []
    for rule in profile.rules:
        spec = rule.window or profile.window
        own = window_for(spec, portfolio, profile.registration, as_of)
        rules.append(_evaluate_rule(portfolio, rule, _counted(finals, own, as_of)))
    days_left = (window.end - as_of).days if window.end is not None else None
    return ProfileResult(
        id=profile.id,
        title=profile.title,
        source=" ".join(profile.source.split()),
        notes=" ".join(profile.notes.split()) if profile.notes else None,
        met=all(r.met for r in rules),
        window=window,
        days_left=days_left,
        still_needed=_sentence(profile, rules, window, as_of),
        rules=rules,
    )


def window_for(
    spec: WindowSpec, portfolio: Portfolio, registration: str | None, as_of: dt.date
) -> Window:
    """The dates a window specification covers as of ``as_of``."""
    if isinstance(spec, CyclicWindow):
        return cycle(as_of, month=spec.start_month, start_day=spec.start_day)
    if isinstance(spec, AllTime):
        return Window(start=None, end=as_of)
    assert isinstance(spec, RollingWindow)
    months = spec.length_months
    end = as_of
    renewal = _renewal(portfolio, registration) if spec.anchor == "renewal" else None
    if renewal is not None:
        end = renewal
        while end < as_of:
            end = shift_months(end, months)
        while shift_months(end, -months) >= as_of:
            end = shift_months(end, -months)
    return Window(start=shift_months(end, -months) + dt.timedelta(days=1), end=end)


def _renewal(portfolio: Portfolio, body: str | None) -> dt.date | None:
    if portfolio.config is None:
        return None
    for reg in portfolio.config.practitioner.registrations:
        if reg.renewal is not None and (body is None or reg.body.casefold() == body.casefold()):
            return reg.renewal
    return None


@dataclass(frozen=True, slots=True)
class _Counted:
    """A rule's window, the part of it up to the as-of date, and the final entries there."""

    window: Window
    upto: Window
    entries: list[EntryBase]


def _counted(finals: list[EntryBase], window: Window, as_of: dt.date) -> _Counted:
    """The entries (already in date order) a rule counts: in its window, up to ``as_of``."""
    end = min(window.end, as_of) if window.end is not None else as_of
    upto = Window(start=window.start, end=end)
    return _Counted(window, upto, [m for m in finals if upto.contains(m.date)])


def _evaluate_rule(portfolio: Portfolio, rule: Rule, counted: _Counted) -> RuleResult:
    if isinstance(rule, CoverageRule):
        required, actual, unit, detail = _coverage(portfolio, rule, counted)
    elif isinstance(rule, GapRule):
        required, actual, unit, detail = _gaps(rule, counted)
    else:
        required, actual, unit, detail = _amount(rule, counted)
    met = actual <= required if isinstance(rule, GapRule) else actual >= required
    return RuleResult(
        id=rule.id,
        description=rule.description,
        kind=rule.kind,
        window=counted.window,
        required=required,
        actual=actual,
        unit=unit,
        met=met,
        still_needed=None if met else _needed(rule, required, actual, unit),
        detail=detail,
    )


_Outcome = tuple[Decimal, Decimal, str, list[str]]


def _matching(rule: CountRule | SumRule | GapRule, entries: Iterable[EntryBase]) -> list[EntryBase]:
    return [
        m
        for m in entries
        if all(matches(getattr(m, field, None), want) for field, want in rule.filter.items())
    ]


def _amount(rule: CountRule | SumRule, counted: _Counted) -> _Outcome:
    found = _matching(rule, counted.entries)
    if isinstance(rule, CountRule):
        return Decimal(rule.min), Decimal(len(found)), "entries", []
    total = sum((exact(m.hours) for m in found if m.hours is not None), Decimal(0))
    return exact(rule.min), total, "hours", [_entries(len(found))]


def _entries(n: int) -> str:
    return f"from {n} entr{'y' if n == 1 else 'ies'}"


def _coverage(portfolio: Portfolio, rule: CoverageRule, counted: _Counted) -> _Outcome:
    framework = portfolio.framework
    level = rule.level if rule.level is not None else portfolio.level
    if framework is None or level is None or framework.level(level) is None:
        return (
            Decimal(1),
            Decimal(0),
            "competencies",
            ["the portfolio's framework or level cannot be used; run `imh check`"],
        )
    times: dict[str, int] = {}
    for model in counted.entries:
        if not isinstance(model, (SelfAssessment, Plan)):
            for comp_id in framework.resolved_ids(model.competencies):
                times[comp_id] = times.get(comp_id, 0) + 1
    comps = framework.at_level(level)
    short = [c.id for c in comps if times.get(c.id, 0) < rule.min]
    detail = [f"not yet evidenced {_times(rule.min)}: {', '.join(short)}"] if short else []
    return Decimal(len(comps)), Decimal(len(comps) - len(short)), "competencies", detail


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _gaps(rule: GapRule, counted: _Counted) -> _Outcome:
    spans = [(m.date, m.end or m.date) for m in _matching(rule, counted.entries)]
    found: list[str] = []
    last_end = counted.upto.start
    for start, end in spans:
        if last_end is not None and start >= shift_months(last_end, rule.months):
            found.append(f"{long_date(last_end)} to {long_date(start)}")
        last_end = end if last_end is None else max(last_end, end)
    stop = counted.upto.end
    if last_end is not None and stop is not None and stop >= shift_months(last_end, rule.months):
        found.append(f"{long_date(last_end)} to {long_date(stop)} (no activity since)")
    return Decimal(0), Decimal(len(found)), f"gaps of {rule.months} months or more", found


def _needed(rule: Rule, required: Decimal, actual: Decimal, unit: str) -> str:
    amount = actual if isinstance(rule, GapRule) else required - actual
    template = rule.needed or ("{n} " + unit + (" explained" if isinstance(rule, GapRule) else ""))
    return template.replace("{n}", number(amount))


def _sentence(
    profile: RequirementProfile, rules: list[RuleResult], window: Window, as_of: dt.date
) -> str | None:
    """Everything still needed for the profile, in one sentence, or None when met."""
    by_id = {r.id: r for r in rules}
    phrases: dict[str, str] = {}
    for spec, result in zip(profile.rules, rules, strict=True):
        if result.met or result.still_needed is None:
            continue
        parent = getattr(spec, "part_of", None)
        if parent is not None and parent in phrases and not by_id[parent].met:
            part = getattr(spec, "needed_part", None) or ("{n} of them " + spec.description)
            amount = number(result.required - result.actual)
            phrases[parent] += ", " + part.replace("{n}", amount)
        else:
            phrases[spec.id] = result.still_needed
    if not phrases:
        return None
    return _join(list(phrases.values())) + _deadline(window, as_of)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    glue = ", and " if any("," in item for item in items) or len(items) > 2 else " and "
    return ", ".join(items[:-1]) + glue + items[-1]


def _deadline(window: Window, as_of: dt.date) -> str:
    if window.end is None or window.start is None:
        return ""
    if window.end > as_of:
        days = (window.end - as_of).days
        return f" before {long_date(window.end)}, in {days} day{'s' if days != 1 else ''}"
    return f" in the window {long_date(window.start)} to {long_date(window.end)}"
