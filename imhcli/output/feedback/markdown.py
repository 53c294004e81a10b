"""The feedback page as Markdown, for an e-mail or a wiki; every word of the review escaped."""

from __future__ import annotations

from typing import TextIO

from imhcli.output.escaping import md_cell, md_text
from imhcli.output.feedback.view import JUDGEMENT_MARKS, FeedbackView


def render(view: FeedbackView) -> str:
    """The whole page."""
    heading, meaning = view.outcome
    decided = view.date.isoformat() if view.date else "not yet"
    lines = [
        f"# Feedback on your portfolio: {md_text(view.practitioner)}",
        "",
        md_text(f"Level {view.level}, {view.framework}: the review of {view.bundle}"),
        "",
        "## Outcome",
        "",
        f"**{heading}**. {meaning}",
        "",
        f"- Assessor: {md_text(view.assessor)}",
        f"- Decided: {decided}",
        "- Judgements: "
        + ", ".join(f"{n} {JUDGEMENT_MARKS[j][1].lower()}" for j, n in view.counts.items()),
        "",
        "## Feedback",
        "",
    ]
    for question, text in view.answers:
        lines += [f"### {question}", "", _paragraphs(text) or "_No answer._", ""]
    lines += ["## Where to next?", ""]
    for number, step in enumerate(view.steps, 1):
        about = (
            f" ({', '.join(md_text(c) for c in step.competencies)})" if step.competencies else ""
        )
        lines.append(f"{number}. {' '.join(md_text(step.text).split())}{about}")
    if not view.steps:
        lines.append("Nothing: your assessor asks for no further work.")
    lines += ["", "## Competencies", ""]
    for domain in view.domains:
        lines += [
            f"### {md_text(domain.title)}",
            "",
            "| Competency | Statement | Judgement | Comment |",
            "|---|---|---|---|",
        ]
        for row in domain.rows:
            mark, words = JUDGEMENT_MARKS[row.judgement]
            cells = [row.id, row.statement, f"{mark} {words}", row.comment]
            lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _paragraphs(text: str) -> str:
    return "\n\n".join(md_text(p) for p in text.split("\n\n") if p.strip())


def write(view: FeedbackView, *, out: TextIO, color: bool | None = None) -> None:
    """The page, written to ``out`` (``color`` is not used: a page has its own)."""
    out.write(render(view))
