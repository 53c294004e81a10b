"""Where each key, value and item of a YAML document starts: lines and columns for findings.

A finding knows where it is as a path in the data (``("competencies", 2)``);
:func:`locate` turns that into a line and column of the file. :func:`load_positions`
reads the places from the C composer's nodes where a document is plain, some
twenty times faster than ruamel.yaml's round-trip loader, and from that loader for
everything else, so every place is the one the round-trip loader gives
(tests/test_yamlio.py holds them to it).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import ReusedAnchorWarning, YAMLError

from imhcli.diagnostics import Loc
from imhcli.load.yaml_fast import PlacedList, PlacedMapping, Unusual, positions_plain
from imhcli.load.yaml_loaders import (
    MAX_NESTING,
    PLAIN_TAGS,
    TIMESTAMP_TAG,
    FastLoader,
    lenient_timestamp,
    may_be_deep,
    nests_deeper_than,
)

#: Line breaks of YAML 1.1 that libyaml counts in its marks and ruamel.yaml does not.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


class _PositionsConstructor(RoundTripConstructor):
    def construct_lenient_timestamp(self, node: Any, values: Any = None) -> Any:
        return lenient_timestamp(super().construct_yaml_timestamp, self, node, values)


_PositionsConstructor.add_constructor(
    TIMESTAMP_TAG, _PositionsConstructor.construct_lenient_timestamp
)


def load_positions(text: str) -> Any:
    """Where every key, value and item of ``text`` starts, for :func:`locate`.

    Plain documents are placed from the C composer's nodes, some twenty times
    faster than by the round-trip loader; anything else (aliases, merge keys,
    tags on lists or mappings, the line breaks libyaml counts and ruamel.yaml
    does not) by the round-trip loader, which keeps line and column of every
    node; an empty value's place is asked of it only when wanted. A document
    nested past :data:`MAX_NESTING` raises RecursionError at once, as the
    round-trip loader would after a second or so. Raises what they raise.
    """
    if may_be_deep(text) and nests_deeper_than(text, MAX_NESTING):
        raise RecursionError("YAML nests too deeply to be read")
    if text.isascii() or not _OTHER_BREAKS.search(text):
        loader = FastLoader(text)
        try:
            placed = positions_plain(loader, PLAIN_TAGS)
        except (Unusual, YAMLError, ValueError, TypeError):
            pass  # the round-trip loader places it, or raises its own error
        else:
            if isinstance(placed, (PlacedMapping, PlacedList)):
                placed.source = text  # for an empty value's place (see locate)
            return placed
        finally:
            loader.dispose()
    return load_round_trip(text)


def load_round_trip(text: str) -> Any:
    """Load with the round-trip loader, keeping line and column of every node.

    Its warnings (an anchor used twice) would reach the terminal as Python's own
    text; the document's findings say what is wrong with it.
    """
    yaml = YAML(typ="rt")
    yaml.Constructor = _PositionsConstructor
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReusedAnchorWarning)
        return yaml.load(text)


def locate(root: Any, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
    """Return the 0-based (line, column) of ``loc`` in round-trip data.

    Falls back to the nearest enclosing node that has a position.
    """
    node = root
    best = _start_of(root)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(node, dict):
                if part not in node:
                    break
                pos = lc.key(part) if (last and key) else lc.value(part)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                pos = lc.item(part)
                node = node[part]
            else:
                break
        except (KeyError, TypeError, AttributeError, IndexError):
            break
        if pos is None and isinstance(root, (PlacedMapping, PlacedList)):
            return locate(_round_trip_of(root), loc, key=key)  # an empty value
        if pos is not None and pos[0] is not None:
            best = (pos[0], pos[1])
    return best


def _round_trip_of(placed: PlacedMapping | PlacedList) -> Any:
    """The round-trip data of the document ``placed`` was made from, loaded once."""
    if placed.round_trip is None:
        try:
            placed.round_trip = load_round_trip(placed.source)
        except Exception:  # a place is a nicety: the finding stands without it
            return None
    return placed.round_trip


def _start_of(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return (lc.line, lc.col)
