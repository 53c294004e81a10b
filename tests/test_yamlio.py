"""The YAML factory: the three loaders read YAML 1.2 alike, and problems have places."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from imhcli.load import yaml_loaders as yamlio
from imhcli.load.yaml_loaders import YamlProblem, load_fast
from imhcli.load.yaml_positions import load_positions, load_round_trip, locate
from tests.test_robustness import YAML_BITS

SCALARS = {
    "no": "no",
    "yes": "yes",
    "on": "on",
    "true": True,
    "false": False,
    "null": None,
    "~": None,
    "010": 10,
    "0o17": 15,
    "0x1F": 31,
    "1.10": 1.1,
    "1e1": 10.0,
    "-1.5E+2": -150.0,
    ".inf": float("inf"),
    "1:30": "1:30",
    "2025-03-04": dt.date(2025, 3, 4),
    "2025-02-30": "2025-02-30",
    "2025-13-01": "2025-13-01",
    "2025-03-04 10:30": "2025-03-04 10:30",
    "2025-03-04T10:30:00": dt.datetime(2025, 3, 4, 10, 30),
    '"1.04"': "1.04",
}


class _PureConstructor(SafeConstructor):
    """ruamel.yaml's pure-Python safe constructor, lenient about impossible dates as imh is."""

    def construct_lenient_timestamp(self, node: Any, values: Any = None) -> Any:
        return yamlio.lenient_timestamp(super().construct_yaml_timestamp, self, node, values)


_PureConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _PureConstructor.construct_lenient_timestamp
)


def pure(text: str) -> Any:
    """ruamel.yaml's pure-Python safe loader: a reference for the C-backed one."""
    loader = YAML(typ="safe", pure=True)
    loader.Constructor = _PureConstructor
    return loader.load(text)


@pytest.mark.parametrize("scalar", list(SCALARS))
def test_loaders_agree_on_yaml_1_2(scalar: str) -> None:
    text = f"value: {scalar}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = [load_fast(text)["value"], pure(text)["value"], load_round_trip(text)["value"]]
    assert found == [SCALARS[scalar]] * 3


def test_duplicate_key_has_its_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_fast("a: 1\nb: 2\na: 3\n", line_offset=1)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("IMH107", 4, 1)
    assert "'a'" in caught.value.message


def test_unclosed_quote_points_at_the_quote() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_fast('a: 1\ntitle: "open\nb: 2\n')
    assert (caught.value.line, caught.value.column) == (2, 8)


def test_flow_brackets_over_the_limit_still_load() -> None:
    text = "a: [" + ", ".join("[1]" for _ in range(yamlio.MAX_FLOW_BRACKETS)) + "]\n"
    assert len(load_fast(text)["a"]) == yamlio.MAX_FLOW_BRACKETS


def test_brackets_inside_quotes_are_text_not_nesting() -> None:
    text = "a: '" + "[" * (yamlio.MAX_NESTING + 10) + "'\n"
    assert load_fast(text) == {"a": "[" * (yamlio.MAX_NESTING + 10)}


@pytest.mark.parametrize("depth", [yamlio.MAX_NESTING + 1, 100_000])
def test_nesting_past_the_limit_is_refused_unread(depth: int) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(YamlProblem) as caught:
        load_fast(text, line_offset=1)
    assert (caught.value.code, caught.value.line) == ("IMH102", 2)
    assert "nests too deeply" in caught.value.message


def test_many_block_indicators_still_load() -> None:
    text = "".join(f"- item {i}\n" for i in range(yamlio.MAX_BLOCK_INDICATORS + 5))
    assert len(load_fast(text)) == yamlio.MAX_BLOCK_INDICATORS + 5


def test_alias_expansion_limit() -> None:
    load_fast("a: &a [1, 2, 3]\nb: *a\nc: *a\n")
    bomb = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 6)
    )
    with pytest.raises(YamlProblem, match="aliases"):
        load_fast(bomb)


def test_locate() -> None:
    data = load_positions("a: 1\nlist:\n  - x\n  - y\nmap:\n  k: v\n")
    assert locate(data, ("list", 1)) == (3, 4)
    assert locate(data, ("map", "k"), key=True) == (5, 2)
    assert locate(data, ("map", "missing")) == (5, 2)
    assert locate(data, ()) == (0, 0)


#: Keys equal by value in two loads of a document (a tagged key is equal only to itself).
_VALUE_KEYS = (str, int, float, bool, type(None), dt.date, dt.datetime)
_VALUE_KEY_KINDS = (str, int, float, dt.date)


def _locations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every location in ``data``, and one missing key or index below each collection."""
    yield path
    if isinstance(data, dict):
        yield (*path, "no such key")
        for key, value in data.items():
            if type(key) in _VALUE_KEYS or isinstance(key, _VALUE_KEY_KINDS):
                yield from _locations(value, (*path, key))
    elif isinstance(data, list):
        yield (*path, len(data))
        for index, value in enumerate(data):
            yield from _locations(value, (*path, index))


def assert_placed_as(expected: Any, text: str) -> None:
    """Every location in ``text`` is placed where the round-trip data ``expected`` has it."""
    placed = load_positions(text)
    for loc in _locations(expected):
        for key in (False, True):
            want = locate(expected, loc, key=key)
            assert locate(placed, loc, key=key) == want, (text, loc, key)


PLACE_DOCUMENTS = [
    "a: 1\nlist:\n  - x\n  - y\nmap:\n  k: v\n",
    "# a comment\ntitle:   spaced  # trailing\nempty:\nnext: [a, {b: c}, [d]]\n",
    "tags:\n- a\n-\n- - nested\n  - again\n? plain key\n: value\n",
    "text: |\n  one\n  two\nfolded: >-\n  x\n  y\nquoted: \"q: 'x'\"\n",
    '1.04: float key\n"1.05": str\nlast: ""\n',
    "2025-03-04: a date key\nnull: ~\ntrue: yes\nflow: {a: [1, 2], b: {c: }}\n",
    "tagged: !!str 5\nset: !!set {a, b}\nanchor: &x [1]\nalias: *x\n",
    "base: &b {k: 1}\nmerged:\n  <<: *b\n  j: 2\n",
    "dup: 1\ndup: 2\n",
    "- just\n- a list\n",
    "",
    "scalar only\n",
    "a: one\x85two\nb: [1, 2]\nc: \u2028\n",
    "--- \na: 1\n...\n",
]


@pytest.mark.parametrize("text", PLACE_DOCUMENTS)
def test_positions_are_the_round_trip_loaders(text: str) -> None:
    """Every location is placed where the round-trip loader places it (or both fail)."""
    expected: Any
    try:
        expected = load_round_trip(text)
    except Exception as exc:
        with pytest.raises(type(exc)):
            load_positions(text)
        return
    if expected is None:
        assert load_positions(text) is None
        return
    assert_placed_as(expected, text)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=12),
        lambda kids: (
            st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4)
        ),
        max_leaves=15,
    ),
    st.sampled_from([None, True, False]),
    st.integers(min_value=2, max_value=6),
)
def test_positions_match_on_any_plain_document(data: Any, flow: bool | None, indent: int) -> None:
    """Documents written by ruamel.yaml in any style: each location, both loaders agree."""
    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = flow
    writer.indent(mapping=indent, sequence=indent + 2, offset=indent)
    out = io.StringIO()
    writer.dump({"doc": data, "after": [1, {"k": "v"}]}, out)
    text = out.getvalue()
    try:
        expected = load_round_trip(text)
    except YAMLError:
        return  # ruamel.yaml wrote what it cannot read back ("?0" unquoted): no reference
    assert_placed_as(expected, text)


@pytest.mark.parametrize(
    "text",
    [
        "? - type:",
        "? [a, {b: 1}]: x",
        "x: !!bool maybe",
        "x: !!int abc",
        'x: !!int ""',
        "x: !!int 0x",
    ],
)
def test_constructor_errors_are_problems(text: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_fast("title: A\n" + text + "\n", line_offset=1)
    assert (caught.value.code, caught.value.line) == ("IMH102", 2)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('type: reflection\ntitle: "bell\a"\n', 3, 13, "U+0007"),
        ("a: 1\nb: x\x01y\n", 3, 5, "U+0001"),
        ("a: 1\n\x00", 3, 1, "U+0000"),
    ],
)
def test_control_characters_have_places(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_fast(text, line_offset=1)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("IMH102", line, column)
    assert words in caught.value.message
    assert "tab" not in (caught.value.hint or "")


@pytest.mark.parametrize("text", ["a:\n\t- x\n", "a: 1\n\tb: 2\n"])
def test_tab_indentation_hint(text: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        load_fast(text)
    assert caught.value.hint == "YAML indentation uses spaces, not tabs"


def reference(text: str) -> Any:
    """ruamel's own constructor on the fast loader, without imh's direct builder."""
    loader = yamlio.FastLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def comparable(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, dict):
        return {repr(k): comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return (type(value).__name__, value)


LINES = st.sampled_from(
    [
        "a: 1",
        "b: [1, 2.5, x]",
        "c: {d: 2025-01-01}",
        "e: &x [1]",
        "f: *x",
        "<<: {g: 1}",
        "h: !!str 1",
        "i: yes",
        "j: ~",
        "k: 1e3",
        "a: 2",
        "? [1]: 2",
        "- 1",
        "l: |\n  text",
        "m: 2025-02-30",
        "1.1: achieved",
        "n: 010",
        "o: .nan",
        "p: 'q'",
        'r: "s\\n"',
        "  t: 1",
        "u:",
        "  - v",
        "  - w: 1",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=8).map("\n".join))
def test_direct_builder_matches_ruamel(text: str) -> None:
    try:
        expected = comparable(reference(text))
    except Exception:
        with pytest.raises(YamlProblem):
            load_fast(text)
        return
    assert comparable(load_fast(text)) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(YAML_BITS, max_size=30).map("".join))
def test_positions_match_on_front_matter_like_fragments(text: str) -> None:
    """Fragments of front matter in any order: where both loaders read one alike, they
    place it alike. (They read some differently: libyaml ends an anchor at ':'.)"""
    try:
        expected = load_round_trip(text)
        if load_fast(text) != expected:
            return
    except (YAMLError, YamlProblem, TypeError):  # TypeError: a mapping as a key
        return
    assert_placed_as(expected, text)


def test_a_document_nested_too_deep_is_not_placed() -> None:
    """Refused from libyaml's events, before any loader recurses (it took seconds)."""
    with pytest.raises(RecursionError):
        load_positions("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    deep_but_allowed = "a: " + "[" * 300 + "]" * 300 + "\nb: [" + "[1], " * 800 + "[2]]\n"
    assert locate(load_positions(deep_but_allowed), ("b", 800)) == (1, 4004)


def test_a_reused_anchor_is_placed_without_a_warning() -> None:
    """ruamel.yaml warns of an anchor used twice; imh's findings say what is wrong."""
    with pytest.raises(YAMLError):
        load_positions("&a{&a")
    assert locate(load_positions("a: &x 1\nb: &x 2\n"), ("b",)) == (1, 3)
