"""The one place where YAML documents are read into data.

* :func:`load_fast`: the simplest front matter (one ``key: value`` a line) is
  read by :mod:`imhcli.load.yaml_simple`; everything else by ruamel.yaml's
  C-backed safe loader, whose resolver is replaced by one whose YAML 1.2 table
  is built once, which more than halves the cost of a small front matter.
* The line and column of every key and value, for files with findings, come
  from :mod:`imhcli.load.yaml_positions`, which builds on the loader here.

Both read YAML 1.2: ``no`` stays a string, duplicate keys are an error.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.cyaml import CSafeLoader
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.tag import Tag

from imhcli.diagnostics import Finding
from imhcli.load.yaml_fast import (
    STR,
    construct_plain,
    tag_table,
)
from imhcli.load.yaml_simple import read_simple

#: Flow brackets beyond this count make a document's nesting measured before it is
#: composed: the C composer recurses once per level, without a limit of its own.
MAX_FLOW_BRACKETS = 1_000
#: The same for block indicators (``- ``, ``? ``): written on one line, as in
#: ``- - - x``, each nests a level deeper without needing any indentation.
MAX_BLOCK_INDICATORS = 2_000
#: Lists and mappings nested deeper than this are refused (IMH102) unread.
MAX_NESTING = 1_000
#: Values a document may expand to through aliases before it is refused.
MAX_EXPANDED_NODES = 100_000


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """A document that could not be read; ``line``/``column`` are 1-based."""

    code: str  # IMH102 or IMH107
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def finding(self) -> Finding:
        """The problem as a finding on the file that was read."""
        return Finding(self.code, self.message, self.hint, line=self.line, column=self.column)


def _resolver_table() -> tuple[dict[str, tuple[tuple[Tag, Any], ...]], tuple[tuple[Tag, Any], ...]]:
    by_first: dict[str | None, list[tuple[Tag, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for ch in first if first is not None else [None]:
                by_first.setdefault(ch, []).append((Tag(suffix=tag), regexp))
    any_first = tuple(by_first.pop(None, []))
    table = {ch: (*found, *any_first) for ch, found in by_first.items() if ch is not None}
    return table, any_first


_RESOLVE_BY_FIRST, _RESOLVE_ANY = _resolver_table()


#: The tag of each plain scalar seen: the same few words and numbers recur across entries.
_RESOLVED: dict[str, Any] = {}
_RESOLVED_MAX = 20_000


def _resolve_plain(value: str, default: Any) -> Any:
    """The tag YAML 1.2 gives a plain scalar, remembered for the next time."""
    found = default
    for tag, regexp in _RESOLVE_BY_FIRST.get(value[:1], _RESOLVE_ANY):
        if regexp.match(value):
            found = tag
            break
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    _RESOLVED[value] = found
    return found


class FastLoader(CSafeLoader):
    """CSafeLoader with the YAML 1.2 implicit-tag table computed once."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                found = _RESOLVED.get(value)
                if found is None:
                    found = _resolve_plain(value, self.DEFAULT_SCALAR_TAG)
                return found
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)

    @property
    def processing_version(self) -> tuple[int, int]:
        # The base resolver says None, which the constructors read as YAML 1.1:
        # `hours: 1e1` then printed a ten-line MantissaNoDot warning on stderr.
        return (1, 2)

    def construct_lenient_timestamp(self, node: Any, values: Any = None) -> Any:
        return lenient_timestamp(super().construct_yaml_timestamp, self, node, values)


def lenient_timestamp(construct: Any, loader: Any, node: Any, values: Any) -> Any:
    """A date-like scalar that is no real date (2025-02-30) stays text.

    ruamel.yaml raises ValueError for it, which would lose the whole document;
    as text, the models report it on its own line as "not a real calendar date".
    """
    try:
        return construct(node, values)
    except ValueError:
        return loader.construct_scalar(node)


TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
FastLoader.add_constructor(TIMESTAMP_TAG, FastLoader.construct_lenient_timestamp)
#: How to build each resolved tag directly (see imhcli.load.yaml_fast); made once.
PLAIN_TAGS = tag_table(
    FastLoader,
    [tag for found in (*_RESOLVE_BY_FIRST.values(), _RESOLVE_ANY) for tag, _ in found],
)


@functools.cache
def _scalar_builder() -> FastLoader:
    """A loader whose constructors build single scalars (it never parses anything)."""
    return FastLoader("")


def plain_scalar(value: str) -> Any:
    """A plain scalar as :func:`load_fast`'s C path builds it (for yaml_simple).

    Raises ValueError for a tag that only ruamel.yaml's own constructor builds.
    """
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _resolve_plain(value, FastLoader.DEFAULT_SCALAR_TAG)
    how = PLAIN_TAGS.get(id(tag))
    if how is STR:
        return value
    if how is None or isinstance(how, type):
        raise ValueError(value)
    return how(_scalar_builder(), ScalarNode(tag, value))


def load_fast(text: str, *, line_offset: int = 0) -> Any:
    """Load one YAML document quickly. Raises :class:`YamlProblem`.

    ``line_offset`` is added to reported lines (front matter starts below its fence).
    """
    simple = read_simple(text, plain_scalar)
    if simple is not None:
        return simple
    try:
        if may_be_deep(text) and nests_deeper_than(text, MAX_NESTING):
            raise RecursionError
        loader = FastLoader(text)
        try:
            data = construct_plain(loader, PLAIN_TAGS)
        finally:
            loader.dispose()
    except RecursionError:
        raise YamlProblem(
            "IMH102",
            "YAML nests too deeply to be read",
            line_offset + 1,
            1,
            "front matter needs only a few levels of lists and mappings",
        ) from None
    except ReaderError as exc:
        raise _unreadable_character(exc, text, line_offset) from None
    except YAMLError as exc:
        raise _problem(exc, line_offset, text) from None
    except (TypeError, ValueError, LookupError, ArithmeticError) as exc:
        # ruamel lets some constructor errors out unwrapped, such as the unhashable
        # key of `? - a: 1` or `!!bool maybe`; they are still the document's fault.
        raise _unwrapped_problem(exc, line_offset) from None
    _check_expansion(data, line_offset)
    return data


def _unwrapped_problem(exc: Exception, line_offset: int) -> YamlProblem:
    if "unhashable" in str(exc):
        message = "YAML has a key that is itself a list or mapping (written with `? `)"
        hint = "keys in front matter are plain words, such as `title:`"
    else:
        message = f"a YAML value cannot be read as its tag says ({exc})"
        hint = "write plain values, without tags such as !!int or !!bool"
    return YamlProblem("IMH102", message, line_offset + 1, 1, hint)


def may_be_deep(text: str) -> bool:
    """Whether ``text`` has enough brackets or indicators to nest deep: a quick count."""
    if text.count("[") + text.count("{") > MAX_FLOW_BRACKETS:
        return True
    indicators = sum(text.count(mark) for mark in ("- ", "-\t", "? ", "?\t"))
    return indicators > MAX_BLOCK_INDICATORS


def nests_deeper_than(text: str, limit: int) -> bool:
    """Whether lists and mappings in ``text`` nest more than ``limit`` levels deep.

    libyaml's parser keeps its own stack, so its events can be counted at any depth
    in C time (5 ms for 100,000 brackets); composing them is what recurses. Syntax
    errors raise here as they would from the loader.
    """
    parser = CSafeLoader(text)  # a CParser: its events, never composed
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()
    return False


def _unreadable_character(exc: ReaderError, text: str, line_offset: int) -> YamlProblem:
    """A character YAML does not allow (a control character); its place from its offset."""
    position = exc.position if isinstance(exc.position, int) else 0
    line_start = text.rfind("\n", 0, position) + 1
    character = exc.character if isinstance(exc.character, int) else ord(text[position:][:1] or " ")
    return YamlProblem(
        "IMH102",
        f"YAML does not allow the control character U+{character:04X} here",
        text.count("\n", 0, position) + 1 + line_offset,
        position - line_start + 1,
        "delete it (it may have come with text pasted from another program)",
    )


def _problem(exc: YAMLError, line_offset: int, text: str = "") -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and "end of stream" in str(getattr(exc, "problem", "")):
        # The end of the file is no help: point at the quote or bracket left open.
        mark = context_mark
    line = mark.line + 1 + line_offset if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if isinstance(exc, DuplicateKeyError):
        key = _duplicate_key_name(exc)
        return YamlProblem(
            "IMH107",
            f"duplicate key {key!r}" if key else "duplicate key",
            line,
            column,
            "each key may appear once; merge the two values or remove one",
        )
    problem = exc.problem if isinstance(exc, MarkedYAMLError) and exc.problem else str(exc)
    context = exc.context if isinstance(exc, MarkedYAMLError) and exc.context else None
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    at = getattr(mark, "index", None)
    if isinstance(at, int) and text[at : at + 1] == "\t":
        problem += " (a tab)"
    return YamlProblem("IMH102", message, line, column, _syntax_hint(problem))


def _duplicate_key_name(exc: DuplicateKeyError) -> str | None:
    problem = exc.problem or ""
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. title: \"Course: attachment\""
    if "'\\t'" in problem or re.search(r"\btabs?\b", problem):
        return "YAML indentation uses spaces, not tabs"
    if "expected ',' or ']'" in problem:
        return "a flow list needs a closing ] and commas between items"
    if "could not find expected ':'" in problem:
        return "every line of front matter is `key: value`; check quotes are closed"
    return "check indentation, quotes and brackets near this position"


def _check_expansion(data: Any, line_offset: int) -> None:
    """Refuse documents whose aliases expand to more values than any entry needs."""
    seen = 0
    stack = [data]
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_EXPANDED_NODES:
            raise YamlProblem(
                "IMH102",
                f"YAML expands to more than {MAX_EXPANDED_NODES:,} values through aliases (&/*)",
                line_offset + 1,
                1,
                "front matter should not need anchors and aliases; write values out",
            )
        if isinstance(node, dict):
            stack.extend(node.values())
            stack.extend(k for k in node if isinstance(k, (tuple, list, dict)))
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
