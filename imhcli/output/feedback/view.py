"""What a feedback page says, worked out once for every format.

The page never shows the assessor's e-mail or the bundle's hash: it is for the
practitioner to read and keep, and names only what they need.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imhcli.models.framework import Framework
from imhcli.models.review import BELOW_MET, JUDGEMENTS, Review

#: state -> (heading, what it means for the practitioner)
OUTCOMES: dict[str, tuple[str, str]] = {
    "in-review": ("In review", "Your assessor has not reached a decision yet."),
    "revision-requested": (
        "Revision requested",
        "Your assessor asks for more work before signing off: see what to do next.",
    ),
    "signed-off": ("Signed off", "Your assessor judges every competency at the level met."),
    "not-approved": ("Not approved", "Your assessor did not approve this submission."),
}
#: judgement -> (symbol, words): a symbol as well as colour, so it reads in greyscale
JUDGEMENT_MARKS: dict[str, tuple[str, str]] = {
    "met": ("✓", "Met"),
    "partially-met": ("◐", "Partially met"),
    "not-met": ("✗", "Not met"),
    "not-assessed": ("–", "Not assessed"),
}
QUESTIONS = (
    ("feed_up", "Where am I going?"),
    ("feed_back", "How am I going?"),
)


@dataclass(frozen=True, slots=True)
class CompetencyRow:
    id: str
    statement: str
    judgement: str
    comment: str


@dataclass(slots=True)
class DomainRows:
    title: str
    rows: list[CompetencyRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do next: the assessor's words and the competencies it concerns."""

    text: str
    competencies: tuple[str, ...]


@dataclass(slots=True)
class FeedbackView:
    practitioner: str
    level: int
    framework: str
    bundle: str
    assessor: str
    state: str
    date: dt.date | None
    counts: dict[str, int]
    answers: list[tuple[str, str]]
    domains: list[DomainRows]
    steps: list[Step]
    made: dt.date

    @property
    def outcome(self) -> tuple[str, str]:
        return OUTCOMES[self.state]


def feedback_view(
    review: Review, framework: Framework | None, *, made: dt.date | None = None
) -> FeedbackView:
    """The view of ``review``; ``framework`` gives statements and domains (None: ids only)."""
    who = review.assessor.name + (f", {review.assessor.role}" if review.assessor.role else "")
    answers = [(q, getattr(review.feedback, key).text.strip()) for key, q in QUESTIONS]
    return FeedbackView(
        practitioner=review.practitioner,
        level=review.level,
        framework=framework.title if framework is not None else review.framework,
        bundle=review.bundle.name,
        assessor=who,
        state=review.state,
        date=review.date,
        counts={j: review.judgement_counts()[j] for j in JUDGEMENTS},
        answers=answers,
        domains=_domains(review, framework),
        steps=next_steps(review, framework),
        made=made or review.date or dt.date.today(),
    )


def _domains(review: Review, framework: Framework | None) -> list[DomainRows]:
    groups: dict[str, DomainRows] = {}
    for ref, item in review.competencies.items():
        comp = framework.resolve(ref) if framework is not None else None
        if comp is not None and framework is not None:
            domain = framework.domain_of(comp)
            title = f"Domain {domain.id}: {domain.title}"
            row = CompetencyRow(comp.id, " ".join(comp.statement.split()), item.judgement, "")
        else:
            title = "Competencies"
            row = CompetencyRow(str(ref), "", item.judgement, "")
        row = CompetencyRow(row.id, row.statement, row.judgement, item.comment.strip())
        groups.setdefault(title, DomainRows(title)).rows.append(row)
    return list(groups.values())


def next_steps(review: Review, framework: Framework | None) -> list[Step]:
    """Each feed-forward item, then each competency judged below met that no item names."""
    steps = [
        Step(item.text.strip(), tuple(_id(framework, c) for c in item.competencies))
        for item in review.feedback.feed_forward
        if item.text.strip()
    ]
    named = {c for step in steps for c in step.competencies}
    for ref, item in review.competencies.items():
        comp_id = _id(framework, ref)
        if item.judgement in BELOW_MET and comp_id not in named:
            words = JUDGEMENT_MARKS[item.judgement][1].lower()
            text = item.comment.strip() or f"Competency {comp_id} is judged {words}."
            steps.append(Step(text, (comp_id,)))
    return steps


def _id(framework: Framework | None, ref: str | float | int) -> str:
    comp = framework.resolve(ref) if framework is not None else None
    return comp.id if comp is not None else str(ref)
