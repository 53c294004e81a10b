"""An entry's body as a reader of evidence sees it: the practitioner's own words, by section.

``imh new`` writes headings, prompts (as HTML comments, and in older versions as
plain lines), empty list items and checklists to tick. None of that is the practitioner's
writing: :func:`own_words` removes it, and an entry whose body holds nothing
else is unfinished (spec section 8). :func:`sections` splits a body at its
headings, so a requirement rule can ask for named sections that are not empty.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_EMPTY_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])(?:\s+\[[ xX]?\])?\s*$")
#: An unticked checklist item: a choice offered (a Code theme, say), not yet made.
_UNTICKED = re.compile(r"^\s*[-*+]\s+\[ ?\]\s")
_WORD = re.compile(r"\w", re.UNICODE)

#: Prompt lines that ``imh new`` wrote as plain text before its prompts became HTML
#: comments. Entries written then stay in portfolios, so they are still recognised.
TEMPLATE_LINES = frozenset(
    {
        "The setting and the family, anonymised (roles and ages, never names).",
        "List certificates under `evidence:` above.",
        "What was said, anonymised.",
        "Their role and registration (no names needed).",
        "Rate each competency as not-started, working-towards or achieved.",
        "Rate achieved only where a final entry evidences it (imh check warns otherwise).",
    }
)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the body and the text under it, up to the next heading."""

    title: str
    line: int
    text: str


def own_words(body: str) -> str:
    """The body without headings, HTML comments, template prompts, empty list items and
    unticked checklist items (a ticked one is the practitioner's choice, and stays)."""
    kept = [
        line
        for line in _COMMENT.sub("", body).splitlines()
        if not _HEADING.match(line)
        and not _SETEXT.match(line)
        and not _EMPTY_ITEM.match(line)
        and not _UNTICKED.match(line)
        and line.strip() not in TEMPLATE_LINES
    ]
    return "\n".join(kept).strip()


def has_own_words(body: str) -> bool:
    """Whether the body holds any writing of the practitioner's own."""
    return _WORD.search(own_words(body)) is not None


def sections(body: str, *, first_line: int = 1) -> list[Section]:
    """The body's headed sections, in order; text before the first heading is left out."""
    found: list[Section] = []
    title: str | None = None
    start = first_line
    lines: list[str] = []
    for offset, line in enumerate(_COMMENT.sub(_blank_lines, body).splitlines()):
        heading = _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        if title is not None:
            found.append(Section(title, start, "\n".join(lines)))
        title, start, lines = heading.group(2), first_line + offset, []
    if title is not None:
        found.append(Section(title, start, "\n".join(lines)))
    return found


def _blank_lines(match: re.Match[str]) -> str:
    """A comment replaced by as many line breaks as it spanned, so line numbers hold."""
    return "\n" * match.group(0).count("\n")


def heading_key(title: str) -> str:
    """A heading as compared with a required one: case, accents, punctuation and spacing aside."""
    plain = unicodedata.normalize("NFKD", title.casefold())
    letters = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return " ".join(letters.split())
