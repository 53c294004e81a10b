"""`imh check` as a library call: paths in, a :class:`CheckReport` out."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imhcli.diagnostics import CheckReport, Diagnostic, Finding, make
from imhcli.errors import PathNotFoundError
from imhcli.load.portfolio import PORTFOLIO_FILE, Portfolio, Record, find_root, load, printable
from imhcli.load.yaml_loaders import load_positions, locate
from imhcli.rules import all_rules

if TYPE_CHECKING:
    from imhcli.check.cache import CachedCheck, PortfolioCache


@dataclass(frozen=True, slots=True)
class Target:
    """A portfolio to check, and the files within it the user asked about (None: all)."""

    root: Path
    label: str
    only: frozenset[str] | None = None


def check(
    paths: Sequence[Path], *, today: dt.date | None = None, use_cache: bool = False
) -> CheckReport:
    """Check the portfolios that ``paths`` name or lie in. Raises only for missing paths.

    With ``use_cache`` an unchanged portfolio's result is read from its cache
    (see :mod:`imhcli.check.cache`) and a fresh result is stored there.
    """
    diagnostics: list[Diagnostic] = []
    checked: list[tuple[str, str]] = []
    targets = resolve_targets(paths)
    for target in targets:
        found, files = check_target(target, today=today, use_cache=use_cache)
        diagnostics.extend(found)
        checked.extend((target.label, rel) for rel in files)
    return CheckReport.build(diagnostics, portfolios=len(targets), files=checked)


def check_target(
    target: Target, *, today: dt.date | None = None, use_cache: bool = False
) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics of one target and the files they cover (all, or those asked about)."""
    if not (target.root / PORTFOLIO_FILE).is_file():
        return [_missing_portfolio(target)], [PORTFOLIO_FILE]
    result = check_portfolio(target.root, label=target.label, today=today, use_cache=use_cache)
    diagnostics, files = result.diagnostics, result.files
    if target.only is not None:
        keep = target.only | {PORTFOLIO_FILE}
        diagnostics = [d for d in diagnostics if d.path in keep]
        files = [rel for rel in files if rel in keep]
    return diagnostics, files


def check_portfolio(
    root: Path,
    *,
    label: str,
    today: dt.date | None = None,
    use_cache: bool = False,
    summary: Callable[[Portfolio, list[Diagnostic]], dict[str, Any]] | None = None,
    store: PortfolioCache | None = None,
) -> CachedCheck:
    """Every diagnostic of the portfolio at ``root`` and the files it read, cached or fresh.

    ``summary`` adds a row computed from the loaded portfolio (``imh cohort``); a cached
    result without one does not serve such a call. ``store`` is the portfolio's cache
    when the caller has opened it already.
    """
    from imhcli.check.cache import CachedCheck, PortfolioCache

    today = today or dt.date.today()
    if store is None and use_cache:
        store = PortfolioCache.open(root, today.isoformat())
    hit = store.get() if store is not None else None
    if hit is not None and (summary is None or hit.row is not None):
        return hit.relabelled(label)
    portfolio = load(root, label=label, today=today)
    diagnostics = list(run_rules(portfolio))
    result = CachedCheck(
        key=store.key if store is not None else "",
        files=[record.rel for record in portfolio.records],
        diagnostics=diagnostics,
        row=summary(portfolio, diagnostics) if summary is not None else None,
    )
    if store is not None:
        store.put(result)
    return result


def run_rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    """Every diagnostic for a loaded portfolio: loading findings, then the rules'."""
    rules = all_rules()
    extra: dict[int, list[Finding]] = {}
    for rule in rules:
        if rule.portfolio_check is not None:
            for record, finding in rule.portfolio_check(portfolio):
                extra.setdefault(id(record), []).append(finding)
    entry_checks = [r.entry_check for r in rules if r.entry_check is not None]
    for entry in portfolio.entries:
        if entry.data is None:
            continue
        found = extra.setdefault(id(entry), [])
        for entry_check in entry_checks:
            found.extend(entry_check(entry, portfolio))
    for record in portfolio.records:
        findings = record.findings + extra.get(id(record), [])
        if findings:
            yield from to_diagnostics(portfolio.label, record, findings)


def to_diagnostics(label: str, record: Record, findings: Iterable[Finding]) -> Iterator[Diagnostic]:
    """Place findings in the file: a YAML location becomes a 1-based line and column."""
    positions: Any = _UNSET
    for finding in findings:
        line, column = finding.line, finding.column
        if line is None and record.yaml_text is not None:
            if positions is _UNSET:
                positions = _positions(record.yaml_text)
            where = (
                locate(positions, finding.loc, key=finding.key) if positions is not None else None
            )
            line, column = (
                (where[0] + record.yaml_line, where[1] + 1) if where else (record.yaml_line, 1)
            )
        yield make(
            finding.code,
            finding.message,
            portfolio=label,
            path=record.rel,
            line=line,
            column=column,
            hint=finding.hint,
        )


_UNSET = object()


def _positions(text: str) -> Any:
    try:
        return load_positions(text)
    except Exception:
        return None


def _missing_portfolio(target: Target) -> Diagnostic:
    return make(
        "IMH101",
        "portfolio.yaml is missing: this folder is not a portfolio",
        portfolio=target.label,
        path=PORTFOLIO_FILE,
        hint="run `imh init` here, or pass the folder that holds portfolio.yaml",
    )


def resolve_targets(paths: Sequence[Path]) -> list[Target]:
    """Group the given paths by the portfolio each belongs to.

    A folder inside a portfolio (or a file in one) checks that portfolio; a folder
    above portfolios checks every portfolio below it; a folder with none is
    reported as IMH101.
    """
    by_root: dict[Path, tuple[str, set[str] | None]] = {}
    for path in paths or [Path()]:
        if not os.path.lexists(path):
            raise PathNotFoundError(path=path)
        root = find_root(path)
        if root is not None:
            _add(by_root, root, _only(root, path))
            continue
        below = list(find_portfolios(path)) if path.is_dir() else []
        if not below:
            by_root.setdefault(path.resolve(), (label_for(path), None))
        for found in below:
            _add(by_root, found, None)
    return [
        Target(root, label, frozenset(only) if only is not None else None)
        for root, (label, only) in by_root.items()
    ]


def _add(by_root: dict[Path, tuple[str, set[str] | None]], root: Path, only: str | None) -> None:
    label, files = by_root.get(root, (label_for(root), set()))
    if files is not None and only is not None:
        files.add(only)
        by_root[root] = (label, files)
    else:
        by_root[root] = (label, None)


def _only(root: Path, path: Path) -> str | None:
    """The file a path names inside its portfolio, or None for 'the whole portfolio'."""
    resolved = path.resolve()
    if resolved.is_dir():
        return None
    rel = resolved.relative_to(root).as_posix()
    return None if rel == PORTFOLIO_FILE else rel


def find_portfolios(top: Path) -> Iterator[Path]:
    """Portfolio roots below ``top``, skipping dot-folders and not descending into portfolios."""
    for dirpath, dirnames, filenames in os.walk(top):
        if PORTFOLIO_FILE in filenames:
            dirnames[:] = []
            yield Path(dirpath).resolve()
        else:
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))


def label_for(path: Path) -> str:
    """How a portfolio is named in output: relative to the working folder where it can be."""
    resolved = path.resolve()
    try:
        rel = os.path.relpath(resolved)
    except ValueError:
        return printable(resolved.as_posix())
    return printable(resolved.as_posix() if rel.startswith("..") else Path(rel).as_posix())
