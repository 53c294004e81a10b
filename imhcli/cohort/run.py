"""`imh cohort` as a library: many portfolios and bundles, checked in parallel, one row each.

Workers return a :class:`Outcome` per portfolio: its summary :class:`Row` and,
only when the output format needs them (github, sarif, junit), its diagnostics,
which the caller writes out and drops at once. So memory grows with the number
of rows, never with the number of findings or files. A portfolio that cannot be
read gives a row with status ``failed``, never a crashed run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from imhcli.diagnostics import Diagnostic

if TYPE_CHECKING:
    from imhcli.check.cache import PortfolioCache

Kind = Literal["portfolio", "bundle"]
Status = Literal["ok", "warnings", "errors", "failed"]


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


class Row(BaseModel):
    """One portfolio or bundle of the cohort. The field order is the CSV's column order."""

    path: str
    kind: Kind
    practitioner: str | None = None
    level: int | None = None
    errors: int = 0
    warnings: int = 0
    coverage: float | None = None
    requirements: Literal["met", "not met", "none"] | None = None
    unmet: list[str] = []
    status: Status = "ok"
    problem: str | None = None

    def requirements_text(self) -> str:
        """Requirement status for people: ``not met (nmc-revalidation)``."""
        text: str = self.requirements or ""
        return f"{text} ({', '.join(self.unmet)})" if self.unmet else text

    def status_text(self) -> str:
        return f"failed: {self.problem}" if self.status == "failed" else self.status

    def fails(self, fail_on: FailOn) -> bool:
        """Whether this row makes ``imh cohort --fail-on`` exit 1."""
        if fail_on is FailOn.never:
            return False
        bad = self.status == "failed" or self.errors > 0
        return bad or (fail_on is FailOn.warning and self.warnings > 0)


class Summary(BaseModel):
    portfolios: int
    failed: int
    errors: int
    warnings: int
    with_errors: int


def summarise(rows: Sequence[Row]) -> Summary:
    return Summary(
        portfolios=len(rows),
        failed=sum(r.status == "failed" for r in rows),
        errors=sum(r.errors for r in rows),
        warnings=sum(r.warnings for r in rows),
        with_errors=sum(r.errors > 0 for r in rows),
    )


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    label: str
    kind: Kind


@dataclass(slots=True)
class Outcome:
    row: Row
    files: list[str]
    diagnostics: list[Diagnostic]


def find_targets(paths: Sequence[Path]) -> list[Target]:
    """Portfolios (folders with portfolio.yaml) and bundle zips at or below ``paths``.

    A path inside a portfolio means that portfolio. A path with neither below it
    is kept as a target of its own, which then fails with a clear problem.
    """
    from imhcli.check.run import find_portfolios, label_for
    from imhcli.errors import PathNotFoundError
    from imhcli.load.portfolio import find_root

    found: dict[Path, Target] = {}
    for path in paths:
        if not os.path.lexists(path):
            raise PathNotFoundError(path=path)
        root = find_root(path)
        if root is not None:
            below: list[tuple[Path, Kind]] = [(root, "portfolio")]
        elif path.is_file():
            below = [(path.resolve(), "bundle" if _is_zip(path) else "portfolio")]
        else:
            below = [(p, "portfolio") for p in find_portfolios(path)]
            below += [(z, "bundle") for z in _find_zips(path)]
            below = below or [(path.resolve(), "portfolio")]
        for where, kind in below:
            found.setdefault(where, Target(where, label_for(where), kind))
    return sorted(found.values(), key=lambda t: t.label)


def _is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def _find_zips(top: Path) -> Iterator[Path]:
    """Zip files below ``top`` that are not inside a portfolio (evidence is not a bundle)."""
    from imhcli.load.portfolio import PORTFOLIO_FILE

    for dirpath, dirnames, filenames in os.walk(top):
        if PORTFOLIO_FILE in filenames:
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(".zip") and not name.startswith("."):
                yield Path(dirpath, name).resolve()


def run(
    targets: Sequence[Target],
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    details: bool = False,
) -> Iterator[Outcome]:
    """Check every target, yielding outcomes as they complete.

    ``jobs`` worker processes (default: every core); 1 runs in this process.
    With ``details`` each outcome keeps its diagnostics and files.
    """
    today = today or dt.date.today()
    jobs = max(1, jobs or os.cpu_count() or 1)
    task = _Task(today=today, use_cache=use_cache, details=details)
    if jobs == 1 or len(targets) < 2:
        yield from map(task, targets)
        return
    yield from _in_parallel(task, targets, jobs)


def _in_parallel(task: _Task, targets: Sequence[Target], jobs: int) -> Iterator[Outcome]:
    """Answer cached targets here, at once; send the others to worker processes.

    A cached answer costs a few milliseconds, less than handing it to a worker;
    the pool starts with the first target that needs checking.
    """
    pool: ProcessPoolExecutor | None = None
    futures: dict[Future[Outcome], Target] = {}
    try:
        for target in targets:
            cached, store = task.lookup(target)
            if cached is not None:
                yield cached
                continue
            if pool is None:
                _warm_up()
                pool = ProcessPoolExecutor(max_workers=min(jobs, len(targets)))
            futures[pool.submit(task, target, store)] = target
        for future in as_completed(futures):
            # Dropped at once: a finished future holds its outcome, findings and all.
            yield _result(future, futures.pop(future))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _result(future: Future[Outcome], target: Target) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died: this target fails, the run goes on
        return failed(target, f"the check stopped: {type(exc).__name__}: {exc}")


def _warm_up() -> None:
    """Import and load what every check needs before workers fork, so each need not."""
    from imhcli.analysis import (
        coverage,  # noqa: F401
        requirements,  # noqa: F401
    )
    from imhcli.check import cache  # noqa: F401
    from imhcli.cohort import rows as cohort_rows  # noqa: F401
    from imhcli.rules import all_rules

    all_rules()


@dataclass(frozen=True, slots=True)
class _Task:
    """The work of one target, picklable so that worker processes can run it."""

    today: dt.date
    use_cache: bool
    details: bool

    def lookup(self, target: Target) -> tuple[Outcome | None, PortfolioCache | None]:
        """The outcome from the target's cache; else the opened cache, to check it with."""
        from imhcli.check.cache import PortfolioCache
        from imhcli.cohort.rows import cached_outcome

        if (
            not self.use_cache
            or target.kind != "portfolio"
            or not PortfolioCache.exists(target.path)
        ):
            return None, None  # nothing stored: the worker computes the key as it checks
        store = PortfolioCache.open(target.path, self.today.isoformat())
        hit = store.get() if store is not None else None
        if store is None or hit is None or hit.row is None:
            return None, store.without_result() if store is not None else None
        return cached_outcome(target, hit.relabelled(target.label), details=self.details), None

    def __call__(self, target: Target, store: PortfolioCache | None = None) -> Outcome:
        from imhcli.cohort.rows import check_bundle, check_portfolio

        try:
            if target.kind == "bundle":
                return check_bundle(target, today=self.today, details=self.details)
            return check_portfolio(
                target,
                today=self.today,
                use_cache=self.use_cache,
                details=self.details,
                store=store,
            )
        except Exception as exc:  # bad input gives a failed row, never a crashed run
            return failed(target, f"{type(exc).__name__}: {exc}")


def failed(target: Target, problem: str) -> Outcome:
    row = Row(path=target.label, kind=target.kind, status="failed", problem=problem)
    return Outcome(row, [], [])
