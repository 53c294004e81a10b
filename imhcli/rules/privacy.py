"""Privacy: nothing in an entry may identify a family (IMH401-IMH406).

The detectors live in :mod:`imhcli.rules.identifiers`; this module decides what
is read (the whole front matter with its comments, and the body, even when the
front matter is broken), what the practitioner has allowed, and how a finding
reads: it shows the identifier's shape, never the identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from imhcli.codes import CODES
from imhcli.diagnostics import Finding
from imhcli.load.denylist import deny_list_bytes
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.rules import entry_rule
from imhcli.rules.identifiers import DenyList, Hit, compile_deny_list, find_identifiers, mask

_ALLOW_COMMENT = re.compile(r"<!--[ \t]*imh-allow:(?P<names>[\w \t,-]*)-->", re.IGNORECASE)
NAME_OF = {code: CODES[code].name for code in CODES if code.startswith("IMH4")}
WHAT = {
    "IMH401": "an NHS number",
    "IMH402": "a full postcode",
    "IMH403": "a UK telephone number",
    "IMH404": "an e-mail address",
    "IMH405": "a date of birth",
    "IMH406": "a term from the deny-list",
}
#: ``key:`` at the start of a front-matter line, to name the field a hit is in.
_KEY = re.compile(r"[ \t-]*([\w-]+)[ \t]*:")


def deny_list(portfolio: Portfolio) -> DenyList | None:
    """The portfolio's deny-list, read from disk on first use and kept."""
    memo = portfolio.memo
    if "deny-list" not in memo:
        memo["deny-list"] = _read_deny_list(portfolio)
    found: DenyList | None = memo["deny-list"]
    return found


def _read_deny_list(portfolio: Portfolio) -> DenyList | None:
    raw = deny_list_bytes(portfolio)
    if not isinstance(raw, bytes):
        return None  # IMH203, IMH204 or IMH109 says why (rules/paths.py)
    return compile_deny_list(raw.decode("utf-8-sig", errors="replace"))


def own_email(portfolio: Portfolio) -> str | None:
    """The practitioner's address, which is never a finding."""
    if portfolio.config is not None:
        return portfolio.config.practitioner.email
    data = portfolio.config_record.data or {}
    person = data.get("practitioner")
    email = person.get("email") if isinstance(person, dict) else None
    return email if isinstance(email, str) else None


def scan(portfolio: Portfolio, text: str) -> list[Hit]:
    """Every identifier in ``text`` by the portfolio's rules (its deny-list, its own address)."""
    return find_identifiers(text, own_email=own_email(portfolio), deny=deny_list(portfolio))


@entry_rule("IMH401", "IMH402", "IMH403", "IMH404", "IMH405", "IMH406", broken_too=True)
def privacy(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH401: an NHS number (ten digits that pass the modulus-11 check, written 3-3-4
    or next to "NHS" or "number").
    IMH402: a full UK postcode (``SW1A 1AA``; an outward code alone is not flagged).
    IMH403: a UK telephone number (01, 02, 03, 07 or +44, with the right number of digits).
    IMH404: an e-mail address other than the practitioner's own.
    IMH405: a date next to "DOB", "born" or "date of birth".
    IMH406: a term from the file that `privacy.deny_list` names, on word boundaries,
    ignoring case, and its plural.

    The whole front matter is read (every field and every `#` comment) and the body,
    even when the front matter is broken. Text is normalised before matching: other
    space and apostrophe characters, a line break inside an identifier and Markdown
    emphasis (`_Amelia_`) do not hide it. A finding the practitioner has checked is
    silenced with ``allow: [postcode]`` in the front matter, or with
    ``<!-- imh-allow: postcode -->`` on the line itself or the line above.
    """
    allowed = allowed_names(entry.data)
    if allowed.issuperset(NAME_OF[c] for c in WHAT):
        return
    if entry.yaml_text:
        for hit, line, column in _located(scan(portfolio, entry.yaml_text), entry.yaml_text):
            if NAME_OF[hit.code] not in allowed:
                where = _field_of(entry.yaml_text, hit)
                yield finding(hit, where, line=entry.yaml_line + line, column=column)
    if entry.body:
        yield from _body_findings(entry, portfolio, allowed)


def _body_findings(entry: Entry, portfolio: Portfolio, allowed: set[str]) -> Iterator[Finding]:
    body = entry.body
    hits = scan(portfolio, body)
    if not hits:
        return
    inline = inline_allows(body) if "imh-allow" in body else {}
    for hit, line, column in _located(hits, body):
        if NAME_OF[hit.code] in allowed or NAME_OF[hit.code] in inline.get(line, ()):
            continue
        yield finding(hit, "the body", line=entry.body_line + line, column=column)


def _located(hits: list[Hit], text: str) -> Iterator[tuple[Hit, int, int]]:
    """Each hit with its 0-based line index and 1-based column in ``text``."""
    for hit in hits:
        line_start = text.rfind("\n", 0, hit.start) + 1
        yield hit, text.count("\n", 0, hit.start), hit.start - line_start + 1


def _field_of(yaml_text: str, hit: Hit) -> str:
    line_start = yaml_text.rfind("\n", 0, hit.start) + 1
    line_end = yaml_text.find("\n", hit.start)
    line = yaml_text[line_start : line_end if line_end != -1 else None]
    comment = line.find("#")
    if comment != -1 and comment <= hit.start - line_start:
        return "a front-matter comment"
    key = _KEY.match(line)
    return f"`{key.group(1)}`" if key else "the front matter"


def finding(
    hit: Hit, where: str, *, line: int | None, column: int | None, entry: bool = True
) -> Finding:
    """A finding for ``hit`` that shows its shape (``943 *** ****``), never the identifier."""
    name = NAME_OF[hit.code]
    allow = f"add `allow: [{name}]` to the front matter or " if entry else "add "
    return Finding(
        hit.code,
        f"{WHAT[hit.code]} in {where}: {mask(hit.text)}",
        f"remove or anonymise it; if it identifies nobody, {allow}"
        f"`<!-- imh-allow: {name} -->` on the line above",
        line=line,
        column=column,
    )


def allowed_names(data: dict[Any, Any] | None) -> set[str]:
    """The rule names an entry's ``allow:`` list silences."""
    value = data.get("allow") if data else None
    if not isinstance(value, list):
        return set()
    return {v for v in value if isinstance(v, str)}


def inline_allows(text: str) -> dict[int, set[str]]:
    """Line index -> rule names silenced there (the comment's line and the next)."""
    found: dict[int, set[str]] = {}
    for m in _ALLOW_COMMENT.finditer(text):
        names = set(_split_names(m.group("names")))
        line_index = text.count("\n", 0, m.start())
        for index in (line_index, line_index + 1):
            found.setdefault(index, set()).update(names)
    return found


def _split_names(text: str) -> Iterable[str]:
    return (name.lower() for name in re.split(r"[\s,]+", text) if name)
