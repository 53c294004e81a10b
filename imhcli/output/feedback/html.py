"""The feedback page as one self-contained HTML file, in the report's style.

Like the report, it loads nothing (a Content-Security-Policy forbids every load)
and every word of the review is escaped; line breaks in the assessor's text are kept.
"""

from __future__ import annotations

from html import escape
from typing import TextIO

from imhcli.output.escaping import visible_page
from imhcli.output.feedback.view import JUDGEMENT_MARKS, DomainRows, FeedbackView, Step
from imhcli.output.report.html import page

EXTRA_CSS = """
/* Feedback page */
.outcome { border: 2px solid var(--accent); border-radius: 6px; padding: 0.6rem 1rem;
  background: var(--panel); }
.outcome.signed-off { border-color: var(--evidenced-ink); }
.outcome.revision-requested { border-color: var(--claimed-ink); border-style: dashed; }
.outcome.not-approved { border-color: var(--gap-ink); border-style: double; border-width: 4px; }
.outcome strong { font-size: 1.3rem; }
.judgements td.judgement { white-space: nowrap; font-weight: 600; }
.judgement.met { color: var(--evidenced-ink); }
.judgement.partially-met { color: var(--claimed-ink); }
.judgement.not-met { color: var(--gap-ink); }
.judgement.not-assessed { color: var(--muted); }
.answer { white-space: pre-line; }
ol.steps li { margin: 0 0 0.6rem; }
"""


def render(view: FeedbackView) -> str:
    """The whole page."""
    sections = [_header(view), _outcome(view), _answers(view), _steps(view), _table(view)]
    title = f"Feedback on your portfolio: {view.practitioner}"
    return visible_page(page(title, "\n".join(sections), view.made, extra_css=EXTRA_CSS))


def _header(view: FeedbackView) -> str:
    links = [
        ("outcome", "Outcome"),
        ("questions", "Feedback"),
        ("next", "What to do next"),
        ("competencies", "Competencies"),
    ]
    items = "".join(f'<li><a href="#{a}">{t}</a></li>' for a, t in links)
    subtitle = f"Level {view.level}, {view.framework}: the review of {view.bundle}"
    return (
        f"<header>\n<h1>{escape(view.practitioner)}</h1>\n"
        f'<p class="subtitle">{escape(subtitle)}</p>\n'
        f'<nav class="toc" aria-label="Sections"><ul>{items}</ul></nav>\n</header>'
    )


def _outcome(view: FeedbackView) -> str:
    heading, meaning = view.outcome
    facts = [
        ("Assessor", view.assessor),
        ("Decided", view.date.isoformat() if view.date else "not yet"),
        ("Bundle", view.bundle),
    ]
    rows = "\n".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    counts = "".join(
        f'<li><span class="value">{n}</span> {escape(JUDGEMENT_MARKS[j][1].lower())}</li>'
        for j, n in view.counts.items()
    )
    return (
        '<section id="outcome" aria-labelledby="outcome-h">\n'
        '<h2 id="outcome-h">Outcome</h2>\n'
        f'<p class="outcome {escape(view.state)}"><strong>{escape(heading)}</strong><br>'
        f"{escape(meaning)}</p>\n"
        f'<dl class="facts">\n{rows}\n</dl>\n'
        f'<ul class="stats" aria-label="Judgements">{counts}</ul>\n</section>'
    )


def _answers(view: FeedbackView) -> str:
    parts = []
    for question, text in view.answers:
        shown = escape(text) if text else '<span class="muted">No answer.</span>'
        parts.append(f'<h3>{escape(question)}</h3>\n<p class="answer">{shown}</p>')
    return (
        '<section id="questions" aria-labelledby="questions-h">\n'
        '<h2 id="questions-h">Feedback</h2>\n' + "\n".join(parts) + "\n</section>"
    )


def _steps(view: FeedbackView) -> str:
    if view.steps:
        items = "\n".join(_step(s) for s in view.steps)
        body = f'<ol class="steps">\n{items}\n</ol>'
    else:
        body = '<p class="muted">Nothing: your assessor asks for no further work.</p>'
    note = (
        '<p class="note">In your portfolio, <code>imh review accept</code> keeps this review '
        "under reviews/ and adds each step as an open plan entry.</p>"
    )
    return (
        '<section id="next" aria-labelledby="next-h">\n'
        f'<h2 id="next-h">Where to next?</h2>\n{body}\n{note}\n</section>'
    )


def _step(step: Step) -> str:
    about = ""
    if step.competencies:
        about = f' <span class="muted">({escape(", ".join(step.competencies))})</span>'
    return f'<li><span class="answer">{escape(step.text)}</span>{about}</li>'


def _table(view: FeedbackView) -> str:
    tables = "\n".join(_domain(d) for d in view.domains)
    return (
        '<section id="competencies" aria-labelledby="competencies-h">\n'
        f'<h2 id="competencies-h">Competencies</h2>\n{tables}\n</section>'
    )


def _domain(domain: DomainRows) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{escape(r.id)}</th><td>{escape(r.statement)}</td>'
        f'<td class="judgement {escape(r.judgement)}">{JUDGEMENT_MARKS[r.judgement][0]} '
        f"{escape(JUDGEMENT_MARKS[r.judgement][1])}</td>"
        f'<td class="answer">{escape(r.comment)}</td></tr>'
        for r in domain.rows
    )
    return (
        f'<h3>{escape(domain.title)}</h3>\n<table class="judgements">\n'
        '<thead><tr><th scope="col">Competency</th><th scope="col">Statement</th>'
        '<th scope="col">Judgement</th><th scope="col">Comment</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def write(view: FeedbackView, *, out: TextIO, color: bool | None = None) -> None:
    """The page, written to ``out`` (``color`` is not used: a page has its own)."""
    out.write(render(view))
