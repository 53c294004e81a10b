"""What `imh cohort` gives: one :class:`Row` per portfolio or bundle, and their totals.

These are results, not input files: :mod:`imhcli.cohort` makes them and
:mod:`imhcli.output` renders them, so they live below both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel

from imhcli.diagnostics import Diagnostic
from imhcli.models.review import SubmissionState

Kind = Literal["portfolio", "bundle"]
Status = Literal["ok", "warnings", "errors", "failed"]
RequirementStatus = Literal["met", "not met", "none"] | None


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
    requirements: RequirementStatus = None
    unmet: list[str] = []
    status: Status = "ok"
    problem: str | None = None
    #: Where the submission stands by its review (`imh status`); None when not looked at.
    review: SubmissionState | None = None
    met: int | None = None
    partially_met: int | None = None
    not_met: int | None = None
    not_assessed: int | None = None

    def requirements_text(self) -> str:
        """Requirement status for people: ``not met (nmc-revalidation)``."""
        text: str = self.requirements or ""
        return f"{text} ({', '.join(self.unmet)})" if self.unmet else text

    def review_text(self) -> str:
        """Review state for people: ``signed off (63/63 met)``."""
        if self.review is None:
            return ""
        counts = (self.met, self.partially_met, self.not_met, self.not_assessed)
        if self.met is None:
            return self.review
        total = sum(n or 0 for n in counts)
        return f"{self.review} ({self.met}/{total} met)"

    def status_text(self) -> str:
        return f"failed: {self.problem}" if self.status == "failed" else self.status

    def fails(self, fail_on: FailOn) -> bool:
        """Whether this row makes ``imh cohort --fail-on`` exit 1."""
        if fail_on is FailOn.never:
            return False
        bad = self.status == "failed" or self.errors > 0
        return bad or (fail_on is FailOn.warning and self.warnings > 0)


class CohortSummary(BaseModel):
    """Totals over a cohort's rows (the ``summary`` of ``imh cohort --format json``)."""

    portfolios: int
    failed: int
    errors: int
    warnings: int
    with_errors: int


def summarise(rows: Sequence[Row]) -> CohortSummary:
    return CohortSummary(
        portfolios=len(rows),
        failed=sum(r.status == "failed" for r in rows),
        errors=sum(r.errors for r in rows),
        warnings=sum(r.warnings for r in rows),
        with_errors=sum(r.errors > 0 for r in rows),
    )


def exit_code(rows: Sequence[Row], fail_on: FailOn) -> int:
    """1 when any row reaches ``imh cohort --fail-on``, else 0."""
    return 1 if any(r.fails(fail_on) for r in rows) else 0


@dataclass(slots=True)
class Outcome:
    """A checked target: its row and, when the output format needs them, its findings."""

    row: Row
    files: list[str]
    diagnostics: list[Diagnostic]
