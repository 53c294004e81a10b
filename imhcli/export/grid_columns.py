"""Which field of a framework each column of an assessment grid holds.

Headers are matched after folding case, punctuation and spaces, so
``Competency No.``, ``competency  no`` and ``COMPETENCY NO`` are one header.
``--map HEADER=FIELD`` names the field of any other header.
"""

from __future__ import annotations

import re

from imhcli.errors import UsageError

#: Fields a column can hold; ``level-N`` for the level N descriptor.
FIELDS = ("id", "group", "statement", "domain", "ignore")

#: Folded header -> field, for the headers grids are known to use.
KNOWN_HEADERS: dict[str, str] = {
    **dict.fromkeys(
        ("id", "competency id", "competency no", "competency number", "number", "no", "ref",
         "reference", "code", "unit"),
        "id",
    ),
    **dict.fromkeys(
        ("group", "group heading", "heading", "sub heading", "subheading", "cluster", "area"),
        "group",
    ),
    **dict.fromkeys(
        ("statement", "competency", "competency statement", "description", "text"), "statement"
    ),
    **dict.fromkeys(("domain", "domain title", "domain name"), "domain"),
    # the domain's number is the part of the id before the dot
    **dict.fromkeys(("domain id", "domain no", "domain number"), "ignore"),
    # the self-assessment columns of a published grid: the practitioner's, not the framework's
    **dict.fromkeys(
        ("working towards", "evidence", "achieved", "notes", "comments", "comment"), "ignore"
    ),
}  # fmt: skip
_LEVEL = re.compile(r"^(?:level|lvl|l)\s*(\d{1,3})(?:\s+descriptors?)?$")
_FOLD = re.compile(r"[\W_]+")


def fold(header: str) -> str:
    """A header with case, punctuation and runs of spaces folded away."""
    return " ".join(_FOLD.sub(" ", header.casefold()).split())


def field_of(header: str, mapping: dict[str, str]) -> str | None:
    """The field a header names: by ``--map`` first, then the known headers, else None."""
    folded = fold(header)
    if folded in mapping:
        return mapping[folded]
    if folded in KNOWN_HEADERS:
        return KNOWN_HEADERS[folded]
    level = _LEVEL.match(folded)
    return f"level-{int(level.group(1))}" if level else None


def level_of(field: str) -> int | None:
    """The level of a ``level-N`` field, else None."""
    return int(field[6:]) if field.startswith("level-") and field[6:].isdigit() else None


def parse_map(items: list[str]) -> dict[str, str]:
    """``["No.=id", "Level one=level-1"]`` as folded header -> field. Raises UsageError."""
    out: dict[str, str] = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        field = field.strip().casefold()
        if not sep or not fold(header) or not (field in FIELDS or level_of(field) is not None):
            raise UsageError(
                f"--map {item!r} is not HEADER=FIELD",
                hint=f"FIELD is one of {', '.join(FIELDS)} or level-N, e.g. --map 'No.=id'",
            )
        out[fold(header)] = field
    return out


def column_name(index: int) -> str:
    """A spreadsheet's name of a 0-based column: A, B, ..., Z, AA, AB."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
