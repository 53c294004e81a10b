"""What every pack shares: the counted entries of a profile, sections of a body, word counts.

A pack prints only what the profile counted: :func:`counted_entries` follows each rule's
``counted`` paths back to the loaded entries, in date order, each once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import BaseModel

from imhcli.analysis.requirements import ProfileResult
from imhcli.load.portfolio import Entry, Portfolio

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


class NotCountedRow(BaseModel):
    """An entry a rule looked at and did not count, with the reason in words."""

    rule: str
    path: str
    reason: str


class Header(BaseModel):
    """The first page of every pack: who, which profile, and its verdicts."""

    title: str
    practitioner: str
    role: str | None
    registrations: list[str]
    as_of: dt.date
    profile: ProfileResult
    not_counted: list[NotCountedRow]


def counted_entries(portfolio: Portfolio, result: ProfileResult) -> list[Entry]:
    """The entries any rule of the profile counted, each once, by date then path."""
    wanted = {path for rule in result.rules for path in rule.counted}
    found = [e for e in portfolio.entries if e.rel in wanted and e.model is not None]
    return sorted(found, key=lambda e: (e.model.date, e.rel))  # type: ignore[union-attr]


def of_type(entries: Iterable[Entry], *types: str) -> list[Entry]:
    """The entries whose type is one of ``types``, order kept."""
    return [e for e in entries if e.type in types]


def header(portfolio: Portfolio, result: ProfileResult, *, title: str, as_of: dt.date) -> Header:
    """The pack's first page from portfolio.yaml and the profile's result."""
    config = portfolio.config
    assert config is not None  # a pack is made only from a usable portfolio
    person = config.practitioner
    registrations = [
        " ".join(part for part in (reg.body, reg.number) if part) for reg in person.registrations
    ]
    return Header(
        title=title,
        practitioner=person.name,
        role=person.role,
        registrations=registrations,
        as_of=as_of,
        profile=result,
        not_counted=[
            NotCountedRow(rule=rule.description, path=item.path, reason=item.reason)
            for rule in result.rules
            for item in rule.not_counted
        ],
    )


def plain_body(body: str) -> str:
    """The body without HTML comments, trimmed."""
    return _COMMENT.sub("", body).strip()


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters and digits, with inner ' or -."""
    return len(_WORD.findall(_COMMENT.sub("", text)))
