"""Reading the simplest front matter without a YAML parser: one ``key: value`` a line.

Most entries' front matter is a handful of lines such as ``title: "A visit"``,
``date: 2025-03-04`` and ``competencies: ["1.04", "1.05"]``. Parsing those with
libyaml and building its nodes costs more than every rule run on the entry.
:func:`read_simple` reads exactly that shape and nothing else: each line a key
at the start of the line, ``: ``, and one value that is a quoted string, a plain
scalar or a one-line list of those. Anything outside it (comments, indentation,
block lists, anchors, tags, escapes, doubtful characters, a repeated key) returns
None, and the caller parses the text with the YAML loader as before.

Plain scalars are resolved and built by the caller's ``plain`` function, the one
the YAML loader uses, so ``1.5``, ``2025-03-04`` and ``yes`` become what they
would have become. tests/test_yamlsimple.py holds both readers to the same result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: A key as the line's first thing: a word, with hyphens between parts.
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*): (\S.*)")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'([^']*)'")
#: Characters that begin something other than a plain scalar, or that YAML reserves.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`~")
#: In a list, a plain item must not hold what ends or nests a flow item.
_FLOW_SPECIAL = frozenset(",[]{}:#?")
#: Words YAML 1.2 reads as something other than a string when they are keys.
_NOT_STRING_KEYS = frozenset(
    ["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]
)


class _NotSimple(Exception):
    """The text is outside the simple shape: the YAML loader must read it."""


def read_simple(text: str, plain: Callable[[str], Any]) -> dict[str, Any] | None:
    """The mapping ``text`` holds when it has the simple shape; None otherwise.

    ``plain(value)`` builds a plain scalar as the YAML loader would, and raises
    :class:`ValueError` for one it would not build plainly.
    """
    if "\t" in text or "\r" in text or "#" in text or "\\" in text:
        return None
    data: dict[str, Any] = {}
    try:
        for line in text.split("\n"):
            if not line:
                continue
            match = _LINE.fullmatch(line)
            if match is None:
                return None
            key, value = match.groups()
            if key in data or key in _NOT_STRING_KEYS or value.endswith(" "):
                return None
            data[key] = _value(value, plain)
    except (_NotSimple, ValueError):
        return None
    return data or None


def _value(value: str, plain: Callable[[str], Any]) -> Any:
    first = value[0]
    if first == "[":
        if not value.endswith("]"):
            raise _NotSimple
        inner = value[1:-1].strip(" ")
        return [_item(item.strip(" "), plain) for item in inner.split(",")] if inner else []
    if first in "\"'":
        return _quoted(value)
    return _plain(value, plain)


def _item(item: str, plain: Callable[[str], Any]) -> Any:
    if not item:
        raise _NotSimple  # [a, , b] or a trailing comma
    if item[0] in "\"'":
        return _quoted(item)
    if any(ch in _FLOW_SPECIAL for ch in item):
        raise _NotSimple
    return _plain(item, plain)


def _quoted(value: str) -> str:
    match = (_DOUBLE if value[0] == '"' else _SINGLE).fullmatch(value)
    if match is None or not match.group(1).isprintable():
        raise _NotSimple
    return match.group(1)


def _plain(value: str, plain: Callable[[str], Any]) -> Any:
    if value[0] in _INDICATORS or ": " in value or value.endswith(":") or not value.isprintable():
        raise _NotSimple
    return plain(value)
