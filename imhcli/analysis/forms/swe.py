"""The Social Work England year: the registration year's CPD records, as SWE's form asks.

A record is an activity and the practitioner's written reflection on its impact on her
practice; records reflected on with a peer are marked.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from imhcli.analysis.forms.common import Header, counted_entries, header, plain_body
from imhcli.analysis.requirements import ProfileResult
from imhcli.load.portfolio import Entry, Portfolio


class SweRecord(BaseModel):
    path: str
    date: dt.date
    end: dt.date | None
    activity: str
    title: str
    reflection: str
    peer_reflection: bool


class SwePack(BaseModel):
    header: Header
    records: list[SweRecord]
    peer_records: int


def swe_pack(portfolio: Portfolio, result: ProfileResult, *, as_of: dt.date) -> SwePack:
    """The records the SWE profile counted in the registration year."""
    records = [_record(e) for e in counted_entries(portfolio, result)]
    return SwePack(
        header=header(portfolio, result, title="Social Work England CPD year", as_of=as_of),
        records=records,
        peer_records=sum(1 for r in records if r.peer_reflection),
    )


def _record(entry: Entry) -> SweRecord:
    m = entry.model
    assert m is not None
    activity = getattr(m, "activity", None) or entry.type or ""
    return SweRecord(
        path=entry.rel,
        date=m.date,
        end=m.end,
        activity=activity,
        title=m.title or entry.rel,
        reflection=plain_body(entry.body),
        peer_reflection=bool(getattr(m, "peer_reflection", False)),
    )
