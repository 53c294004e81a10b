"""Running the rules over one portfolio: the diagnostics of a fresh check.

:func:`check_root` loads a portfolio and runs every rule over it, with no cache;
:mod:`imhcli.check.cache` wraps it to reuse the result of an unchanged portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from imhcli.diagnostics import Diagnostic, Finding, make
from imhcli.load.portfolio import Entry, Portfolio, Record, load
from imhcli.load.yaml_positions import load_positions, locate
from imhcli.models.cohort import Row
from imhcli.rules import all_rules

#: Makes a cohort row from a loaded portfolio and its diagnostics (``imh cohort``).
Summarise = Callable[[Portfolio, list[Diagnostic]], Row]


class CheckedPortfolio(BaseModel):
    """What checking one portfolio gave: the files read, the diagnostics, a cohort row."""

    files: list[str]
    diagnostics: list[Diagnostic]
    row: Row | None = None

    def relabelled(self, label: str) -> CheckedPortfolio:
        """The same result with diagnostics named after ``label`` (paths depend on the cwd)."""
        diagnostics = [
            d if d.portfolio == label else d.model_copy(update={"portfolio": label})
            for d in self.diagnostics
        ]
        return self.model_copy(update={"diagnostics": diagnostics})


def check_root(
    root: Path, *, label: str, today: dt.date, summarise: Summarise | None = None
) -> CheckedPortfolio:
    """Load the portfolio at ``root`` and run every rule over it; ``summarise`` adds a row."""
    from imhcli.rules.privacy_files import shown_path

    portfolio = load(root, label=label, today=today)
    diagnostics = list(run_rules(portfolio))
    return CheckedPortfolio(
        files=[shown_path(portfolio, record.rel) for record in portfolio.records],
        diagnostics=diagnostics,
        row=summarise(portfolio, diagnostics) if summarise is not None else None,
    )


def run_rules(portfolio: Portfolio) -> Iterator[Diagnostic]:
    """Every diagnostic for a loaded portfolio: loading findings, then the rules'.

    Privacy rules read an entry even when its front matter is broken; the others
    need its fields. A path whose name holds an identifier is shown masked.
    """
    from imhcli.rules.privacy_files import shown_path

    rules = all_rules()
    extra: dict[int, list[Finding]] = {}
    others: dict[int, Record] = {}
    for rule in rules:
        if rule.portfolio_check is not None:
            for record, finding in rule.portfolio_check(portfolio):
                extra.setdefault(id(record), []).append(finding)
                others.setdefault(id(record), record)
    entry_rules = [r for r in rules if r.entry_check is not None]
    for entry in portfolio.entries:
        found = extra.setdefault(id(entry), [])
        for rule in entry_rules:
            if entry.data is not None or rule.broken_too:
                found.extend(rule.entry_check(entry, portfolio))  # type: ignore[misc]
    for record in portfolio.records:
        others.pop(id(record), None)
    for record in [*portfolio.records, *others.values()]:
        findings = record.findings + extra.get(id(record), [])
        if findings:
            shown = shown_path(portfolio, record.rel)
            yield from to_diagnostics(portfolio.label, record, findings, path=shown)


def check_entry(portfolio: Portfolio, entry: Entry) -> list[Diagnostic]:
    """The diagnostics `imh check` would report for one entry of ``portfolio``.

    For an entry not yet written (``imh new``): the same rules, the same words.
    """
    findings = list(entry.findings)
    for rule in all_rules():
        if rule.entry_check is not None and (entry.data is not None or rule.broken_too):
            findings.extend(rule.entry_check(entry, portfolio))
    return list(to_diagnostics(portfolio.label, entry, findings))


def to_diagnostics(
    label: str, record: Record, findings: Iterable[Finding], *, path: str | None = None
) -> Iterator[Diagnostic]:
    """Place findings in the file: a YAML location becomes a 1-based line and column.

    ``path`` is the file's name as output shows it (default: the record's own).
    """
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
            path=path or record.rel,
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
