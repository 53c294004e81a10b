"""What counts as evidence in a loaded portfolio, decided from what `imh check` finds.

Coverage, hours and requirements take the result as data, so they never run the
rules themselves and all of them count the same entries (spec section 8).
"""

from __future__ import annotations

from collections.abc import Iterable

from imhcli.codes import Severity
from imhcli.diagnostics import Diagnostic
from imhcli.load.portfolio import Portfolio
from imhcli.models.verdicts import DRAFT, UNFINISHED, UNREADABLE, Counting, has_errors


def counting_for(portfolio: Portfolio, diagnostics: Iterable[Diagnostic] | None = None) -> Counting:
    """Which entries count: not drafts, not unfinished (IMH110), not with errors.

    ``diagnostics`` are the portfolio's findings when the caller has them already;
    otherwise the rules are run here.
    """
    if diagnostics is None:
        from imhcli.check.engine import run_rules

        diagnostics = run_rules(portfolio)
    errors: dict[str, list[str]] = {}
    unfinished: set[str] = set()
    for diag in diagnostics:
        if diag.severity is Severity.ERROR:
            errors.setdefault(diag.path, []).append(diag.code)
        elif diag.code == "IMH110":
            unfinished.add(diag.path)
    excluded: dict[str, str] = {}
    for entry in portfolio.entries:
        if entry.data is not None and not entry.is_final:
            excluded[entry.rel] = DRAFT
        elif entry.rel in errors:
            excluded[entry.rel] = has_errors(errors[entry.rel])
        elif entry.rel in unfinished:
            excluded[entry.rel] = UNFINISHED
        elif entry.model is None:
            excluded[entry.rel] = UNREADABLE
    return Counting(excluded)
