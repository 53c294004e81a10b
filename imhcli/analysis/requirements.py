"""Requirement profiles evaluated against a portfolio: what is met, what is still needed.

A profile is data (see :mod:`imhcli.models.requirement_profile`), loaded by
:mod:`imhcli.load.profiles`. :func:`evaluate`
works out each rule's window as of a date, what the rule requires, which entries
it counts and which not (with the reason), and what is still needed, in words.
Which entries count at all is decided by the caller (:class:`Counting`).

Windows: a rolling window anchored on a registration's renewal date uses the
renewal that falls in the cycle containing the as-of date (a renewal date
already past rolls forward by the window's length). Entries count when their
``date`` is in the window and not after the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from imhcli.analysis import measures
from imhcli.analysis.verdicts import Scope, sort_entries
from imhcli.analysis.windows import cycle, long_date, shift_months
from imhcli.base.words import amount_of, plural
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.portfolio import Registration
from imhcli.models.requirement_profile import (
    AllTime,
    CoverageRule,
    CyclicWindow,
    FinalMonths,
    GapRule,
    RequirementProfile,
    RollingWindow,
    Rule,
    SumRule,
    VarietyRule,
    WindowSpec,
)
from imhcli.models.verdicts import (
    Counting,
    NotCounted,
    ProfileResult,
    RequirementsReport,
    RuleResult,
    Window,
)

__all__ = ["NotCounted", "ProfileResult", "RequirementsReport", "RuleResult", "evaluate"]

# --- evaluation ------------------------------------------------------------------------


def evaluate(
    portfolio: Portfolio,
    profiles: Sequence[RequirementProfile],
    as_of: dt.date | None = None,
    *,
    counting: Counting,
) -> RequirementsReport:
    """Evaluate each profile's rules against the entries that count, as of a date."""
    day = as_of or portfolio.today
    entries = sorted(
        (e for e in portfolio.entries if e.model is not None),
        key=lambda e: (e.model.date, e.model.end or e.model.date, e.rel),  # type: ignore[union-attr]
    )
    return RequirementsReport(
        portfolio=portfolio.label,
        as_of=day,
        profiles=[_evaluate_profile(portfolio, entries, p, day, counting) for p in profiles],
    )


def _evaluate_profile(
    portfolio: Portfolio,
    entries: list[Entry],
    profile: RequirementProfile,
    as_of: dt.date,
    counting: Counting,
) -> ProfileResult:
    registration = registration_for(portfolio, profile.registration)
    window = window_for(profile.window, portfolio, profile.registration, as_of)
    rules: list[RuleResult] = []
    met: dict[str, bool] = {}
    for rule in profile.rules:
        spec = rule.window or profile.window
        own = window_for(spec, portfolio, profile.registration, as_of, within=window)
        scope = Scope(counting, own, _upto(own, as_of), met)
        result = _evaluate_rule(portfolio, rule, entries, scope, registration)
        met[rule.id] = result.met
        rules.append(result)
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
        warnings=_warnings(profile, registration, as_of),
        reminders=_reminders(profile, registration),
    )


def registration_for(portfolio: Portfolio, body: str | None) -> Registration | None:
    """The practitioner's registration with ``body`` (the first one, if several)."""
    if portfolio.config is None or body is None:
        return None
    for reg in portfolio.config.practitioner.registrations:
        if reg.body.casefold() == body.casefold():
            return reg
    return None


def _warnings(
    profile: RequirementProfile, registration: Registration | None, as_of: dt.date
) -> list[str]:
    spec = profile.window
    if not isinstance(spec, RollingWindow) or spec.anchor != "renewal":
        return []
    body = profile.registration or "the"
    if registration is None:
        return [
            f"portfolio.yaml lists no {body} registration: the window ends on "
            f"{long_date(as_of)} (the as-of date), not at your renewal; add the registration "
            "with its `renewal:` date"
        ]
    if registration.renewal is None:
        return [
            f"your {body} registration has no `renewal:` date in portfolio.yaml: the window "
            f"ends on {long_date(as_of)} (the as-of date), not at your renewal"
        ]
    return []


_DECLARATIONS = {
    "health_character": "health and character declaration",
    "indemnity": "declaration of professional indemnity",
}


def _reminders(profile: RequirementProfile, registration: Registration | None) -> list[str]:
    out: list[str] = []
    for name in profile.declarations:
        made = getattr(registration.declarations, name) if registration is not None else None
        when = f"last made {long_date(made)}" if made is not None else "no date recorded"
        out.append(f"{_DECLARATIONS[name]}: {when} (made when you apply, not counted here)")
    return out


def window_for(
    spec: WindowSpec,
    portfolio: Portfolio,
    registration: str | None,
    as_of: dt.date,
    *,
    within: Window | None = None,
) -> Window:
    """The dates a window specification covers as of ``as_of``.

    ``within`` is the profile's window, of which a ``final`` window is the end.
    """
    if isinstance(spec, FinalMonths):
        end = within.end if within is not None and within.end is not None else as_of
        start = shift_months(end, -spec.months) + dt.timedelta(days=1)
        if within is not None and within.start is not None:
            start = max(start, within.start)
        return Window(start=start, end=end)
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


def _upto(window: Window, as_of: dt.date) -> Window:
    """The part of a window up to the as-of date: entries after it do not count yet."""
    end = min(window.end, as_of) if window.end is not None else as_of
    return Window(start=window.start, end=end)


def _evaluate_rule(
    portfolio: Portfolio,
    rule: Rule,
    entries: list[Entry],
    scope: Scope,
    registration: Registration | None,
) -> RuleResult:
    if isinstance(rule, CoverageRule):
        outcome, found = measures.coverage(portfolio, rule, entries, scope)
    else:
        found = sort_entries(rule, entries, scope)
        if isinstance(rule, GapRule):
            outcome = measures.gaps(rule, found, entries, scope)
        elif isinstance(rule, VarietyRule):
            outcome = measures.variety(rule, found)
        elif isinstance(rule, SumRule):
            outcome = measures.total(rule, found, registration)
        else:
            outcome = measures.count(rule, found)
    if outcome.met is not None:
        met = outcome.met
    elif isinstance(rule, GapRule):
        met = outcome.actual <= outcome.required
    else:
        met = outcome.actual >= outcome.required
    return RuleResult(
        id=rule.id,
        description=rule.description,
        kind=rule.kind,
        window=scope.window,
        required=outcome.required,
        actual=outcome.actual,
        unit=outcome.unit,
        met=met,
        still_needed=None if met else outcome.needed or _needed(rule, outcome),
        detail=outcome.detail,
        counted=[e.rel for e in found.counted],
        not_counted=found.not_counted,
        caveats=found.caveats,
    )


def _needed(rule: Rule, outcome: measures.Outcome) -> str:
    is_gap = isinstance(rule, GapRule)
    amount = outcome.actual if is_gap else outcome.required - outcome.actual
    template = rule.needed or ("{n} " + outcome.unit + (" explained" if is_gap else ""))
    return amount_of(amount, template)


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
            phrases[parent] += ", " + amount_of(result.required - result.actual, part)
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
        return f" before {long_date(window.end)}, in {plural(days, 'day')}"
    return f" in the window {long_date(window.start)} to {long_date(window.end)}"
