"""Rules: small registered units that yield findings.

An *entry rule* looks at one entry at a time; a *portfolio rule* looks at the
whole portfolio (portfolio.yaml, or relations between entries) and yields the
record each finding belongs to; a *review rule* looks at an assessor's review
file (and the bundle it is about, when known). A rule's docstring is its documentation: the
docs page of codes is generated from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # only for the types: importing a detector alone stays cheap
    from imhcli.diagnostics import Finding
    from imhcli.load.portfolio import Entry, Portfolio, Record
    from imhcli.models.review import ReviewContext

EntryCheck: TypeAlias = "Callable[[Entry, Portfolio], Iterable[Finding]]"
PortfolioCheck: TypeAlias = "Callable[[Portfolio], Iterable[tuple[Record, Finding]]]"
ReviewCheck: TypeAlias = "Callable[[ReviewContext], Iterable[Finding]]"


@dataclass(frozen=True, slots=True)
class Rule:
    codes: tuple[str, ...]
    name: str
    doc: str
    entry_check: EntryCheck | None = None
    portfolio_check: PortfolioCheck | None = None
    review_check: ReviewCheck | None = None
    #: Also run on entries whose front matter could not be read (privacy rules).
    broken_too: bool = False


_RULES: list[Rule] = []

#: Rule modules, imported on first use; new rule modules are added here.
RULE_MODULES = (
    "config",
    "competencies",
    "paths",
    "payload",
    "dates",
    "claims",
    "writing",
    "privacy",
    "privacy_files",
    "review",
)


def entry_rule(*codes: str, broken_too: bool = False) -> Callable[[EntryCheck], EntryCheck]:
    def register(func: EntryCheck) -> EntryCheck:
        doc = (func.__doc__ or "").strip()
        _RULES.append(Rule(codes, func.__name__, doc, entry_check=func, broken_too=broken_too))
        return func

    return register


def portfolio_rule(*codes: str) -> Callable[[PortfolioCheck], PortfolioCheck]:
    def register(func: PortfolioCheck) -> PortfolioCheck:
        _RULES.append(
            Rule(codes, func.__name__, (func.__doc__ or "").strip(), portfolio_check=func)
        )
        return func

    return register


def review_rule(*codes: str) -> Callable[[ReviewCheck], ReviewCheck]:
    def register(func: ReviewCheck) -> ReviewCheck:
        _RULES.append(Rule(codes, func.__name__, (func.__doc__ or "").strip(), review_check=func))
        return func

    return register


_loaded = False


def all_rules() -> list[Rule]:
    """Every registered rule, importing the rule modules on first use.

    A rule module that cannot be imported raises: a renamed or broken module must
    not make its rules vanish silently.
    """
    global _loaded
    if not _loaded:
        for name in RULE_MODULES:
            import_module(f"imhcli.rules.{name}")
        _loaded = True
    return list(_RULES)
