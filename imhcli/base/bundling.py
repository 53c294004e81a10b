"""What a bundle may carry: its names and its size. `imh check`, `imh bundle` and
`imh verify` all apply these, so what one accepts the others accept.

A name is refused when it could write outside a folder once unzipped (absolute,
``..``, a backslash), when it could be shown two ways (control characters, DEL,
the C1 controls that some terminals obey, bidirectional overrides that reorder
what the reader sees: ``invoice‮fdp.exe``), and two names are one file on a
case-insensitive or normalising disk when their :func:`collision_key` is equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Characters that reorder the text around them: embeddings, overrides, isolates, marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)


def collision_key(name: str) -> str:
    """Names with the same key are one file on a case-insensitive or normalising disk."""
    return unicodedata.normalize("NFC", name.rstrip("/")).casefold()


def unsafe_name(name: str) -> str | None:
    """Why a name could write outside a folder or be read two ways, or None."""
    if not name:
        return "entry has an empty name"
    if "\\" in name:
        return "name contains a backslash"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "name is an absolute path"
    parts = name.rstrip("/").split("/")
    if any(part in ("..", ".", "") for part in parts):
        return "name has a '..', '.' or empty part"
    return hidden_characters(name)


def hidden_characters(name: str) -> str | None:
    """Why ``name`` would not show as what it is (a control or bidi character), or None."""
    found = _HIDDEN.search(name)
    if found is None:
        return None
    code = ord(found.group())
    if chr(code) in BIDI_CONTROLS:
        return f"name contains a bidirectional control character (U+{code:04X})"
    return f"name contains a control character (U+{code:04X})"


#: C0 controls, DEL, C1 controls, and the bidirectional controls.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


@dataclass(frozen=True, slots=True)
class Limits:
    """What a bundle may hold before it is refused as a possible zip bomb."""

    max_files: int = 20_000
    max_bytes: int = 8 * 1024**3
    #: Largest ratio of uncompressed to compressed size, for entries above ``ratio_floor``.
    max_ratio: int = 200
    ratio_floor: int = 1024 * 1024
