"""`imh check` as a library call: paths in, a :class:`CheckReport` out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from imhcli.check.cache import check_portfolio
from imhcli.check.targets import Target, find_targets
from imhcli.diagnostics import CheckReport, Diagnostic, make
from imhcli.load.portfolio import PORTFOLIO_FILE


def check(
    paths: Sequence[Path], *, today: dt.date | None = None, use_cache: bool = False
) -> CheckReport:
    """Check the portfolios that ``paths`` name or lie in. Raises only for missing paths.

    With ``use_cache`` an unchanged portfolio's result is read from its cache
    (see :mod:`imhcli.check.cache`) and a fresh result is stored there.
    """
    diagnostics: list[Diagnostic] = []
    checked: list[tuple[str, str]] = []
    targets = find_targets(paths)
    for target in targets:
        found, files = check_target(target, today=today, use_cache=use_cache)
        diagnostics.extend(found)
        checked.extend((target.label, rel) for rel in files)
    return CheckReport.build(diagnostics, portfolios=len(targets), files=checked)


def check_target(
    target: Target, *, today: dt.date | None = None, use_cache: bool = False
) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics of one target and the files they cover (all, or those asked about)."""
    if not (target.path / PORTFOLIO_FILE).is_file():
        return [_missing_portfolio(target)], [PORTFOLIO_FILE]
    result = check_portfolio(target.path, label=target.label, today=today, use_cache=use_cache)
    diagnostics, files = result.diagnostics, result.files
    if target.only is not None:
        keep = target.only | {PORTFOLIO_FILE}
        diagnostics = [d for d in diagnostics if _asked_about(d.path, keep)]
        files = [rel for rel in files if _asked_about(rel, keep)]
    return diagnostics, files


def _asked_about(shown: str, keep: frozenset[str]) -> bool:
    """Whether a path as output shows it is one the user named, or a folder above one.

    A name holding an identifier is shown masked (``kow*****``), character for
    character, so it still matches the file the user typed.
    """
    if shown in keep:
        return True
    if "*" not in shown:
        return False
    return any(_masks(shown, rel[: len(shown)]) for rel in keep)


def _masks(shown: str, rel: str) -> bool:
    return len(shown) == len(rel) and all(a in (b, "*") for a, b in zip(shown, rel, strict=True))


def _missing_portfolio(target: Target) -> Diagnostic:
    return make(
        "IMH101",
        "portfolio.yaml is missing: this folder is not a portfolio",
        portfolio=target.label,
        path=PORTFOLIO_FILE,
        hint="run `imh init` here, or pass the folder that holds portfolio.yaml",
    )
