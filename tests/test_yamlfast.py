"""The direct constructor gives exactly what ruamel's own constructor gives, or defers to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from imhcli.load import yaml_loaders as yamlio
from imhcli.load.frontmatter import split
from imhcli.load.yaml_fast import construct_plain

ROOT = Path(__file__).resolve().parent.parent


def both(text: str) -> tuple[str, str]:
    """repr of (result or exception) from ruamel's constructor and from the direct one."""
    return _outcome(text, lambda loader: loader.get_single_data()), _outcome(
        text, lambda loader: construct_plain(loader, yamlio.PLAIN_TAGS)
    )


def _outcome(text: str, construct: Any) -> str:
    loader = yamlio.FastLoader(text)
    try:
        data = construct(loader)
    except Exception as exc:
        return f"raised {type(exc).__name__}: {exc}"
    finally:
        loader.dispose()
    return _typed(data)


def _typed(data: Any, inside: frozenset[int] = frozenset()) -> str:
    """repr that also tells True from 1 and 1.0 from 1 inside containers.

    A container that holds itself (``&x`` merged into its own mapping) reads ``<cycle>``.
    """
    if isinstance(data, (dict, list)):
        if id(data) in inside:
            return "<cycle>"
        inside = inside | {id(data)}
    if isinstance(data, dict):
        items = (f"{_typed(k, inside)}: {_typed(v, inside)}" for k, v in data.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(_typed(v, inside) for v in data) + "]"
    return f"{type(data).__name__}({data!r})"


def front_matters() -> list[str]:
    found = []
    for path in sorted([*ROOT.glob("tests/cases/**/*.md"), *ROOT.glob("examples/**/*.md")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = split(text)
        if parts.yaml is not None:
            found.append(parts.yaml)
    return found


FIXED = [
    "a: 1\nb: 1.5\nc: true\nd: ~\ne: 2025-03-04\nf: 2025-02-30\ng: no\nh: 0x1F\ni: 1e3\n",
    "a: &x [1, 2]\nb: *x\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "a: 1\na: 2\n",
    "? [a, b]\n: 1\n",
    "a: !!str 1\nb: !!int '7'\nc: !!bool maybe\n",
    "1.10: x\n1.1: y\ntrue: z\nnull: w\n",
    "ratings:\n  '1.01': achieved\n  1.02: working-towards\n",
    "a: .inf\nb: -.Inf\nc: .nan\nd: 1_000\ne: +12\nf: 2025-03-04T10:00:00Z\n",
    "",
    "just a string\n",
    "- a\n- b: [c, {d: e}]\n",
    "a: !custom x\n",
]


@pytest.mark.parametrize("text", FIXED)
def test_odd_documents_match(text: str) -> None:
    old, new = both(text)
    assert new == old


def test_every_front_matter_in_the_repository_matches() -> None:
    texts = front_matters()
    assert len(texts) > 50
    for text in texts:
        old, new = both(text)
        assert new == old, text


_TOKENS = st.sampled_from(
    [
        "a", "b", "1", "1.0", "1.10", "true", "no", "~", "null", "2025-03-04", "2025-13-01",
        "0x1f", "0o17", "1e3", ".inf", "'q'", '"d"', "[", "]", "{", "}", ",", ": ", "\n",
        "  ", "- ", "&x ", "*x", "!!str ", "!!int ", "<<: ", "? ", "#c", "|\n  t\n",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=30).map("".join))
@example("&x\na<<: *x")  # a mapping merged into itself
def test_random_documents_match(text: str) -> None:
    old, new = both(text)
    assert new == old
