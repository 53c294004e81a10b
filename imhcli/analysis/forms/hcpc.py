"""The HCPC CPD profile: summary of practice, statement around 4 to 6 activities, the record.

The statement is built from the practitioner's own writing about each chosen activity
(its entry's body); imh never writes it for her. Word limits are checked and reported,
not enforced by cutting: the practitioner decides what to shorten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from imhcli.analysis.forms.common import (
    Header,
    counted_entries,
    header,
    plain_body,
    word_count,
)
from imhcli.analysis.hours import exact
from imhcli.analysis.requirements import ProfileResult
from imhcli.errors import UsageError
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.verdicts import ExactHours

SUMMARY_WORDS = 500
STATEMENT_WORDS = 1500
FEWEST, MOST = 4, 6

#: How each kind of learning entry reads in the HCPC's list of activity types.
ACTIVITY_KINDS: dict[str, str] = {
    "cpd": "formal or educational",
    "reflection": "self-directed learning",
    "supervision": "work-based learning",
    "discussion": "professional activity",
    "practice": "work-based learning",
    "feedback": "work-based learning",
}


class Activity(BaseModel):
    path: str
    date: dt.date
    end: dt.date | None
    entry_type: str
    kind: str
    title: str
    hours: ExactHours | None
    evidence: list[str]


class StatementPart(BaseModel):
    """One chosen activity and what the practitioner wrote about it."""

    activity: Activity
    text: str
    words: int


class Break(BaseModel):
    path: str
    start: dt.date
    end: dt.date | None
    reason: str | None


class HcpcPack(BaseModel):
    header: Header
    summary: str | None
    summary_source: str | None
    summary_words: int
    statement: list[StatementPart]
    statement_words: int
    activities: list[Activity]
    breaks: list[Break]
    unexplained_gaps: list[str]
    evidence: list[str]
    problems: list[str]


def hcpc_pack(
    portfolio: Portfolio,
    result: ProfileResult,
    *,
    as_of: dt.date,
    chosen: Sequence[str] = (),
    summary: tuple[str, str] | None = None,
) -> HcpcPack:
    """The HCPC profile's contents; ``chosen`` are entry paths for the statement.

    ``summary`` is (source path, text) of the summary of practice, when there is one.
    Raises :class:`UsageError` when a chosen path is not a counted activity.
    """
    counted = [e for e in counted_entries(portfolio, result) if e.type in ACTIVITY_KINDS]
    activities = [_activity(e) for e in counted]
    parts = [_part(e) for e in _choose(counted, chosen)]
    summary_text = summary[1].strip() if summary else None
    summary_words = word_count(summary_text or "")
    statement_words = sum(p.words for p in parts)
    return HcpcPack(
        header=header(portfolio, result, title="HCPC CPD profile", as_of=as_of),
        summary=summary_text,
        summary_source=summary[0] if summary else None,
        summary_words=summary_words,
        statement=parts,
        statement_words=statement_words,
        activities=activities,
        breaks=_breaks(portfolio, result),
        unexplained_gaps=[d for r in result.rules if r.kind == "gap" for d in r.detail],
        evidence=sorted({path for a in activities for path in a.evidence}),
        problems=_problems(summary_text, summary_words, parts, statement_words),
    )


def _activity(entry: Entry) -> Activity:
    m = entry.model
    assert m is not None and entry.type is not None
    kind = ACTIVITY_KINDS[entry.type]
    activity = getattr(m, "activity", None)
    return Activity(
        path=entry.rel,
        date=m.date,
        end=m.end,
        entry_type=entry.type,
        kind=f"{kind} ({activity})" if activity else kind,
        title=m.title or entry.rel,
        hours=exact(m.hours) if m.hours is not None else None,
        evidence=list(m.evidence),
    )


def _choose(counted: list[Entry], chosen: Sequence[str]) -> list[Entry]:
    """The chosen entries, or else the most recent of different kinds (4 to 6)."""
    if chosen:
        by_path = {e.rel: e for e in counted}
        unknown = [p for p in chosen if p not in by_path]
        if unknown:
            raise UsageError(
                f"--activity {unknown[0]} is not an activity the HCPC profile counted",
                hint="choose from the dated list of activities in the pack (paths under entries/)",
            )
        return [by_path[p] for p in dict.fromkeys(chosen)]
    newest = sorted(counted, key=lambda e: (e.model.date, e.rel), reverse=True)  # type: ignore[union-attr]
    picked: list[Entry] = []
    kinds: set[str] = set()
    for entry in newest:
        if entry.type not in kinds and len(picked) < MOST:
            picked.append(entry)
            kinds.add(entry.type or "")
    for entry in newest:
        if len(picked) >= FEWEST:
            break
        if entry not in picked:
            picked.append(entry)
    return sorted(picked, key=lambda e: (e.model.date, e.rel))  # type: ignore[union-attr]


def _part(entry: Entry) -> StatementPart:
    text = plain_body(entry.body)
    return StatementPart(activity=_activity(entry), text=text, words=word_count(text))


def _breaks(portfolio: Portfolio, result: ProfileResult) -> list[Break]:
    window = result.window
    out = []
    for entry in portfolio.entries:
        m = entry.model
        if entry.type != "break" or m is None or not m.is_final:
            continue
        if window.contains(m.date) or (m.end is not None and window.contains(m.end)):
            out.append(
                Break(path=entry.rel, start=m.date, end=m.end, reason=getattr(m, "reason", None))
            )
    return sorted(out, key=lambda b: (b.start, b.path))


def _problems(
    summary: str | None, summary_words: int, parts: list[StatementPart], statement_words: int
) -> list[str]:
    out = []
    if summary is None:
        out.append(
            "No summary of practice: name a Markdown file as `summary_of_practice:` "
            "under practitioner in portfolio.yaml."
        )
    elif summary_words > SUMMARY_WORDS:
        out.append(f"The summary of practice has {summary_words} words; the limit is 500.")
    if statement_words > STATEMENT_WORDS:
        out.append(f"The statement has {statement_words} words; the limit is 1,500.")
    if not FEWEST <= len(parts) <= MOST:
        out.append(f"The statement describes {len(parts)} activities; the HCPC asks for 4 to 6.")
    return out
