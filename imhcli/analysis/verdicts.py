"""Which entries a requirement rule counts, and why it leaves the others out.

An entry the rule's ``filter`` does not match is no concern of the rule. Each
entry it matches is either counted or listed with the first reason it is not:

1. it counts for nothing anywhere (draft, unfinished, has errors: :class:`Counting`);
2. it is outside the rule's window (or after the as-of date);
3. a section the rule names under ``sections:`` is missing or empty;
4. it fails one of the rule's ``require:`` conditions (the condition's own reason).

A condition with ``unknown:`` counts an entry that does not give the field,
with a caveat to confirm it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from imhcli.load.body import has_own_words, heading_key, sections
from imhcli.load.portfolio import Entry
from imhcli.models.entries import EntryBase
from imhcli.models.requirement_profile import Condition, FilteredRule, FilterValue, matches
from imhcli.models.verdicts import OUTSIDE_WINDOW, Caveat, Counting, NotCounted, Window


@dataclass(frozen=True, slots=True)
class Scope:
    """What a rule is judged against: which entries count, its dates, earlier verdicts."""

    counting: Counting
    window: Window
    upto: Window
    met: Mapping[str, bool] = field(default_factory=dict)


@dataclass(slots=True)
class Sorting:
    """The entries a rule looked at: counted (in date order), not counted, and caveats."""

    counted: list[Entry] = field(default_factory=list)
    not_counted: list[NotCounted] = field(default_factory=list)
    caveats: list[Caveat] = field(default_factory=list)

    @property
    def models(self) -> list[EntryBase]:
        return [e.model for e in self.counted if e.model is not None]


def selected(wanted: Mapping[str, FilterValue], model: EntryBase) -> bool:
    """Whether an entry's front matter matches every field of a filter."""
    return all(matches(getattr(model, name, None), want) for name, want in wanted.items())


def sort_entries(rule: FilteredRule, entries: Iterable[Entry], scope: Scope) -> Sorting:
    """Split the entries the rule's filter selects into counted and not counted."""
    out = Sorting()
    for entry in entries:
        model = entry.model
        if model is None or not selected(rule.filter, model):
            continue
        reason = excluded(entry, scope) or _section_problem(rule, entry)
        notes: list[str] = []
        if reason is None:
            reason = _failed_condition(rule.require, entry, scope, notes)
        if reason is not None:
            out.not_counted.append(NotCounted(path=entry.rel, reason=reason))
            continue
        out.counted.append(entry)
        out.caveats.extend(Caveat(path=entry.rel, note=note) for note in notes)
    return out


def excluded(entry: Entry, scope: Scope) -> str | None:
    """Why an entry counts for no rule of this window: it does not count, or is outside."""
    reason = scope.counting.reason(entry.rel)
    if reason is not None:
        return reason
    if entry.model is None or not scope.upto.contains(entry.model.date):
        return OUTSIDE_WINDOW
    return None


def _section_problem(rule: FilteredRule, entry: Entry) -> str | None:
    if not rule.sections:
        return None
    found = {heading_key(s.title): s for s in sections(entry.body)}
    problems = []
    for title in rule.sections:
        section = found.get(heading_key(title))
        if section is None:
            problems.append(f"missing section: {_named(title)}")
        elif not has_own_words(section.text):
            problems.append(f"empty section: {_named(title)}")
    return "; ".join(problems) or None


def _named(title: str) -> str:
    """A heading as a reason names it: ``what did you learn``."""
    return title.rstrip("?:. ").casefold()


def _failed_condition(
    conditions: Iterable[Condition], entry: Entry, scope: Scope, notes: list[str]
) -> str | None:
    model = entry.model
    assert model is not None
    for cond in conditions:
        if not selected(cond.when, model):
            continue
        value = getattr(model, cond.field, None) if cond.field is not None else None
        if cond.field is not None and value is None and cond.unknown is not None:
            notes.append(cond.unknown)
            continue
        if not _holds(cond, value, entry, scope):
            return cond.reason.replace("{value}", "not set" if value is None else str(value))
    return None


def _holds(cond: Condition, value: Any, entry: Entry, scope: Scope) -> bool:
    if cond.present is not None and (value not in (None, [], "")) != cond.present:
        return False
    if cond.equals is not None and not matches(value, cond.equals):
        return False
    if cond.pattern is not None and (
        value is None or re.fullmatch(cond.pattern, str(value), re.IGNORECASE) is None
    ):
        return False
    if cond.written is not None and has_own_words(entry.body) != cond.written:
        return False
    model = entry.model
    if cond.one_of is not None and not any(selected(f, model) for f in cond.one_of if model):
        return False
    return cond.rule_met is None or scope.met.get(cond.rule_met, False)
