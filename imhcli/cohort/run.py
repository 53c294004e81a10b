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
from typing import TYPE_CHECKING

from imhcli.check.targets import Target
from imhcli.cohort.rows import bundle_outcome, checked_outcome, failed, portfolio_outcome
from imhcli.models.cohort import Outcome

if TYPE_CHECKING:
    from imhcli.check.cache import PortfolioCache


def run(
    targets: Sequence[Target],
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    details: bool = False,
) -> Iterator[Outcome]:
    """Check every target (in label order), yielding outcomes as they complete.

    Targets come from :func:`imhcli.check.targets.find_targets` with ``bundles``.
    ``jobs`` worker processes (default: every core); 1 runs in this process.
    With ``details`` each outcome keeps its diagnostics and files.
    """
    targets = sorted(targets, key=lambda t: t.label)
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
        return checked_outcome(target, hit.relabelled(target.label), details=self.details), None

    def __call__(self, target: Target, store: PortfolioCache | None = None) -> Outcome:
        try:
            if target.kind == "bundle":
                return bundle_outcome(target, today=self.today, details=self.details)
            return portfolio_outcome(
                target,
                today=self.today,
                use_cache=self.use_cache,
                details=self.details,
                store=store,
            )
        except Exception as exc:  # bad input gives a failed row, never a crashed run
            return failed(target, f"{type(exc).__name__}: {exc}")
