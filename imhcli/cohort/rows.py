"""What a cohort row says about one portfolio or bundle, and how it is worked out.

A portfolio is checked as `imh check` checks it (through its cache) and then
summarised: practitioner, level, coverage (as `imh gaps`) and requirement status
(as `imh requirements`). A bundle is verified as `imh verify` verifies it, and
the payload verify loaded is summarised the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imhcli.check.targets import Target
from imhcli.codes import Severity
from imhcli.diagnostics import Diagnostic
from imhcli.models.cohort import Outcome, RequirementStatus, Row, Status
from imhcli.models.review import JUDGEMENTS

if TYPE_CHECKING:
    from imhcli.check.cache import PortfolioCache
    from imhcli.check.engine import CheckedPortfolio
    from imhcli.load.portfolio import Portfolio
    from imhcli.models.verdicts import Counting


def portfolio_outcome(
    target: Target,
    *,
    today: dt.date,
    use_cache: bool = True,
    details: bool = False,
    store: PortfolioCache | None = None,
) -> Outcome:
    """Check one portfolio (through its cache) and summarise it as a row."""
    from imhcli.check.cache import check_portfolio
    from imhcli.load.portfolio import PORTFOLIO_FILE

    if not (target.path / PORTFOLIO_FILE).is_file():
        return failed(target, "no portfolio.yaml or bundle zip found here")
    result = check_portfolio(
        target.path,
        label=target.label,
        today=today,
        use_cache=use_cache,
        summarise=portfolio_row,
        store=store,
    )
    return checked_outcome(target, result, details=details)


def checked_outcome(target: Target, result: CheckedPortfolio, *, details: bool) -> Outcome:
    """The outcome of a check result (fresh or cached) that has its row."""
    assert result.row is not None, "a cohort check always summarises its portfolio"
    row = with_review(result.row.model_copy(update={"path": target.label}), target)
    if not details:
        return Outcome(row, [], [])
    return Outcome(row, result.files, result.diagnostics)


def portfolio_row(portfolio: Portfolio, diagnostics: Sequence[Diagnostic]) -> Row:
    """The summary row of a loaded portfolio and its diagnostics."""
    config = portfolio.config
    name = config.practitioner.name if config is not None else None
    from imhcli.check.counting import counting_for

    counting = counting_for(portfolio, diagnostics)
    unmet, requirements = _requirement_status(portfolio, counting)
    return Row(
        path=portfolio.label,
        kind="portfolio",
        practitioner=name or Path(portfolio.label).name,
        level=portfolio.level,
        coverage=_coverage_percent(portfolio, counting),
        requirements=requirements,
        unmet=unmet,
        **_tally(diagnostics),
    )


def _tally(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """A row's errors, warnings and status."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    status: Status = "errors" if errors else "warnings" if warnings else "ok"
    return {"errors": errors, "warnings": warnings, "status": status}


def _coverage_percent(portfolio: Portfolio, counting: Counting) -> float | None:
    from imhcli.analysis.coverage import coverage
    from imhcli.errors import ImhError

    try:
        return coverage(portfolio, counting=counting).summary.percent
    except ImhError:
        return None


def _requirement_status(
    portfolio: Portfolio, counting: Counting
) -> tuple[list[str], RequirementStatus]:
    from imhcli.analysis.requirements import evaluate
    from imhcli.errors import ImhError
    from imhcli.load.profiles import profiles_for

    if portfolio.config is None or not portfolio.config.requirements:
        return [], "none"
    try:
        report = evaluate(portfolio, profiles_for(portfolio), counting=counting)
    except ImhError:
        return [], None
    unmet = [p.id for p in report.profiles if not p.met]
    return unmet, "not met" if unmet else "met"


def bundle_outcome(target: Target, *, today: dt.date, details: bool = False) -> Outcome:
    """Verify one bundle zip (as `imh verify`) and summarise its payload as a row.

    Every verification finding (a bad checksum, a missing tag file, a finding in
    the payload) counts in the row; practitioner, level, coverage and requirements
    come from the payload's portfolio, as verify loaded it, when it can be read.
    """
    from imhcli.bundle.verify import verify_bundle
    from imhcli.errors import ImhError

    try:
        verified = verify_bundle(target.path, today=today, label=target.label)
    except ImhError as exc:
        return failed(target, exc.message)
    diagnostics = verified.result.report.diagnostics
    if verified.portfolio is not None:
        row = portfolio_row(verified.portfolio, diagnostics)
    else:
        row = Row(path=target.label, kind=target.kind, **_tally(diagnostics))
    row = row.model_copy(update={"kind": "bundle", "path": target.label})
    row = with_review(row, target)
    return Outcome(row, verified.files if details else [], diagnostics if details else [])


def with_review(row: Row, target: Target) -> Row:
    """The row with its review state and judgement counts (see `imh status`)."""
    from imhcli.review.status import bundle_review, portfolio_review

    found = bundle_review(target.path) if target.kind == "bundle" else portfolio_review(target.path)
    counts = found.counts or {}
    return row.model_copy(
        update={
            "review": found.state,
            **{key.replace("-", "_"): counts.get(key) for key in JUDGEMENTS},
        }
    )


def failed(target: Target, problem: str) -> Outcome:
    """The outcome of a target that could not be checked: a row with status ``failed``."""
    row = Row(path=target.label, kind=target.kind, status="failed", problem=problem)
    return Outcome(row, [], [])
