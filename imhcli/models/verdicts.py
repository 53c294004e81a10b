"""What counts as evidence, and the verdicts of requirement profiles, as data.

:class:`Counting` says which entries of a portfolio count (spec section 8): a
draft, an unfinished entry (IMH110) or an entry with errors counts for nothing.
It is computed once, by the caller (the check layer runs the rules), and handed
to every analysis, so coverage, hours and requirements agree.

:class:`RequirementsReport` is what ``imh requirements`` shows; each rule lists
the entries it counted and those it did not, with the reason. Renderers and
regulator packs read these models; nothing here computes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, PlainSerializer

#: Why an entry does not count anywhere (more reasons come from a rule's own conditions).
DRAFT = "draft"
UNFINISHED = "unfinished"
OUTSIDE_WINDOW = "outside the window"
UNREADABLE = "cannot be read"


def has_errors(codes: list[str]) -> str:
    """The reason an entry with errors does not count: ``has errors (IMH303)``."""
    if not codes:
        return "has errors"
    return f"has errors ({', '.join(sorted(set(codes)))})"


@dataclass(frozen=True, slots=True)
class Counting:
    """Which entries count as evidence: every path not in ``excluded`` does."""

    excluded: Mapping[str, str] = field(default_factory=dict)

    def reason(self, rel: str) -> str | None:
        """Why the entry at ``rel`` counts for nothing, or None when it counts."""
        return self.excluded.get(rel)

    def counts(self, rel: str) -> bool:
        return rel not in self.excluded

    def excluding(self, paths: Iterable[str], reason: str) -> Counting:
        """These counting rules, with ``paths`` not counting either (for ``reason``)."""
        more = {rel: reason for rel in paths if rel not in self.excluded}
        return Counting({**self.excluded, **more}) if more else self


def _json_number(value: Decimal) -> int | float:
    """Decimals as JSON numbers: whole ones as integers, others by their shortest text."""
    return int(value) if value == value.to_integral_value() else float(value)


#: Exact hours that a JSON dump writes as a number.
ExactHours = Annotated[Decimal, PlainSerializer(_json_number, when_used="json")]


class Window(BaseModel):
    """An inclusive range of days; ``None`` on a side means it is open."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class NotCounted(BaseModel):
    """An entry a rule looked at and did not count, and why."""

    path: str
    reason: str


class Caveat(BaseModel):
    """An entry a rule counted, with something the practitioner should confirm."""

    path: str
    note: str


RuleKind = Literal["count", "sum", "coverage", "gap", "variety"]


class RuleResult(BaseModel):
    """One rule of a profile: what it requires, what the portfolio gives, and which entries."""

    id: str
    description: str
    kind: RuleKind
    window: Window
    required: ExactHours
    actual: ExactHours
    unit: str
    met: bool
    still_needed: str | None
    detail: list[str]
    counted: list[str]
    not_counted: list[NotCounted]
    caveats: list[Caveat] = []


class ProfileResult(BaseModel):
    """One profile: met or not, its window, its rules, and what to remember besides."""

    id: str
    title: str
    source: str
    notes: str | None
    met: bool
    window: Window
    days_left: int | None
    still_needed: str | None
    rules: list[RuleResult]
    warnings: list[str] = []
    reminders: list[str] = []


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
