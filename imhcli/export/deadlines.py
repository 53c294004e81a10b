"""The deadlines of a portfolio: plans' due dates, registration renewals, and the end
of each requirement profile's current window (the NMC's three years, the Social Work
England year to 30 November, the HCPC's two years to renewal).

A window whose end moves with the as-of date (all time, or a rolling window anchored
on the as-of date) has no deadline, so it gives none.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence

from imhcli.analysis.requirements import window_for
from imhcli.analysis.windows import long_date
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.deadlines import Deadline, Deadlines
from imhcli.models.entries import Plan
from imhcli.models.requirement_profile import AllTime, RequirementProfile, RollingWindow

#: uuid5 namespace of every deadline's UID.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:imh:calendar")


def plan_entries(portfolio: Portfolio) -> list[Entry]:
    """The open plan entries with a due date (drafts too: a plan is a plan)."""
    return [
        e
        for e in portfolio.entries
        if isinstance(e.model, Plan) and e.model.due is not None and e.model.state == "open"
    ]


def deadlines(
    portfolio: Portfolio, profiles: Sequence[RequirementProfile], *, as_of: dt.date
) -> Deadlines:
    """Every deadline of ``portfolio`` as of ``as_of``, in date order."""
    found = [*_plans(portfolio), *_renewals(portfolio), *_windows(portfolio, profiles, as_of)]
    return Deadlines(
        portfolio=portfolio.label,
        as_of=as_of,
        deadlines=sorted(found, key=lambda d: (d.day, d.kind, d.summary, d.uid)),
    )


def _uid(*parts: str) -> str:
    return f"{uuid.uuid5(_NAMESPACE, '/'.join(parts))}@imh"


def _plans(portfolio: Portfolio) -> Iterator[Deadline]:
    for entry in plan_entries(portfolio):
        plan = entry.model
        assert isinstance(plan, Plan) and plan.due is not None
        comps = ", ".join(str(c) for c in plan.competencies)
        about = f" (competencies {comps})" if comps else ""
        yield Deadline(
            uid=_uid("plan", entry.rel),
            day=plan.due,
            kind="plan",
            summary=f"Due: {plan.title}",
            description=f"Plan entry {entry.rel}{about}, due {long_date(plan.due)}.",
        )


def _renewals(portfolio: Portfolio) -> Iterator[Deadline]:
    registrations = portfolio.config.practitioner.registrations if portfolio.config else []
    for reg in registrations:
        if reg.renewal is not None:
            yield Deadline(
                uid=_uid("renewal", reg.body.casefold(), reg.renewal.isoformat()),
                day=reg.renewal,
                kind="registration",
                summary=f"{reg.body} registration renewal",
                description=f"Your {reg.body} registration is due for renewal on "
                f"{long_date(reg.renewal)}.",
            )


def _windows(
    portfolio: Portfolio, profiles: Sequence[RequirementProfile], as_of: dt.date
) -> Iterator[Deadline]:
    for profile in profiles:
        spec = profile.window
        if isinstance(spec, AllTime) or (
            isinstance(spec, RollingWindow) and _unanchored(portfolio, profile, spec)
        ):
            continue
        window = window_for(spec, portfolio, profile.registration, as_of)
        if window.end is None or window.start is None:
            continue
        yield Deadline(
            uid=_uid("requirement", profile.id, window.end.isoformat()),
            day=window.end,
            kind="requirement",
            summary=f"{profile.title}: end of the window",
            description=f"The window of {profile.title} ({profile.id}) runs from "
            f"{long_date(window.start)} to {long_date(window.end)}; what it asks must be "
            "in the portfolio by then. `imh requirements` shows what is still needed.",
        )


def _unanchored(portfolio: Portfolio, profile: RequirementProfile, spec: RollingWindow) -> bool:
    """A rolling window with no renewal date to end on moves with the as-of date."""
    if spec.anchor == "as-of" or portfolio.config is None:
        return True
    body = (profile.registration or "").casefold()
    return not any(
        r.renewal is not None and (not body or r.body.casefold() == body)
        for r in portfolio.config.practitioner.registrations
    )
