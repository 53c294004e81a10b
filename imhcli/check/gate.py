"""The privacy gate: one call that everything leaving the machine goes through.

Every command that writes a portfolio's material somewhere it can be shared (the
report page, a bundle, an export, a regulator pack) calls :func:`privacy_gate`
with the loaded portfolio and the entries it will publish, before it writes
anything. The gate runs every rule; a privacy finding (IMH401-IMH408) in what
leaves raises :class:`~imhcli.errors.PrivacyRefusedError`, which the CLI shows
as the findings and exit code 1. Otherwise it returns every diagnostic, so the
caller can leave out entries with other errors and say why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from imhcli.codes import CODES, Severity
from imhcli.diagnostics import CheckReport, Diagnostic
from imhcli.errors import PrivacyRefusedError
from imhcli.load.portfolio import Entry, Portfolio

#: The codes that stop material from leaving, whatever else is wrong.
PRIVACY_CODES = frozenset(code for code in CODES if code.startswith("IMH4"))


@dataclass(frozen=True, slots=True)
class Cleared:
    """What the gate let through: every diagnostic, and the entries with errors."""

    diagnostics: list[Diagnostic]
    #: Paths (as output shows them) of files with at least one error.
    with_errors: frozenset[str]

    def entries_with_errors(self, portfolio: Portfolio) -> frozenset[str]:
        """The entries (by path) that have an error, and so must not be published."""
        from imhcli.rules.privacy_files import shown_path

        return frozenset(
            e.rel for e in portfolio.entries if shown_path(portfolio, e.rel) in self.with_errors
        )


def not_a_draft(entry: Entry) -> bool:
    """Published by default: every entry but drafts (a broken one counts as published)."""
    if entry.model is not None:
        return entry.model.is_final
    return not (entry.data is not None and entry.data.get("status") == "draft")


def privacy_gate(
    portfolio: Portfolio,
    *,
    entries: Iterable[Entry] | None = None,
    action: str = "write it",
    diagnostics: Iterable[Diagnostic] | None = None,
) -> Cleared:
    """Refuse, by raising :class:`PrivacyRefusedError`, when what would leave identifies anyone.

    ``entries`` are the entries the caller publishes (default: all but drafts);
    portfolio.yaml, evidence, carried framework and profile files and every name
    under entries/ and evidence/ are judged too. A finding the practitioner allowed
    in the file (``allow:``, ``<!-- imh-allow -->``) is not a finding. ``action`` says
    what was refused, for the message ("write the report"). ``diagnostics`` are the
    portfolio's findings when the caller has run the rules already.
    """
    from imhcli.check.engine import run_rules
    from imhcli.rules.privacy_files import shown_path

    diagnostics = list(run_rules(portfolio) if diagnostics is None else diagnostics)
    published = portfolio.entries if entries is None else list(entries)
    chosen = {e.rel for e in published if entries is not None or not_a_draft(e)}
    staying = {shown_path(portfolio, e.rel) for e in portfolio.entries if e.rel not in chosen}
    blocking = [d for d in diagnostics if d.code in PRIVACY_CODES and d.path not in staying]
    if blocking:
        report = CheckReport.build(blocking, portfolios=1, files=len({d.path for d in blocking}))
        raise PrivacyRefusedError(action=action, report=report)
    with_errors = frozenset(d.path for d in diagnostics if d.severity is Severity.ERROR)
    return Cleared(diagnostics, with_errors)
