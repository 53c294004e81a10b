"""Finding identifiers in a text: NHS numbers, postcodes, phones, e-mail, dates of birth, names.

Text is normalised once (:func:`normalise`) before matching, without changing its
length, so a hit's offset is its offset in the text as written: compatibility forms
(NFKC), every space and apostrophe kind, line breaks (a hard-wrapped postcode or
name) and Markdown emphasis markers all read as the plain character a reader sees.

Every pattern runs in time linear in the text: no pattern has nested quantifiers
that can backtrack over the same characters twice, and the deny-list is matched in
one pass over the text's words, whatever its length (a set of word n-grams). Each
detector pairs a pattern with a check that keeps ordinary writing quiet: NHS numbers
pass the modulus-11 check, phone numbers have a UK prefix and the right number of
digits, dates count only next to "DOB" or "born".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Hit:
    """One identifier found in a text: the rule's code, where it starts, what it is."""

    code: str
    start: int
    text: str


# --- Normalising ---------------------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000\t\n\r\v\f"
_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u2032\u00b4\uff07`"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
#: One character for one character, so offsets never move. Emphasis markers become spaces.
_TABLE = str.maketrans(
    {
        **dict.fromkeys(_SPACES, " "),
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DASHES, "-"),
        "*": " ",
        "_": " ",
    }
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _nfkc(ch: str) -> str:
    """NFKC of one character when it is one character (fullwidth digits, ligature-free forms)."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


#: The same table for ASCII text, read a byte at a time (several times faster).
_ASCII_TABLE = bytes(ord(_TABLE.get(code, chr(code))) for code in range(128)) + bytes(
    range(128, 256)
)


def normalise(text: str) -> str:
    """``text`` as matching reads it, the same length: NFKC, one space and apostrophe kind."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    out = text.translate(_TABLE)
    if not out.isascii():
        out = _NON_ASCII.sub(lambda m: _nfkc(m.group()), out).translate(_TABLE)
    return out


# --- NHS numbers (IMH401) and telephone numbers (IMH403) -----------------------------

#: Cheap first pass: a run of ten or more digits, spaces, dashes and brackets.
_LONG_NUMBER = re.compile(r"\d[\d ()-]{8,}\d")
#: Between two digits: nothing, a separator, a bracket, or both; each string one way only.
_GAP = r"(?>[ -](?:\)[ -]?|[ -])?|\)[ -]?)?"
#: The exact shape, tried only inside a long number: digits with single separators.
_NUMBER = re.compile(
    r"(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(0)?"
    rf"\d(?:{_GAP}\d){{8,11}}(?![\w/]|[.,:-]\d)"
)
_NHS_CONTEXT = re.compile(r"\b(?:nhs|chi|patient|hospital|number|no\.?)\W{0,3}$", re.IGNORECASE)
_ISBN_CONTEXT = re.compile(r"isbn(?:-1[03])?\W{0,3}$", re.IGNORECASE)
#: A label glued to the number it introduces: "Tel:07700 900123", "NHS:943...", "mob."
_GLUED_LABEL = re.compile(
    r"(?<![^\W\d])(?:tel|telephone|phone|ph|mob|mobile|home|work|nhs|no|number)[.:]$",
    re.IGNORECASE,
)
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


def _starts_a_number(text: str, start: int) -> bool:
    """Not the middle of a longer token: "ref-0161...", "x07700...", a URL; a label may touch."""
    if not start:
        return True
    previous = text[start - 1]
    if previous.isalnum() or previous in "_+/-":
        return False
    if previous in ".:":
        return _GLUED_LABEL.search(text, max(0, start - 12), start) is not None
    return True


#: An NHS number has ten digits, a UK phone number ten or more (0 and 9 or 10, or +44 and 9
#: or 10). Every digit of a candidate lies in its run (a digit next to a run extends it).
_FEWEST_DIGITS = 10


def _digits_in(run: str) -> int:
    """The digits in a run of digits, spaces, dashes and brackets."""
    return len(run) - run.count(" ") - run.count("-") - run.count("(") - run.count(")")


#: Where a number may start: not after a letter, digit, "+", "/" or "-" (checked again below).
_NUMBER_START = re.compile(r"(?<![\w+/-])(?:\+|\(|\d)")


def _number_hits(text: str) -> Iterator[Hit]:
    for run in _LONG_NUMBER.finditer(text):
        if _digits_in(run.group()) < _FEWEST_DIGITS:
            continue  # a date (2025-03-04) or a short reference: no number fits in it
        # Look a few characters back for a "+44 " or "(0" the first pass left out.
        pos, end = max(0, run.start() - 5), min(len(text), run.end() + 2)
        while (start_at := _NUMBER_START.search(text, pos, end)) is not None:
            start = start_at.start()
            m = _NUMBER.match(text, start, end)
            if m is None or not _starts_a_number(text, start):
                pos = start + 1
                continue
            pos = m.end()
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

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++")
_TOP_LEVEL = re.compile(r"\.[A-Za-z]{2,}(?![\w-])")


def _email_hits(text: str, own: str | None) -> Iterator[Hit]:
    """Addresses up to their last alphabetic label ("jo@example.com" in "jo@example.com.1")."""
    for m in _EMAIL.finditer(text):
        end = 0
        for top in _TOP_LEVEL.finditer(text, m.start(), m.end()):
            end = top.end()
        address = text[m.start() : end]
        if end and "@" in address[:-1] and address.casefold() != own:
            yield Hit("IMH404", m.start(), address)


# --- Dates of birth (IMH405) ------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {{1,3}}(?:of {{1,3}})?{_MONTH}\.?,? {{1,3}}\d{{2,4}}"
    rf"|{_MONTH}\.? {{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,? {{1,3}}\d{{4}})"
)
#: The words that make a date a date of birth, found in the lower-cased text.
_DOB_WORD = re.compile(r"(?:d\.?o\.?b\b\.?|date +of +birth\b|birth *date\b|born\b)", re.IGNORECASE)
_DOB_DATE = re.compile(
    rf"[ :,=()-]{{0,8}}(?:(?:on|in) +)?(?:the +)?(?P<date>{_DATE})(?!\d)", re.IGNORECASE
)
#: "born at the unit on 12/03/2025": a date later in the same sentence, after "on".
_BORN_LATER = re.compile(rf"[^.;!?]{{0,60}}?\bon +(?:the +)?(?P<date>{_DATE})(?!\d)", re.IGNORECASE)


def _dob_hits(text: str) -> Iterator[Hit]:
    for word in _DOB_WORD.finditer(text):
        start = word.start()
        if start and text[start - 1].isalnum():
            continue  # "newborn", "firstborn"
        m = _DOB_DATE.match(text, word.end())
        if m is None and word.group().lower() == "born":
            m = _BORN_LATER.match(text, word.end())
        if m is not None:
            yield Hit("IMH405", m.start("date"), m.group("date"))


# --- Deny-list (IMH406) -----------------------------------------------------------------

#: A word: letters and digits. Apostrophes and hyphens split words ("O'Brien" is o + brien).
_WORD = re.compile(r"[^\W_]+")
#: Up to this many first words, a substring test decides quickly that a text has none.
_QUICK_FIRSTS = 64


@dataclass(frozen=True, slots=True)
class DenyList:
    """A portfolio's deny-list: terms found ignoring case, on word boundaries, plurals too.

    Each term is kept as the tuple of its words; a text is read once, word by word,
    and each word that starts some term is tried against the n-gram lengths there are.
    """

    terms: frozenset[tuple[str, ...]]
    firsts: frozenset[str]
    lengths: tuple[int, ...]

    def hits(self, text: str) -> Iterator[Hit]:
        """The terms in ``text`` (already normalised), longest first where they overlap."""
        if len(self.firsts) <= _QUICK_FIRSTS:
            folded = text.casefold()
            if not any(first in folded for first in self.firsts):
                return
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        index = 0
        while index < len(words):
            size = self._match_at(words, index) if words[index][2] in self.firsts else 0
            if size:
                start, end = words[index][0], words[index + size - 1][1]
                yield Hit("IMH406", start, text[start:end])
                index += size
            else:
                index += 1

    def _match_at(self, words: list[tuple[int, int, str]], index: int) -> int:
        for size in self.lengths:
            if index + size <= len(words):
                gram = tuple(w[2] for w in words[index : index + size])
                if gram in self.terms:
                    return size
        return 0


def _word_tuple(term: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(normalise(term)))


def _with_plurals(words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    yield words
    last = words[-1]
    if last.isalpha() and len(last) >= 3:
        yield (*words[:-1], last + "s")
        yield (*words[:-1], last + "es")


def compile_deny_list(text: str) -> DenyList | None:
    """The terms of a deny-list file (one a line; ``#`` comments and blank lines ignored)."""
    terms: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and (words := _word_tuple(line)):
            terms.update(_with_plurals(words))
    if not terms:
        return None
    lengths = tuple(sorted({len(t) for t in terms}, reverse=True))
    return DenyList(frozenset(terms), frozenset(t[0] for t in terms), lengths)


# --- Finding identifiers in a text -----------------------------------------------------

_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"


def _has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit of any script (ten substring tests for ASCII text)."""
    if text.isascii():
        return any(digit in text for digit in _ASCII_DIGITS)
    return _DIGIT.search(text) is not None


_DOB_HINTS = ("born", "dob", "d.o.b", "birth")


def find_identifiers(
    text: str, *, own_email: str | None = None, deny: DenyList | None = None
) -> list[Hit]:
    """Every identifier in ``text``, in order of position, each as ``text`` spells it."""
    plain = normalise(text)
    found = list(deny.hits(plain)) if deny is not None else []
    if _has_digit(plain):
        found.extend(_number_hits(plain))
        found.extend(_postcode_hits(plain))
        lower = plain.lower()
        if any(word in lower for word in _DOB_HINTS):
            found.extend(_dob_hits(plain))
    # Offsets are the same in both texts: report each hit as the text spells it.
    hits = [Hit(h.code, h.start, text[h.start : h.start + len(h.text)]) for h in found]
    if "@" in text:
        hits.extend(_email_hits(text, own_email.casefold() if own_email else None))
    hits.sort(key=lambda h: h.start)
    return hits


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


def mask_hits(text: str, hits: list[Hit]) -> str:
    """``text`` with every hit in it masked (:func:`mask`), the rest as written."""
    out, done = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < done:
            continue
        out.append(text[done : hit.start])
        out.append(mask(hit.text))
        done = hit.start + len(hit.text)
    out.append(text[done:])
    return "".join(out)
