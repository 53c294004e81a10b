"""What a cohort row says about one portfolio or bundle, and how it is worked out.

A portfolio is checked as `imh check` checks it (through its cache) and then
summarised: practitioner, level, coverage (as `imh gaps`) and requirement status
(as `imh requirements`). A bundle is verified as `imh verify` verifies it, and its
payload summarised the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from imhcli.codes import Severity
from imhcli.cohort.run import Outcome, Row, Status, Target, failed
from imhcli.diagnostics import Diagnostic

if TYPE_CHECKING:
    from imhcli.check.cache import CachedCheck, PortfolioCache
    from imhcli.load.portfolio import Portfolio

Requirements = Literal["met", "not met", "none"] | None


def check_portfolio(
    target: Target,
    *,
    today: dt.date,
    use_cache: bool = True,
    details: bool = False,
    store: PortfolioCache | None = None,
) -> Outcome:
    """Check one portfolio (through its cache) and summarise it as a row."""
    from imhcli.check.run import check_portfolio as check_one
    from imhcli.load.portfolio import PORTFOLIO_FILE

    if not (target.path / PORTFOLIO_FILE).is_file():
        return failed(target, "no portfolio.yaml or bundle zip found here")
    result = check_one(
        target.path,
        label=target.label,
        today=today,
        use_cache=use_cache,
        summary=_row_data,
        store=store,
    )
    return cached_outcome(target, result, details=details)


def cached_outcome(target: Target, result: CachedCheck, *, details: bool) -> Outcome:
    """The outcome of a check result (fresh or cached) with its row."""
    row = Row.model_validate({**(result.row or {}), "path": target.label})
    if not details:
        return Outcome(row, [], [])
    return Outcome(row, result.files, result.diagnostics)


def _row_data(portfolio: Portfolio, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    return portfolio_row(portfolio, diagnostics).model_dump(mode="json")


def portfolio_row(portfolio: Portfolio, diagnostics: Sequence[Diagnostic]) -> Row:
    """The summary row of a loaded portfolio and its diagnostics."""
    config = portfolio.config
    name = config.practitioner.name if config is not None else None
    unmet, requirements = _requirement_status(portfolio)
    return Row(
        path=portfolio.label,
        kind="portfolio",
        practitioner=name or Path(portfolio.label).name,
        level=portfolio.level,
        coverage=_coverage_percent(portfolio),
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


def _coverage_percent(portfolio: Portfolio) -> float | None:
    from imhcli.analysis.coverage import coverage
    from imhcli.errors import ImhError

    try:
        return coverage(portfolio).summary.percent
    except ImhError:
        return None


def _requirement_status(portfolio: Portfolio) -> tuple[list[str], Requirements]:
    from imhcli.analysis.requirements import evaluate, profiles_for
    from imhcli.errors import ImhError

    if portfolio.config is None or not portfolio.config.requirements:
        return [], "none"
    try:
        report = evaluate(portfolio, profiles_for(portfolio))
    except ImhError:
        return [], None
    unmet = [p.id for p in report.profiles if not p.met]
    return unmet, "not met" if unmet else "met"


def check_bundle(target: Target, *, today: dt.date, details: bool = False) -> Outcome:
    """Verify one bundle zip (as `imh verify`) and summarise its payload as a row.

    Every verification finding (a bad checksum, a missing tag file, a finding in
    the payload) counts in the row; practitioner, level, coverage and requirements
    come from the payload's portfolio when it can be read.
    """
    from imhcli.bundle.verify import verify
    from imhcli.errors import ImhError

    try:
        result = verify(target.path, today=today)
    except ImhError as exc:
        return failed(target, exc.message)
    diagnostics = [
        d.model_copy(update={"portfolio": target.label}) for d in result.report.diagnostics
    ]
    files, portfolio = _bundle_payload(target, result.top, today)
    if portfolio is not None:
        row = portfolio_row(portfolio, diagnostics)
    else:
        row = _counted_row(target, diagnostics)
    row = row.model_copy(update={"kind": "bundle", "path": target.label})
    return Outcome(row, files if details else [], diagnostics if details else [])


def _counted_row(target: Target, diagnostics: Sequence[Diagnostic]) -> Row:
    return Row(path=target.label, kind=target.kind, **_tally(diagnostics))


def _bundle_payload(
    target: Target, top: str | None, today: dt.date
) -> tuple[list[str], Portfolio | None]:
    """The bag's file names and its payload loaded as a portfolio (None if it cannot be)."""
    import zipfile

    from imhcli.bundle.verify import ZipPayload
    from imhcli.load.portfolio import PORTFOLIO_FILE, load_payload

    if top is None:
        return [], None
    with zipfile.ZipFile(target.path) as zf:
        infos = {i.filename[len(top) + 1 :]: i for i in zf.infolist() if not i.is_dir()}
        payload = {n.removeprefix("data/"): i for n, i in infos.items() if n.startswith("data/")}
        if PORTFOLIO_FILE not in payload:
            return sorted(infos), None
        portfolio = load_payload(ZipPayload(zf, payload), label=target.label, today=today)
    return sorted(infos), portfolio
