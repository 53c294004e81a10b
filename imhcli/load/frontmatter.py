"""Reading an entry file: bytes to text, text to front matter and body.

Done by hand rather than by mdit-py-plugins' front_matter plugin, which fails
silently after a byte-order mark and reads an unterminated block as a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    message: str
    line: int | None
    column: int | None
    hint: str


def decode(raw: bytes) -> str | DecodeProblem:
    """Decode UTF-8 (a BOM is accepted), normalising CRLF to LF."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return DecodeProblem(
            "file is UTF-32 text, not UTF-8", None, None, "save the file with UTF-8 encoding"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodeProblem(
            "file is UTF-16 text, not UTF-8", None, None, "save the file with UTF-8 encoding"
        )
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    nul = raw.find(b"\x00")
    if nul != -1:
        line, column = _position(raw, nul)
        return DecodeProblem(
            "file is binary (it contains a NUL byte), not text",
            line,
            column,
            "entries must be Markdown text; keep other files under evidence/",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        return DecodeProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            line,
            column,
            "save the file with UTF-8 encoding (Windows-1252 and Latin-1 are common culprits)",
        )
    return text.replace("\r\n", "\n") if "\r" in text else text


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


@dataclass(frozen=True, slots=True)
class Split:
    """An entry split into its front matter and body.

    ``yaml`` is None when there is no front matter; ``problem`` then says why.
    ``yaml_line`` and ``body_line`` are the 1-based file lines where each starts.
    """

    yaml: str | None
    body: str
    yaml_line: int
    body_line: int
    problem: str | None = None


def split(text: str) -> Split:
    first_end = text.find("\n")
    first = text if first_end == -1 else text[:first_end]
    if first.rstrip(" \t") != "---":
        return Split(None, text, 1, 1, "missing")
    start = first_end + 1
    closing = _FENCE.search(text, start) if first_end != -1 else None
    if closing is None:
        return Split(None, text, 1, 1, "unterminated")
    yaml_text = text[start : closing.start()]
    body_start = text.find("\n", closing.end())
    body = "" if body_start == -1 else text[body_start + 1 :]
    yaml_line = 2
    body_line = yaml_line + yaml_text.count("\n") + 1
    return Split(yaml_text, body, yaml_line, body_line)
