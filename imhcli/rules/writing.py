"""Writing of the practitioner's own: an entry that holds only its template is unfinished."""

from __future__ import annotations

from collections.abc import Iterator

from imhcli.diagnostics import Finding
from imhcli.load.body import has_own_words
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.rules import entry_rule

#: Entry types whose worth is the writing: without it they are not evidence.
WRITTEN_TYPES = frozenset({"reflection", "discussion", "feedback"})


@entry_rule("IMH110")
def unfinished(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH110: a final reflection, discussion or feedback entry whose body holds no words
    of the practitioner's own once the headings, prompts, HTML comments and empty
    checklist items that `imh new` wrote are set aside (a warning). An unfinished entry
    counts for nothing in coverage, hours or requirements until it is written.
    A `cpd`, `supervision` or `practice` entry may have an empty body.
    """
    if entry.model is None or not entry.model.is_final or entry.type not in WRITTEN_TYPES:
        return
    if not has_own_words(entry.body):
        yield Finding(
            "IMH110",
            f"this {entry.type} is unfinished: it holds only its template",
            "write under the headings in your own words, or mark it `status: draft`",
            line=entry.body_line,
            column=1,
        )
