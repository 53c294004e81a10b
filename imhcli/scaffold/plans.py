"""`imh gaps --plan`: a draft plan entry for each gap in a portfolio's coverage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel

from imhcli.analysis.coverage import CompetencyStatus, CoverageReport
from imhcli.errors import UsageError
from imhcli.load.portfolio import Portfolio
from imhcli.models.entries import Plan
from imhcli.models.framework import Competency, Framework
from imhcli.scaffold.new import new_entry


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
    framework = portfolio.require_framework("coverage")
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
            for comp_id in framework.resolved_ids(entry.model.competencies):
                found.setdefault(comp_id, entry.rel)
    return found
