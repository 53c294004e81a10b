"""The simple front-matter reader gives exactly what the YAML loader gives, or declines."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imhcli.load import yaml_loaders
from imhcli.load.yaml_fast import construct_plain
from imhcli.load.yaml_simple import read_simple


def by_yaml(text: str) -> Any:
    """What the C-backed loader builds, without the simple reader in front of it."""
    loader = yaml_loaders.FastLoader(text)
    try:
        return construct_plain(loader, yaml_loaders.PLAIN_TAGS)
    finally:
        loader.dispose()


def typed(value: Any) -> Any:
    """``value`` with every scalar's type beside it: 1, 1.0 and True are not the same."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, repr(value))


def assert_same_or_declined(text: str) -> bool:
    """The simple reader's result equals the YAML loader's; True when it read ``text``."""
    simple = read_simple(text, yaml_loaders.plain_scalar)
    if simple is None:
        return False
    assert typed(simple) == typed(by_yaml(text)), text
    assert list(simple) == list(by_yaml(text)), "keys in the same order"
    return True


READ = [
    'type: reflection\ntitle: "A visit"\ndate: 2025-03-04\ncompetencies: ["1.04", "1.05"]\n',
    "type: cpd\ntitle: Course on infant cues\nhours: 1.5\nprovider: 'Trust: learning team'\n",
    "title: Baby's first weeks\nend: 2025-02-30\nparticipatory: true\ntags: [home visit, nmc]\n",
    "a: 1\nb: 1.0\nc: 0x1F\nd: 0o17\ne: 1_000\nf: .inf\ng: .Inf\nh: .nan\ni: null\nj: yes\n",
    "a: 2025-03-04 10:30\nb: 2025-03-04T10:30:00Z\nc: 10:30\nd: a:b\ne: a [b] {c}\n",
    "competencies: [1.04, '1.05', \"1.06\", 1.1]\nempty: []\nspaced: [ a , b ]\n",
    'title: "it\'s"\nother: \'say "hi"\'\nnon-ascii: Zoë’s café\nkey_with-dash: x\n',
]

DECLINED = [
    "",
    "\n\n",
    "# a comment\ntitle: x\n",
    "title: x # trailing comment\n",
    "tags:\n  - a\n",
    "title: |\n  block\n",
    "title: &a x\nother: *a\n",
    "title: !!str 1\n",
    'title: "escaped \\" quote"\n',
    "title: 'it''s'\n",
    "title: x\ntitle: y\n",
    "true: x\n",
    "title: x \n",
    "title:\tx\n",
    "title: x\r\n",
    " title: x\n",
    "title: -1\n",
    "title: ~\n",
    "title: a: b\n",
    "title: ends:\n",
    "tags: [a, , b]\n",
    "tags: [a,]\n",
    "tags: [a: b]\n",
    "tags: [[a]]\n",
    "tags: {a: b}\n",
    "tags: [a\n",
    "title: \u00a0x\n",
    "title: x\u2028y\n",
    "---\ntitle: x\n",
    "<<: x\n",
]


@pytest.mark.parametrize("text", READ)
def test_simple_front_matter_is_read_as_yaml_reads_it(text: str) -> None:
    assert assert_same_or_declined(text)


@pytest.mark.parametrize("text", DECLINED)
def test_anything_else_is_left_to_the_yaml_loader(text: str) -> None:
    assert read_simple(text, yaml_loaders.plain_scalar) is None


KEYS = st.sampled_from(["type", "title", "date", "hours", "tags", "a-b", "true", "x_1", "<<"])
#: Characters that matter to YAML, and ordinary ones.
ALPHABET = st.sampled_from(
    list("aZ09 .,:;-_?!#&*|>'\"%@`~[]{}()/\\+=\u00e9\u2019\u00a0\u2028\t\x85\x07")
)
SCALAR_TEXT = st.text(ALPHABET, min_size=1, max_size=12) | st.sampled_from(
    ["1", "1.5", "-2", "1e3", ".inf", "null", "true", "yes", "2025-03-04", "2025-02-30", "10:30"]
)
VALUE = st.one_of(
    SCALAR_TEXT,
    SCALAR_TEXT.map(lambda s: f'"{s}"'),
    SCALAR_TEXT.map(lambda s: f"'{s}'"),
    st.lists(SCALAR_TEXT | SCALAR_TEXT.map(lambda s: f'"{s}"'), max_size=4).map(
        lambda items: "[" + ", ".join(items) + "]"
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUE), min_size=1, max_size=6), st.booleans())
def test_any_front_matter_is_read_as_yaml_reads_it_or_declined(
    lines: list[tuple[str, str]], blank: bool
) -> None:
    text = "".join(f"{key}: {value}\n" + ("\n" if blank else "") for key, value in lines)
    try:
        by_yaml(text)
    except Exception:  # the YAML loader refuses it: the simple reader must decline
        assert read_simple(text, yaml_loaders.plain_scalar) is None
        return
    assert_same_or_declined(text)


@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from(list("ab: -[]\"',#\n1.")), max_size=40))
def test_any_text_is_read_as_yaml_reads_it_or_declined(text: str) -> None:
    try:
        by_yaml(text)
    except Exception:
        assert read_simple(text, yaml_loaders.plain_scalar) is None
        return
    assert_same_or_declined(text)
