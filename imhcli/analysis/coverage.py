"""Coverage of the framework: which competencies a portfolio evidences, claims or plans.

For every competency that applies at a level, :func:`coverage` collects the final
entries that list it, the latest self-assessment's rating and the open plans,
and gives it one status:

* ``evidenced``: at least one final entry (not a self-assessment or plan) lists it;
* ``claimed``: the latest final self-assessment rates it achieved, without evidence;
* ``planned``: only an open final plan lists it;
* ``gap``: none of these.

Drafts count for nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from imhcli.errors import UsageError
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.models.entries import Plan, Rating, SelfAssessment
from imhcli.models.framework import Competency, Framework
from imhcli.rules.claims import latest_self_assessment

Status = Literal["evidenced", "claimed", "planned", "gap"]
STATUSES: tuple[Status, ...] = ("evidenced", "claimed", "planned", "gap")

#: Entry types that are not evidence of a competency, even when they list it.
NOT_EVIDENCE = frozenset({"self-assessment", "plan"})

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
    portfolio: Portfolio, *, level: int | None = None, domain: int | None = None
) -> CoverageReport:
    """The coverage of the portfolio's framework at ``level`` (default: the portfolio's).

    Raises :class:`UsageError` when portfolio.yaml or the framework cannot be used,
    or when ``level`` or ``domain`` is not one the framework defines.
    """
    framework = _framework_of(portfolio)
    level = _level(portfolio, framework, level)
    if domain is not None and all(d.id != domain for d in framework.domains):
        known = ", ".join(str(d.id) for d in framework.domains)
        raise UsageError(f"framework {framework.id} has no domain {domain} (domains: {known})")
    comps = [c for c in framework.at_level(level) if _in_domain(framework, c, domain)]
    index = _Index.build(portfolio, framework)
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


def _framework_of(portfolio: Portfolio) -> Framework:
    if portfolio.framework is None or portfolio.config is None:
        raise UsageError(
            "portfolio.yaml or its framework has problems", hint="run `imh check` to see them"
        )
    return portfolio.framework


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
    def build(cls, portfolio: Portfolio, framework: Framework) -> _Index:
        index = cls()
        for entry in sorted(portfolio.entries, key=lambda e: e.rel):
            model = entry.model
            if model is None or not model.is_final or entry.type in {None, "self-assessment"}:
                continue
            for comp_id in resolved_ids(framework, model.competencies):
                if isinstance(model, Plan):
                    if model.state == "open":
                        index.plans.setdefault(comp_id, []).append(entry.rel)
                else:
                    index.evidence.setdefault(comp_id, []).append(entry)
        latest = latest_self_assessment(portfolio)
        if latest is not None and isinstance(latest.model, SelfAssessment):
            for ref, rating in latest.model.ratings.items():
                comp = framework.resolve(ref)
                if comp is not None:
                    index.ratings[comp.id] = rating
        return index


def resolved_ids(framework: Framework, refs: list[str | float | int]) -> list[str]:
    """The framework ids that references name, each once, unknown ones left out."""
    found: dict[str, None] = {}
    for ref in refs:
        comp = framework.resolve(ref)
        if comp is not None:
            found.setdefault(comp.id)
    return list(found)


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


# --- imh gaps --plan ------------------------------------------------------------------


class PlanResult(BaseModel):
    """What ``imh gaps --plan`` wrote, and what it left alone."""

    created: list[str]
    skipped: dict[str, str]


def write_plans(
    portfolio: Portfolio,
    report: CoverageReport,
    *,
    competencies: list[str] | None = None,
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> PlanResult:
    """Write one draft plan entry per gap (or per chosen competency). Never overwrites.

    A competency that already has an open plan entry (draft or final) is skipped,
    so running this twice does not duplicate plans.
    """
    from imhcli.scaffold.new import new_entry

    framework = _framework_of(portfolio)
    wanted = _chosen(framework, report, competencies)
    planned = _planned_anywhere(portfolio, framework)
    result = PlanResult(created=[], skipped={})
    for comp in wanted:
        if comp.id in planned:
            result.skipped[comp.id] = f"already planned in {planned[comp.id]}"
            continue
        path = new_entry(
            portfolio.root,
            "plan",
            title=plan_title(comp),
            date=today or portfolio.today,
            competencies=[comp.id],
            fields={"due": due},
            draft=True,
        )
        result.created.append(Path(path).relative_to(portfolio.root).as_posix())
    return result


def plan_title(comp: CompetencyStatus) -> str:
    """A plan's title: the competency id and its group heading or statement."""
    about = comp.group or comp.statement
    if len(about) > 60:
        about = about[:57].rstrip() + "..."
    return f"Evidence competency {comp.id}: {about}"


def _chosen(
    framework: Framework, report: CoverageReport, competencies: list[str] | None
) -> list[CompetencyStatus]:
    if not competencies:
        return report.gaps()
    by_id = {c.id: c for c in report.competencies}
    chosen: list[CompetencyStatus] = []
    for ref in competencies:
        comp = framework.resolve(ref) or _resolve_number(framework, ref)
        if comp is None or comp.id not in by_id:
            hint = framework.suggest(ref)
            where = f"at level {report.level}" if comp is not None else f"in {framework.id}"
            extra = f"; did you mean {' or '.join(hint[:2])}?" if hint and comp is None else ""
            raise UsageError(f"no competency {ref!r} {where}{extra}")
        chosen.append(by_id[comp.id])
    return chosen


def _resolve_number(framework: Framework, ref: str) -> Competency | None:
    try:
        return framework.resolve(float(ref))
    except ValueError:
        return None


def _planned_anywhere(portfolio: Portfolio, framework: Framework) -> dict[str, str]:
    """Competency id -> the first open plan (draft or final) that lists it."""
    found: dict[str, str] = {}
    for entry in sorted(portfolio.entries, key=lambda e: e.rel):
        if isinstance(entry.model, Plan) and entry.model.state == "open":
            for comp_id in resolved_ids(framework, entry.model.competencies):
                found.setdefault(comp_id, entry.rel)
    return found
