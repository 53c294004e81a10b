"""The NMC revalidation pack: the logs and forms the NMC's templates ask for.

Rows come only from entries the ``nmc-revalidation`` profile counted. The partner's
and confirmer's names, PINs and contact details are never in the portfolio: the
forms leave them blank, to complete on paper (the signed form stays in evidence/).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from pydantic import BaseModel

from imhcli.analysis.forms.common import Header, counted_entries, header, of_type, plain_body
from imhcli.analysis.hours import exact
from imhcli.analysis.requirements import ProfileResult
from imhcli.analysis.windows import long_date
from imhcli.load.body import heading_key, own_words, sections
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.reflective import CODE_THEMES, NMC_FORM_SECTIONS
from imhcli.models.verdicts import ExactHours

_T = TypeVar("_T")


class PracticeRow(BaseModel):
    path: str
    start: dt.date
    end: dt.date | None
    hours: ExactHours
    register_part: str | None
    setting: str | None
    description: str


class CpdRow(BaseModel):
    path: str
    start: dt.date
    end: dt.date | None
    method: str | None
    topic: str
    code_themes: list[str]
    hours: ExactHours
    participatory_hours: ExactHours
    evidence: list[str]


class FeedbackRow(BaseModel):
    path: str
    date: dt.date
    source: str | None
    said: str
    changed: str


class AccountForm(BaseModel):
    """One written reflective account on the NMC form: its four sections, in order."""

    path: str
    date: dt.date
    title: str
    sections: list[tuple[str, str]]
    code_themes: list[str]


class DiscussionForm(BaseModel):
    path: str
    date: dt.date
    partner_register: str | None
    form: str | None


class ConfirmationForm(BaseModel):
    path: str
    date: dt.date
    confirmer_role: str | None
    confirmer_register: str | None
    form: str | None


class NmcPack(BaseModel):
    """Everything the NMC pack prints."""

    header: Header
    organisation: str | None
    organisation_address: str | None
    practice: list[PracticeRow]
    practice_total: ExactHours
    cpd: list[CpdRow]
    cpd_total: ExactHours
    participatory_total: ExactHours
    feedback: list[FeedbackRow]
    accounts: list[AccountForm]
    discussion: DiscussionForm | None
    confirmation: ConfirmationForm | None
    missing: list[str]
    declarations: list[str]


def nmc_pack(portfolio: Portfolio, result: ProfileResult, *, as_of: dt.date) -> NmcPack:
    """The NMC pack's contents from the profile's result as of ``as_of``."""
    counted = counted_entries(portfolio, result)
    # A practice entry without hours (one visit, say) evidences practice, not hours.
    practice = [_practice(e) for e in of_type(counted, "practice") if e.model.hours is not None]  # type: ignore[union-attr]
    cpd = [_cpd(e) for e in of_type(counted, "cpd")]
    person = portfolio.config.practitioner if portfolio.config else None
    return NmcPack(
        header=header(portfolio, result, title="NMC revalidation", as_of=as_of),
        organisation=person.organisation if person else None,
        organisation_address=getattr(person, "organisation_address", None),
        practice=practice,
        practice_total=sum((r.hours for r in practice), Decimal(0)),
        cpd=cpd,
        cpd_total=sum((r.hours for r in cpd), Decimal(0)),
        participatory_total=sum((r.participatory_hours for r in cpd), Decimal(0)),
        feedback=[_feedback(e) for e in of_type(counted, "feedback")],
        accounts=[_account(e) for e in of_type(counted, "reflection")],
        discussion=_last(_discussion(e) for e in of_type(counted, "discussion")),
        confirmation=_last(_confirmation(e) for e in of_type(counted, "confirmation")),
        missing=_missing(result),
        declarations=list(result.reminders),
    )


def _model(entry: Entry) -> object:
    assert entry.model is not None  # counted entries are valid
    return entry.model


def _practice(entry: Entry) -> PracticeRow:
    m = _model(entry)
    return PracticeRow(
        path=entry.rel,
        start=m.date,  # type: ignore[attr-defined]
        end=m.end,  # type: ignore[attr-defined]
        hours=exact(m.hours or 0),  # type: ignore[attr-defined]
        register_part=getattr(m, "register_part", None),
        setting=getattr(m, "setting", None),
        description=m.title,  # type: ignore[attr-defined]
    )


def _cpd(entry: Entry) -> CpdRow:
    m = _model(entry)
    hours = exact(m.hours)  # type: ignore[attr-defined]
    return CpdRow(
        path=entry.rel,
        start=m.date,  # type: ignore[attr-defined]
        end=m.end,  # type: ignore[attr-defined]
        method=getattr(m, "activity", None),
        topic=m.title,  # type: ignore[attr-defined]
        code_themes=list(getattr(m, "code_theme", None) or []),
        hours=hours,
        participatory_hours=hours if getattr(m, "participatory", False) else Decimal(0),
        evidence=list(m.evidence),  # type: ignore[attr-defined]
    )


def _feedback(entry: Entry) -> FeedbackRow:
    parts = [s.text.strip() for s in sections(entry.body) if s.text.strip()]
    parts = parts or [plain_body(entry.body)]
    m = _model(entry)
    return FeedbackRow(
        path=entry.rel,
        date=m.date,  # type: ignore[attr-defined]
        source=getattr(m, "source", None),
        said=parts[0] if parts else "",
        changed="\n\n".join(parts[1:]),
    )


def _account(entry: Entry) -> AccountForm:
    found = {heading_key(s.title): s.text.strip() for s in sections(entry.body)}
    chosen = [(title, found.get(heading_key(title), "")) for title in NMC_FORM_SECTIONS]
    # Themes the writer ticked or named; the template's unticked offers are not hers.
    relevant = own_words(chosen[-1][1]).casefold()
    m = _model(entry)
    return AccountForm(
        path=entry.rel,
        date=m.date,  # type: ignore[attr-defined]
        title=m.title,  # type: ignore[attr-defined]
        sections=chosen if any(text for _, text in chosen) else [("", plain_body(entry.body))],
        code_themes=[theme for theme in CODE_THEMES if theme.casefold() in relevant],
    )


def _discussion(entry: Entry) -> DiscussionForm:
    m = _model(entry)
    return DiscussionForm(
        path=entry.rel,
        date=m.date,  # type: ignore[attr-defined]
        partner_register=getattr(m, "partner_register", None),
        form=getattr(m, "form", None),
    )


def _confirmation(entry: Entry) -> ConfirmationForm:
    m = _model(entry)
    return ConfirmationForm(
        path=entry.rel,
        date=m.date,  # type: ignore[attr-defined]
        confirmer_role=getattr(m, "confirmer_role", None),
        confirmer_register=getattr(m, "confirmer_register", None),
        form=getattr(m, "form", None),
    )


def _last(items: Iterable[_T]) -> _T | None:
    found = list(items)
    return found[-1] if found else None


def _missing(result: ProfileResult) -> list[str]:
    """What is still needed, rule by rule, in words and with the window's dates."""
    out = []
    for rule in result.rules:
        if rule.met or not rule.still_needed:
            continue
        window = rule.window
        when = f" by {long_date(window.end)}" if window.end is not None else ""
        out.append(f"{rule.description}: {rule.still_needed}{when}")
    return out
