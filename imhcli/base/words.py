"""'Did you mean' hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    if found:
        return found[0]
    lowered = {o.lower(): o for o in options}
    return lowered.get(word.lower().replace("_", "-")) or lowered.get(
        word.lower().replace("-", "_")
    )


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    match = closest(word, options)
    return f"did you mean `{match}`?" if match else None
