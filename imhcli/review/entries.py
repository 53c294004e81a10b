"""The entries `imh review accept` writes: a feedback summary and the plans it asks for.

Front-matter values are quoted scalars and the assessor's words go in the body as
quotations, so nothing in a review can add a field to an entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from imhcli.base.files import write_numbered
from imhcli.load.portfolio import Portfolio
from imhcli.models.review import BELOW_MET, JUDGEMENTS, Review
from imhcli.review.skeleton import one_line, quoted

OUTCOME_WORDS = {
    "in-review": "still in review",
    "revision-requested": "revision requested",
    "signed-off": "signed off",
    "not-approved": "not approved",
}


def feedback_entry(portfolio: Portfolio, review: Review, stored: str, today: dt.date) -> Path:
    """Write the feedback entry (source: assessor) that summarises ``review``."""
    day = review.date or today
    outcome = OUTCOME_WORDS[review.state]
    front = _front(
        [
            ("type", "feedback"),
            ("title", quoted(f"Assessor's review: {outcome}")),
            ("date", day.isoformat()),
            ("source", "assessor"),
            ("tags", "[review]"),
        ]
    )
    body = "\n".join(_summary(review, outcome)) + f"\nThe review is kept in {stored}.\n"
    return _write(portfolio, day, f"review-{review.state}", front + body)


def _summary(review: Review, outcome: str) -> Iterator[str]:
    counts = review.judgement_counts()
    decided = f" on {review.date.isoformat()}" if review.date else ""
    yield (
        f"{_assessor(review)} reviewed {one_line(review.bundle.name)}: {outcome}{decided}. "
        "Judgements: "
        + ", ".join(f"{counts[j]} {j.replace('-', ' ')}" for j in reversed(JUDGEMENTS))
        + "."
    )
    for heading, item in (
        ("Where am I going?", review.feedback.feed_up),
        ("How am I going?", review.feedback.feed_back),
    ):
        if item.text.strip():
            yield f"\n## {heading}\n\n{_quote(item.text)}"
    steps = [f"- {one_line(f.text, 300)}" for f in review.feedback.feed_forward if f.text.strip()]
    if steps:
        yield "\n## Where to next?\n\n" + "\n".join(steps)
    yield ""


def plan_entries(portfolio: Portfolio, review: Review, stored: str, today: dt.date) -> list[Path]:
    """One open plan per feed-forward item, then one per competency judged below met."""
    written = []
    source = f"From the review of {one_line(review.bundle.name)} by {_assessor(review)}"
    for item in review.feedback.feed_forward:
        if not item.text.strip():
            continue
        title = f"Next step: {one_line(item.text, 70)}"
        ids = [_id(portfolio, c) for c in item.competencies]
        written.append(_plan(portfolio, title, ids, f"{source}:\n\n{_quote(item.text)}\n", today))
    for ref, judged in review.competencies.items():
        if judged.judgement not in BELOW_MET:
            continue
        comp_id = _id(portfolio, ref)
        words = judged.judgement.replace("-", " ")
        words_said = _quote(judged.comment) if judged.comment.strip() else f"> Judged {words}."
        title = f"Competency {comp_id} ({words}): {_statement(portfolio, comp_id)}"
        body = f"{source}, who judged competency {comp_id} {words}:\n\n{words_said}\n"
        written.append(_plan(portfolio, one_line(title, 100), [comp_id], body, today))
    return written


def _plan(portfolio: Portfolio, title: str, ids: list[str], body: str, today: dt.date) -> Path:
    front = _front(
        [
            ("type", "plan"),
            ("title", quoted(title)),
            ("date", today.isoformat()),
            ("state", "open"),
            ("competencies", "[" + ", ".join(quoted(i) for i in ids) + "]"),
            ("tags", "[review]"),
        ]
    )
    return _write(portfolio, today, f"plan-{title}", front + body)


def _write(portfolio: Portfolio, day: dt.date, name: str, text: str) -> Path:
    from imhcli.scaffold.new import slugify

    folder = portfolio.root / "entries" / f"{day.year:04d}"
    return write_numbered(folder, f"{day.isoformat()}-{slugify(name)}", ".md", text)


def _front(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _assessor(review: Review) -> str:
    role = f" ({review.assessor.role})" if review.assessor.role else ""
    return one_line(review.assessor.name + role)


def _id(portfolio: Portfolio, ref: str | float | int) -> str:
    comp = portfolio.framework.resolve(ref) if portfolio.framework is not None else None
    return comp.id if comp is not None else str(ref)


def _statement(portfolio: Portfolio, comp_id: str) -> str:
    comp = portfolio.framework.resolve(comp_id) if portfolio.framework is not None else None
    return (comp.group or comp.statement) if comp is not None else "a competency to evidence"
