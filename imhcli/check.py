"""`imh check` as a library call: paths in, a :class:`CheckReport` out."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imhcli.diagnostics import CheckReport, Diagnostic, Finding, make
from imhcli.errors import PathNotFoundError
from imhcli.portfolio import PORTFOLIO_FILE, Portfolio, Record, find_root, load
from imhcli.rules import all_rules
from imhcli.yamlio import load_positions, locate


@dataclass(frozen=True, slots=True)
class Target:
    """A portfolio to check, and the files within it the user asked about (None: all)."""

    root: Path
    label: str
    only: frozenset[str] | None = None


def check(paths: Sequence[Path], *, today: dt.date | None = None) -> CheckReport:
    """Check the portfolios that ``paths`` name or lie in. Raises only for missing paths."""
    diagnostics: list[Diagnostic] = []
    portfolios = files = 0
    for target in resolve_targets(paths):
        if target.root is None:  # pragma: no cover - resolve_targets never yields it
            continue
        found, counted = check_target(target, today=today)
        diagnostics.extend(found)
        portfolios += 1
        files += counted
    return CheckReport.build(diagnostics, portfolios=portfolios, files=files)


def check_target(target: Target, *, today: dt.date | None = None) -> tuple[list[Diagnostic], int]:
    if not (target.root / PORTFOLIO_FILE).is_file():
        return [_missing_portfolio(target)], 1
    portfolio = load(target.root, label=target.label, today=today)
    diagnostics = list(run_rules(portfolio))
    if target.only is not None:
        keep = target.only | {PORTFOLIO_FILE}
        diagnostics = [d for d in diagnostics if d.path in keep]
        return diagnostics, len([r for r in portfolio.records if r.rel in keep])
    return diagnostics, len(portfolio.records)


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
        return resolved.as_posix()
    return resolved.as_posix() if rel.startswith("..") else Path(rel).as_posix()
