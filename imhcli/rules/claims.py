"""Self-assessment claims and the evidence behind them."""

from __future__ import annotations

from collections.abc import Iterator

from imhcli.diagnostics import Finding
from imhcli.load.portfolio import Portfolio, Record
from imhcli.models.entries import NOT_EVIDENCE, SelfAssessment
from imhcli.rules import portfolio_rule


def evidenced_ids(portfolio: Portfolio) -> set[str]:
    """Framework ids listed by at least one final entry that is evidence.

    Self-assessments, plans and breaks are claims, intentions and time away, not evidence.
    """
    framework = portfolio.framework
    found: set[str] = set()
    if framework is None:
        return found
    for model in portfolio.final_entries():
        if isinstance(model, NOT_EVIDENCE):
            continue
        for ref in model.competencies:
            comp = framework.resolve(ref)
            if comp is not None:
                found.add(comp.id)
    return found


@portfolio_rule("IMH501")
def achieved_needs_evidence(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH501: the latest self-assessment rates a competency `achieved`, but no final
    entry lists it under `competencies:` (a warning: the claim has no evidence yet).
    """
    entry = portfolio.latest_self_assessment()
    framework = portfolio.framework
    if entry is None or framework is None or not isinstance(entry.model, SelfAssessment):
        return
    evidenced = evidenced_ids(portfolio)
    for ref, rating in entry.model.ratings.items():
        comp = framework.resolve(ref)
        if rating == "achieved" and comp is not None and comp.id not in evidenced:
            yield (
                entry,
                Finding(
                    "IMH501",
                    f"competency {comp.id} is rated achieved but no final entry evidences it",
                    f"add {comp.id} to `competencies:` of an entry that shows it, "
                    "or rate it working-towards",
                    ("ratings", ref),
                    key=True,
                ),
            )
