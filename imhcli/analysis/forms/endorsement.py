"""The IMH Endorsement pack: the reflective supervision/consultation log and training list.

Only supervision the endorsement profile counted as RSC is logged; a provider whose
qualification is not recorded is shown as "not confirmed", as the profile lists it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel

from imhcli.analysis.forms.common import Header, counted_entries, header, of_type
from imhcli.analysis.hours import exact
from imhcli.analysis.requirements import ProfileResult
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.verdicts import ExactHours

CATEGORIES = {
    "ifa": "Infant Family Associate",
    "ifs": "Infant Family Specialist",
    "imhs": "Infant Mental Health Specialist",
}


class RscRow(BaseModel):
    path: str
    date: dt.date
    hours: ExactHours
    mode: str
    supervisor: str | None
    provider_qualified: bool | None


class TrainingRow(BaseModel):
    path: str
    date: dt.date
    end: dt.date | None
    title: str
    provider: str | None
    hours: ExactHours


class EndorsementPack(BaseModel):
    header: Header
    category: str
    rsc: list[RscRow]
    rsc_total: ExactHours
    rsc_span: tuple[dt.date, dt.date] | None
    training: list[TrainingRow]
    training_total: ExactHours


def endorsement_pack(
    portfolio: Portfolio, result: ProfileResult, *, as_of: dt.date, category: str
) -> EndorsementPack:
    """The RSC log and training list the endorsement profile counted."""
    counted = counted_entries(portfolio, result)
    rsc = [_rsc(e) for e in of_type(counted, "supervision")]
    training = [_training(e) for e in of_type(counted, "cpd")]
    title = f"IMH Endorsement: {CATEGORIES[category]}"
    return EndorsementPack(
        header=header(portfolio, result, title=title, as_of=as_of),
        category=CATEGORIES[category],
        rsc=rsc,
        rsc_total=sum((r.hours for r in rsc), Decimal(0)),
        rsc_span=(rsc[0].date, rsc[-1].date) if rsc else None,
        training=training,
        training_total=sum((t.hours for t in training), Decimal(0)),
    )


def _rsc(entry: Entry) -> RscRow:
    m = entry.model
    assert m is not None
    return RscRow(
        path=entry.rel,
        date=m.date,
        hours=exact(m.hours or 0),
        mode=getattr(m, "mode", None) or "individual",
        supervisor=getattr(m, "supervisor", None),
        provider_qualified=getattr(m, "provider_qualified", None),
    )


def _training(entry: Entry) -> TrainingRow:
    m = entry.model
    assert m is not None
    return TrainingRow(
        path=entry.rel,
        date=m.date,
        end=m.end,
        title=m.title or entry.rel,
        provider=getattr(m, "provider", None),
        hours=exact(m.hours or 0),
    )
