"""A faster constructor for the plain YAML that nearly every front matter is.

ruamel.yaml's C parser composes a document into nodes quickly, but its
constructor then visits every node through generic machinery (recursion
tracking, generators, tag lookups by string) that costs more than the parse.
Front matter is almost always plain: mappings of words to strings, numbers,
dates and lists, with no tags, anchors or merge keys. This module builds that
data directly from the nodes, calling ruamel's own constructor for each
non-string scalar, and gives up on the first node that is anything else (an
explicit tag, an alias, a merge key, a duplicate or complex key). The caller
then runs ruamel's constructor on the whole document, so the result, and every
error, is exactly what ruamel gives.

The same walk over the nodes also records where each key, value and item starts
(:func:`positions_plain`), for :mod:`imhcli.load.yaml_positions`.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("int", "float", "bool", "null", "timestamp")
)
#: How :func:`tag_table` marks a tag built as a plain string.
STR = object()


class Unusual(Exception):
    """A node that only ruamel's own constructor may build."""


def construct_plain(loader: Any, tags: dict[int, Any]) -> Any:
    """The loader's single document, built directly where it is plain.

    ``tags`` maps ``id(Tag)`` of the loader's resolved tags to ``STR`` or to
    the constructor of that scalar type (see :func:`tag_table`).
    """
    node = loader.composer.get_single_node()
    if node is None:
        return None
    try:
        return _Builder(loader, tags).build(node)
    except Unusual:
        return loader.construct_document(node)


def tag_table(loader_class: Any, resolved: list[Any]) -> dict[int, Any]:
    """``id(tag) -> how to build it`` for the tag objects the resolver hands out.

    Identity matters: an explicit tag in a document (``!!str``) arrives as a new
    Tag object, is not in the table, and so goes to ruamel's constructor.
    """
    table: dict[int, Any] = {
        id(loader_class.DEFAULT_SCALAR_TAG): STR,
        id(loader_class.DEFAULT_SEQUENCE_TAG): SequenceNode,
        id(loader_class.DEFAULT_MAPPING_TAG): MappingNode,
    }
    for tag in resolved:
        name = str(tag)
        if name in _SCALAR_TAGS:
            table[id(tag)] = loader_class.yaml_constructors[name]
        elif name == "tag:yaml.org,2002:str":
            table[id(tag)] = STR
    return table


class _Builder:
    def __init__(self, loader: Any, tags: dict[int, Any]) -> None:
        self.loader = loader
        self.tags = tags
        self.seen: set[int] = set()

    def build(self, node: Any) -> Any:
        if id(node) in self.seen:
            raise Unusual  # an alias: the same node twice
        self.seen.add(id(node))
        how = self.tags.get(id(node.ctag))
        if how is None:
            raise Unusual
        kind = type(node)
        if kind is ScalarNode:
            if how is STR:
                return node.value
            if isinstance(how, type):
                raise Unusual
            return how(self.loader, node)
        if kind is SequenceNode and how is SequenceNode:
            return [self.build(child) for child in node.value]
        if kind is MappingNode and how is MappingNode:
            return self.mapping(node)
        raise Unusual

    def mapping(self, node: Any) -> dict[Any, Any]:
        if getattr(node, "merge", None) is not None:
            raise Unusual
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise Unusual
            key = self.build(key_node)
            if not isinstance(key, Hashable) or key in data:
                raise Unusual  # duplicates get ruamel's own error
            data[key] = self.build(value_node)
        return data


# --- Positions ------------------------------------------------------------------------------


class Marks:
    """Where a mapping's keys and values, or a list's items, start: 0-based (line, column).

    The same questions ruamel.yaml's round-trip data answers through ``.lc``, except
    that an empty value's place is None (see :func:`_at`).
    """

    __slots__ = ("_items", "_keys", "_values", "col", "line")

    def __init__(self, node: Any) -> None:
        self.line: int = node.start_mark.line
        self.col: int = node.start_mark.column
        self._keys: dict[Any, tuple[int, int] | None] = {}
        self._values: dict[Any, tuple[int, int] | None] = {}
        self._items: list[tuple[int, int] | None] = []

    def key(self, key: Any) -> tuple[int, int] | None:
        return self._keys[key]

    def value(self, key: Any) -> tuple[int, int] | None:
        return self._values[key]

    def item(self, index: int) -> tuple[int, int] | None:
        return self._items[index]


class PlacedMapping(dict[Any, Any]):
    """A mapping's keys, each with what its value holds (None for a scalar), and ``lc``.

    The document's top collection also keeps its ``source`` text, and its
    ``round_trip`` data once an empty value's place was asked for.
    """

    lc: Marks
    source: str = ""
    round_trip: Any = None


class PlacedList(list[Any]):
    """A list's items (None for a scalar), and ``lc``; ``source`` as for a mapping."""

    lc: Marks
    source: str = ""
    round_trip: Any = None


def positions_plain(loader: Any, tags: dict[int, Any]) -> Any:
    """Where everything is in the loader's single document, as nested
    :class:`PlacedMapping` and :class:`PlacedList`; None for an empty document.

    Raises :class:`Unusual` for a document only the round-trip loader places
    exactly (an alias, a merge key, a tagged list or mapping, a complex or
    duplicate key). Keys are built as :func:`construct_plain` builds them.
    """
    node = loader.composer.get_single_node()
    return None if node is None else _Placer(loader, tags).place(node)


def _at(node: Any) -> tuple[int, int] | None:
    """Where ``node`` starts; None for an empty value, which ruamel.yaml places at the
    next token and libyaml after the colon: only the round-trip loader knows that place."""
    start = node.start_mark
    return None if start.index == node.end_mark.index else (start.line, start.column)


class _Placer(_Builder):
    def place(self, node: Any) -> Any:
        if id(node) in self.seen:
            raise Unusual  # an alias
        self.seen.add(id(node))
        kind = type(node)
        if kind is ScalarNode:
            return None
        how = self.tags.get(id(node.ctag))
        if kind is SequenceNode and how is SequenceNode:
            items = PlacedList(self.place(child) for child in node.value)
            items.lc = Marks(node)
            items.lc._items = [_at(child) for child in node.value]
            return items
        if kind is MappingNode and how is MappingNode:
            return self.place_mapping(node)
        raise Unusual

    def place_mapping(self, node: Any) -> PlacedMapping:
        if getattr(node, "merge", None) is not None:
            raise Unusual
        placed = PlacedMapping()
        marks = placed.lc = Marks(node)
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise Unusual
            key = self.build(key_node)
            if not isinstance(key, Hashable) or key in placed:
                raise Unusual
            placed[key] = self.place(value_node)
            marks._keys[key] = _at(key_node)
            marks._values[key] = _at(value_node)
        return placed
