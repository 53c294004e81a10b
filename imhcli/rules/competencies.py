"""Competency references: do they exist, and do they apply at the level?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from imhcli.diagnostics import Finding, Loc
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.rules import entry_rule


def competency_refs(data: dict[Any, Any]) -> Iterator[tuple[Loc, Any, bool]]:
    """Every competency reference in front matter: (loc, value, is_key)."""
    refs = data.get("competencies")
    if isinstance(refs, list):
        for index, ref in enumerate(refs):
            yield ("competencies", index), ref, False
    ratings = data.get("ratings")
    if data.get("type") == "self-assessment" and isinstance(ratings, dict):
        for ref in ratings:
            yield ("ratings", ref), ref, True


@entry_rule("IMH201", "IMH202", "IMH206")
def known_competencies(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH201: a competency id the framework does not define (with a "did you mean").
    IMH202: a competency that does not apply at the portfolio's level (a warning).
    IMH206: an id written as a number that reads as another id than it shows: `1.1`
    is the number 1.10 and matches `1.10`, though `1.01` is easily what was meant
    (a warning, with the quoted form to write).

    Unquoted ids are YAML numbers and match by value, so `1.1` means `1.10`.
    """
    framework, level = portfolio.framework, portfolio.level
    if framework is None or entry.data is None:
        return
    if level is not None and framework.level(level) is None:
        level = None  # IMH105 reports the level itself; a warning per competency is noise
    for loc, ref, is_key in competency_refs(entry.data):
        if isinstance(ref, bool) or not isinstance(ref, (str, int, float)):
            continue  # the schema check reports the wrong type
        comp = framework.resolve(ref)
        if comp is not None and _ambiguous(ref, comp.id):
            yield Finding(
                "IMH206",
                f"competency {ref} is written as a number and read as {comp.id}",
                _quote_hint(ref, comp.id, framework),
                loc,
                key=is_key,
            )
        if comp is None:
            yield Finding(
                "IMH201",
                f"unknown competency {_shown(ref)} in framework {framework.id}",
                _unknown_hint(ref, framework.suggest(ref)),
                loc,
                key=is_key,
            )
        elif level is not None and level not in comp.levels:
            levels = ", ".join(str(lv) for lv in sorted(comp.levels))
            yield Finding(
                "IMH202",
                f"competency {comp.id} does not apply at level {level} (it applies at {levels})",
                "it still counts as evidence, but not towards this level's coverage",
                loc,
                key=is_key,
            )


def _ambiguous(ref: Any, comp_id: str) -> bool:
    """A number whose written form is not the id it matches (1.1 for 1.10)."""
    return isinstance(ref, (int, float)) and not isinstance(ref, bool) and str(ref) != comp_id


def _quote_hint(ref: Any, comp_id: str, framework: Any) -> str:
    head, _, tail = str(ref).partition(".")
    other = f"{head}.{tail.zfill(2)}"
    also = f', or "{other}" if you meant that' if framework.resolve(other) else ""
    return f'write "{comp_id}" in quotes{also}'


def _shown(ref: Any) -> str:
    return repr(ref) if isinstance(ref, str) else f"{ref} (written as a number)"


def _unknown_hint(ref: Any, suggestions: list[str]) -> str:
    if suggestions:
        return f"did you mean {' or '.join(suggestions[:2])}?"
    if isinstance(ref, (int, float)):
        return 'ids have a domain and two digits, e.g. "1.01"; quote them'
    return 'ids have a domain and two digits, e.g. "1.01"'


@entry_rule("IMH107")
def duplicate_ratings(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH107: two `ratings:` keys of a self-assessment name the same competency, one
    quoted and one not (`"1.01"` and `1.01`), or two numbers with one value (`1.1` and
    `1.10`): YAML sees two keys, but only one rating could count.
    """
    if entry.data is None:
        return
    seen: dict[Any, Any] = {}
    for loc, ref, is_key in competency_refs(entry.data):
        if not is_key or isinstance(ref, bool) or not isinstance(ref, (str, int, float)):
            continue
        same = _rated(ref, portfolio)
        first = seen.setdefault(same, ref)
        if first is not ref:
            yield Finding(
                "IMH107",
                f"duplicate rating: {_shown(ref)} and {_shown(first)} are one competency",
                "keep one rating per competency, with its id quoted",
                loc,
                key=True,
            )


def _rated(ref: str | int | float, portfolio: Portfolio) -> Any:
    """What a ratings key stands for: the framework's competency, else its number."""
    comp = portfolio.framework.resolve(ref) if portfolio.framework is not None else None
    if comp is not None:
        return comp.id
    try:
        return float(ref)
    except (TypeError, ValueError):
        return ref
