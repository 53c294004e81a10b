"""Coverage of the framework: which competencies a portfolio evidences, claims or plans.

For every competency that applies at a level, :func:`coverage` collects the final
entries that list it, the latest self-assessment's rating and the open plans,
and gives it one status:

* ``evidenced``: at least one final entry (not a self-assessment or plan) lists it;
* ``claimed``: the latest final self-assessment rates it achieved, without evidence;
* ``planned``: only an open final plan lists it;
* ``gap``: none of these.

Only entries that count are evidence (see :class:`~imhcli.models.verdicts.Counting`):
drafts, unfinished entries and entries with errors count for nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel

from imhcli.errors import UsageError
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.entries import Break, Plan, Rating, SelfAssessment
from imhcli.models.framework import Competency, Framework
from imhcli.models.verdicts import Counting

Status = Literal["evidenced", "claimed", "planned", "gap"]

#: Entry types that suit the work of each IMHCF domain, for "where to next".
SUGGESTED_TYPES: dict[int, tuple[str, ...]] = {
    1: ("practice", "reflection", "feedback"),
    2: ("cpd", "practice", "reflection"),
    3: ("cpd", "practice", "reflection"),
    4: ("practice", "reflection", "supervision"),
    5: ("practice", "reflection", "feedback"),
    6: ("supervision", "reflection", "discussion"),
    7: ("cpd", "practice", "reflection"),
}
DEFAULT_SUGGESTED: tuple[str, ...] = ("practice", "reflection", "cpd")


class CompetencyStatus(BaseModel):
    """One competency at the level, and what the portfolio holds for it."""

    id: str
    domain: int
    domain_title: str
    group: str | None
    statement: str
    status: Status
    evidence: list[str]
    evidence_types: dict[str, int]
    self_assessment: Rating | None
    plans: list[str]
    suggested_types: list[str]


class Tally(BaseModel):
    """Counts of statuses over some competencies."""

    total: int
    evidenced: int
    claimed: int
    planned: int
    gaps: int
    percent: float


class DomainCoverage(Tally):
    id: int
    title: str


class CoverageReport(BaseModel):
    """What ``imh gaps`` shows: one status per competency, and totals."""

    portfolio: str
    framework: str
    framework_notice: str | None = None
    level: int
    competencies: list[CompetencyStatus]
    summary: Tally
    domains: list[DomainCoverage]

    def gaps(self) -> list[CompetencyStatus]:
        return [c for c in self.competencies if c.status == "gap"]


def coverage(
    portfolio: Portfolio,
    *,
    counting: Counting,
    level: int | None = None,
    domain: int | None = None,
) -> CoverageReport:
    """The coverage of the portfolio's framework at ``level`` (default: the portfolio's).

    Raises :class:`UsageError` when portfolio.yaml or the framework cannot be used,
    or when ``level`` or ``domain`` is not one the framework defines.
    """
    framework = portfolio.require_framework("coverage")
    level = _level(portfolio, framework, level)
    if domain is not None and all(d.id != domain for d in framework.domains):
        known = ", ".join(str(d.id) for d in framework.domains)
        raise UsageError(f"framework {framework.id} has no domain {domain} (domains: {known})")
    comps = [c for c in framework.at_level(level) if _in_domain(framework, c, domain)]
    index = _Index.build(portfolio, framework, counting)
    statuses = [_status_of(framework, c, index) for c in comps]
    return CoverageReport(
        portfolio=portfolio.label,
        framework=framework.id,
        framework_notice=framework.notice(),
        level=level,
        competencies=statuses,
        summary=tally(statuses),
        domains=[
            DomainCoverage(id=d.id, title=d.title, **tally(s).model_dump())
            for d in framework.domains
            if (s := [c for c in statuses if c.domain == d.id])
        ],
    )


def tally(statuses: list[CompetencyStatus]) -> Tally:
    """Count statuses; ``percent`` is the share evidenced, to one decimal place."""
    counts = Counter(c.status for c in statuses)
    total = len(statuses)
    return Tally(
        total=total,
        evidenced=counts["evidenced"],
        claimed=counts["claimed"],
        planned=counts["planned"],
        gaps=counts["gap"],
        percent=round(100 * counts["evidenced"] / total, 1) if total else 0.0,
    )


def _level(portfolio: Portfolio, framework: Framework, level: int | None) -> int:
    chosen = portfolio.level if level is None else level
    if chosen is None or framework.level(chosen) is None:
        known = ", ".join(str(lv.id) for lv in framework.levels)
        raise UsageError(f"framework {framework.id} has no level {chosen} (levels: {known})")
    return chosen


def _in_domain(framework: Framework, comp: Competency, domain: int | None) -> bool:
    return domain is None or framework.domain_of(comp).id == domain


class _Index:
    """Which final entries evidence or plan each competency, and the latest ratings."""

    def __init__(self) -> None:
        self.evidence: dict[str, list[Entry]] = {}
        self.plans: dict[str, list[str]] = {}
        self.ratings: dict[str, Rating] = {}

    @classmethod
    def build(cls, portfolio: Portfolio, framework: Framework, counting: Counting) -> _Index:
        index = cls()
        for entry in sorted(portfolio.entries, key=lambda e: e.rel):
            model = entry.model
            if model is None or not model.is_final or isinstance(model, (SelfAssessment, Break)):
                continue
            if not counting.counts(entry.rel):
                continue
            for comp_id in framework.resolved_ids(model.competencies):
                if isinstance(model, Plan):
                    if model.state == "open":
                        index.plans.setdefault(comp_id, []).append(entry.rel)
                else:
                    index.evidence.setdefault(comp_id, []).append(entry)
        latest = portfolio.latest_self_assessment()
        if latest is not None and isinstance(latest.model, SelfAssessment):
            for ref, rating in latest.model.ratings.items():
                comp = framework.resolve(ref)
                if comp is not None:
                    index.ratings[comp.id] = rating
        return index


def _status_of(framework: Framework, comp: Competency, index: _Index) -> CompetencyStatus:
    entries = index.evidence.get(comp.id, [])
    plans = index.plans.get(comp.id, [])
    rating = index.ratings.get(comp.id)
    status: Status
    if entries:
        status = "evidenced"
    elif rating == "achieved":
        status = "claimed"
    elif plans:
        status = "planned"
    else:
        status = "gap"
    domain = framework.domain_of(comp)
    return CompetencyStatus(
        id=comp.id,
        domain=domain.id,
        domain_title=domain.title,
        group=comp.group,
        statement=" ".join(comp.statement.split()),
        status=status,
        evidence=[e.rel for e in entries],
        evidence_types=dict(sorted(Counter(e.type or "" for e in entries).items())),
        self_assessment=rating,
        plans=plans,
        suggested_types=list(SUGGESTED_TYPES.get(domain.id, DEFAULT_SUGGESTED)),
    )
