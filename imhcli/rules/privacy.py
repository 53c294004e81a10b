"""Privacy: nothing in a title or body may identify a family (IMH401-IMH406).

Each detector pairs a pattern with a check that keeps ordinary IMH writing
quiet: NHS numbers must pass the modulus-11 check, phone numbers must have a
UK prefix and the right number of digits, dates count only next to "DOB" or
"born". Every pattern is compiled once, and the digit rules run only on text
that has a digit in it, because `imh check` reads hundreds of entries a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from imhcli.codes import CODES
from imhcli.diagnostics import Finding
from imhcli.load.denylist import deny_list_bytes
from imhcli.load.portfolio import Entry, Portfolio
from imhcli.rules import entry_rule


@dataclass(frozen=True, slots=True)
class Hit:
    """One identifier found in a text: the rule's code, where it starts, what it is."""

    code: str
    start: int
    text: str


# --- NHS numbers (IMH401) and telephone numbers (IMH403) -----------------------------

#: Cheap first pass: a run of ten or more digits, spaces, dashes and brackets.
_LONG_NUMBER = re.compile(r"\d[\d ()-]{8,}\d")
#: The exact shape, tried only around a long number: digits with single separators.
_NUMBER = re.compile(
    r"(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(0)?\d(?:[ -]?\)?[ -]?\d){8,11}(?![\w/]|[.,:-]\d)"
)
_NHS_CONTEXT = re.compile(r"\b(?:nhs|chi|patient|hospital|number|no\.?)\W{0,3}$", re.IGNORECASE)
_ISBN_CONTEXT = re.compile(r"isbn(?:-1[03])?\W{0,3}$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[ -]+")
_NOT_DIGIT = re.compile(r"\D")


def nhs_checksum_ok(digits: str) -> bool:
    """The NHS number check digit: weights 10..2, 11 - (sum mod 11), 11 means 0, 10 invalid."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _nhs_shape(candidate: str) -> str | None:
    """``'334'`` for ``943 476 5919`` or ``943-476-5919``, ``'10'`` for ten bare digits."""
    if candidate.isdigit():
        return "10" if len(candidate) == 10 else None
    groups = _SEPARATORS.split(candidate)
    if [len(g) for g in groups] == [3, 3, 4] and candidate[3] == candidate[7] in " -":
        return "334"
    return None


def _is_nhs(candidate: str, before: str) -> bool:
    shape = _nhs_shape(candidate)
    if shape is None or not nhs_checksum_ok(_NOT_DIGIT.sub("", candidate)):
        return False
    # Ten bare digits pass the check about one time in eleven: ask for a context word.
    return shape == "334" or bool(_NHS_CONTEXT.search(before))


def _phone_digits(candidate: str) -> str | None:
    """The national number (``0`` + 9 or 10 digits) a candidate spells, or None."""
    international = candidate.startswith(("+44", "0044"))
    text = candidate.replace("(0)", "") if international else candidate
    digits = _NOT_DIGIT.sub("", text)
    if international:
        digits = "0" + digits[4 if digits.startswith("0044") else 2 :]
    if len(_SEPARATORS.findall(text)) > 2 + international:
        return None  # four or more groups: an ISBN-10 or a list of numbers, not a phone number
    if not digits.startswith(("01", "02", "03", "07")):
        return None
    wanted = (10, 11) if digits.startswith("01") else (11,)
    return digits if len(digits) in wanted else None


def _number_hits(text: str) -> Iterator[Hit]:
    for run in _LONG_NUMBER.finditer(text):
        # Look a few characters back for a "+44 " or "(0" the first pass left out.
        window = max(0, run.start() - 5)
        for m in _NUMBER.finditer(text, window, min(len(text), run.end() + 2)):
            start = m.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "_+./:-"):
                continue
            candidate, before = m.group(), text[max(0, start - 24) : start]
            if _is_nhs(candidate, before):
                yield Hit("IMH401", start, candidate)
            elif _phone_digits(candidate) is not None and not _ISBN_CONTEXT.search(before):
                yield Hit("IMH403", start, candidate)


# --- Postcodes (IMH402) -----------------------------------------------------------------

#: Cheap first pass: an inward code (digit and two letters) ending a word.
_INWARD = re.compile(r"[0-9][A-Za-z]{2}\b")
_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2}|GIR ?0AA)",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"[0-9](?:st|nd|rd|th)$", re.IGNORECASE)


def _postcode_hits(text: str) -> Iterator[Hit]:
    for inward in _INWARD.finditer(text):
        end = inward.end()
        for start in range(max(0, end - 8), end - 4):
            m = _POSTCODE.fullmatch(text, start, end)
            if m is not None and (start == 0 or not text[start - 1].isalnum()):
                if _is_postcode(m.group()):
                    yield Hit("IMH402", start, m.group())
                break


def _is_postcode(text: str) -> bool:
    if text.isupper():
        return True
    # Written in lower case it must have its space and not end in an ordinal ("b2 3rd").
    return text.islower() and " " in text and not _ORDINAL.search(text)


# --- E-mail addresses (IMH404) --------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)


# --- Dates of birth (IMH405) ------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{2,4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
#: The words that make a date a date of birth, found in the lower-cased text.
_DOB_WORD = re.compile(r"(?:d\.?o\.?b\b\.?|date\s+of\s+birth\b|birth\s*date\b|born\b)")
_DOB_DATE = re.compile(
    rf"[\s:,=()-]*(?:(?:on|in)\s+)?(?:the\s+)?(?P<date>{_DATE})(?!\d)", re.IGNORECASE
)


def _dob_hits(text: str, lower: str) -> Iterator[Hit]:
    for word in _DOB_WORD.finditer(lower):
        start = word.start()
        if start and lower[start - 1].isalnum():
            continue  # "newborn", "firstborn"
        m = _DOB_DATE.match(text, word.end())
        if m is not None:
            yield Hit("IMH405", m.start("date"), m.group("date"))


# --- Deny-list (IMH406) -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DenyList:
    """A portfolio's deny-list: terms found ignoring case, on word boundaries."""

    terms: tuple[str, ...]
    pattern: re.Pattern[str]

    def hits(self, text: str, lower: str) -> Iterator[Hit]:
        if len(lower) != len(text) or len(self.terms) > 64:
            # Lower-casing changed the length (rare scripts), or a long list: one regex.
            yield from (Hit("IMH406", m.start(), m.group()) for m in self.pattern.finditer(text))
            return
        taken_until = -1
        for start, term in sorted(self._found(lower), key=lambda f: (f[0], -len(f[1]))):
            if start >= taken_until:
                taken_until = start + len(term)
                yield Hit("IMH406", start, text[start:taken_until])

    def _found(self, lower: str) -> Iterator[tuple[int, str]]:
        # str.find is far quicker than a regex for a handful of names.
        for term in self.terms:
            start = lower.find(term)
            while start != -1:
                end = start + len(term)
                if not (_word_char(lower, start - 1) or _word_char(lower, end)):
                    yield start, term
                start = lower.find(term, start + 1)


def _word_char(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    ch = text[index]
    return ch.isalnum() or ch == "_"


def compile_deny_list(text: str) -> DenyList | None:
    """The terms of a deny-list file (one a line; ``#`` comments and blank lines ignored)."""
    terms = {line.strip() for line in text.splitlines()}
    terms = {t for t in terms if t and not t.startswith("#")}
    if not terms:
        return None
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    alternatives = "|".join(re.escape(t) for t in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return DenyList(tuple(t.lower() for t in ordered), pattern)


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


# --- Finding identifiers in a text -----------------------------------------------------

_DIGIT = re.compile(r"\d")
_DOB_HINTS = ("born", "dob", "d.o.b", "birth")


def find_identifiers(
    text: str, *, own_email: str | None = None, deny: DenyList | None = None
) -> list[Hit]:
    """Every identifier in ``text``, in order of position."""
    hits: list[Hit] = []
    lower = text.lower()
    if deny is not None:
        hits.extend(deny.hits(text, lower))
    if "@" in text:
        own = own_email.casefold() if own_email else None
        hits.extend(
            Hit("IMH404", m.start(), m.group())
            for m in _EMAIL.finditer(text)
            if m.group().casefold() != own
        )
    if _DIGIT.search(text) is not None:
        hits.extend(_number_hits(text))
        hits.extend(_postcode_hits(text))
        if any(word in lower for word in _DOB_HINTS):
            hits.extend(_dob_hits(text, lower))
    hits.sort(key=lambda h: h.start)
    return hits


# --- The rule -----------------------------------------------------------------------------

_ALLOW_COMMENT = re.compile(r"<!--\s*imh-allow:\s*(?P<names>[\w\s,-]*?)\s*-->", re.IGNORECASE)
_NAME_OF = {code: CODES[code].name for code in CODES if code.startswith("IMH4")}
_WHAT = {
    "IMH401": "an NHS number",
    "IMH402": "a full postcode",
    "IMH403": "a UK telephone number",
    "IMH404": "an e-mail address",
    "IMH405": "a date of birth",
    "IMH406": "a term from the deny-list",
}


def mask(text: str) -> str:
    """Show the shape of an identifier without repeating it: ``943 *** ****``."""
    keep = 3 if sum(ch.isalnum() for ch in text) > 6 else 1
    out: list[str] = []
    for ch in text:
        if ch.isalnum():
            out.append(ch if keep > 0 else "*")
            keep -= 1
        else:
            out.append(ch)
    return "".join(out)


@entry_rule("IMH401", "IMH402", "IMH403", "IMH404", "IMH405", "IMH406")
def privacy(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH401: an NHS number (ten digits that pass the modulus-11 check, written 3-3-4
    or next to "NHS" or "number").
    IMH402: a full UK postcode (``SW1A 1AA``; an outward code alone is not flagged).
    IMH403: a UK telephone number (01, 02, 03, 07 or +44, with the right number of digits).
    IMH404: an e-mail address other than the practitioner's own.
    IMH405: a date next to "DOB", "born" or "date of birth".
    IMH406: a term from the file that `privacy.deny_list` names, on word boundaries,
    ignoring case.

    Titles and bodies are read. A finding the practitioner has checked is silenced with
    ``allow: [postcode]`` in the front matter, or with ``<!-- imh-allow: postcode -->``
    on the line itself or the line above.
    """
    allowed = _allowed_names(entry.data)
    if allowed.issuperset(_NAME_OF.values()):
        return
    own_email = _own_email(portfolio)
    deny = deny_list(portfolio)
    title = entry.data.get("title") if entry.data else None
    if isinstance(title, str):
        for hit in find_identifiers(title, own_email=own_email, deny=deny):
            if _NAME_OF[hit.code] not in allowed:
                yield _finding(hit, "title", loc=("title",))
    if entry.body:
        yield from _body_findings(entry, allowed, own_email, deny)


def _body_findings(
    entry: Entry, allowed: set[str], own_email: str | None, deny: DenyList | None
) -> Iterator[Finding]:
    body = entry.body
    hits = find_identifiers(body, own_email=own_email, deny=deny)
    if not hits:
        return
    inline = _inline_allows(body) if "imh-allow" in body else {}
    for hit in hits:
        line_index = body.count("\n", 0, hit.start)
        if _NAME_OF[hit.code] in allowed or _NAME_OF[hit.code] in inline.get(line_index, ()):
            continue
        column = hit.start - (body.rfind("\n", 0, hit.start) + 1) + 1
        yield _finding(hit, "body", line=entry.body_line + line_index, column=column)


def _finding(
    hit: Hit,
    where: str,
    *,
    loc: tuple[str, ...] = (),
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    name = _NAME_OF[hit.code]
    return Finding(
        hit.code,
        f"{_WHAT[hit.code]} in the {where}: {mask(hit.text)}",
        f"remove or anonymise it; if it identifies nobody, add `allow: [{name}]` to the "
        f"front matter or `<!-- imh-allow: {name} -->` on the line above",
        loc,
        line=line,
        column=column,
    )


def _allowed_names(data: dict[Any, Any] | None) -> set[str]:
    value = data.get("allow") if data else None
    if not isinstance(value, list):
        return set()
    return {v for v in value if isinstance(v, str)}


def _inline_allows(body: str) -> dict[int, set[str]]:
    """Line index -> rule names silenced there (the comment's line and the next)."""
    found: dict[int, set[str]] = {}
    for m in _ALLOW_COMMENT.finditer(body):
        names = set(_split_names(m.group("names")))
        line_index = body.count("\n", 0, m.start())
        for index in (line_index, line_index + 1):
            found.setdefault(index, set()).update(names)
    return found


def _split_names(text: str) -> Iterable[str]:
    return (name.lower() for name in re.split(r"[\s,]+", text) if name)


def _own_email(portfolio: Portfolio) -> str | None:
    if portfolio.config is not None:
        return portfolio.config.practitioner.email
    data = portfolio.config_record.data or {}
    person = data.get("practitioner")
    email = person.get("email") if isinstance(person, dict) else None
    return email if isinstance(email, str) else None
