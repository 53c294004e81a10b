"""Words for people: counts with their nouns, decimals as written, 'did you mean' hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal


def number(value: Decimal, *, places: int | None = None) -> str:
    """A decimal as a person writes it: 6.5, 4, 450 (never 4.50 or 4.5E+2).

    With ``places``, rounded to that many decimal places first (half to even), as a
    chart label wants: ``number(Decimal("6.125"), places=2)`` is ``6.12``.
    """
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places))
    return format(value.normalize(), "f")


def plural(count: int | Decimal, noun: str, many: str | None = None) -> str:
    """``1 entry``, ``2 entries``, ``1,204 files``: a count and its noun.

    ``many`` is the plural when it is not ``noun + "s"`` (``entry``/``entries``).
    """
    shown = number(count) if isinstance(count, Decimal) else f"{count:,}"
    word = noun if count == 1 else (many or noun + "s")
    return f"{shown} {word}"


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


def amount_of(count: Decimal | int, phrase: str) -> str:
    """A profile's words for an amount, ``{n}`` filled in, in the number it needs.

    ``{n} hours of supervision`` with 1 reads ``1 hour of supervision``: the first
    plural among the three words after the number becomes singular.
    """
    shown = number(Decimal(count))
    text = phrase.replace("{n}", shown)
    if Decimal(count) != 1 or "{n}" not in phrase:
        return text
    head, _, tail = phrase.partition("{n}")
    words = tail.split(" ")
    for i, word in enumerate(words[:4]):
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            words[i] = word[:-3] + "y" if word.endswith("ies") else word[:-1]
            break
    return head + shown + " ".join(words)
