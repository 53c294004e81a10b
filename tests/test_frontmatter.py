"""Splitting an entry into front matter and body; decoding its bytes."""

from __future__ import annotations

import pytest

from imhcli.load.frontmatter import DecodeProblem, decode, split


@pytest.mark.parametrize(
    ("text", "yaml", "body", "body_line"),
    [
        ("---\na: 1\n---\nbody\n", "a: 1\n", "body\n", 4),
        ("---\na: 1\n...\nbody\n", "a: 1\n", "body\n", 4),
        ("--- \na: 1\n---  \nbody\n", "a: 1\n", "body\n", 4),
        ("---\na: 1\nb: 2\n---", "a: 1\nb: 2\n", "", 5),
        ("---\n---\n", "", "", 3),
        ("---\na: |\n  text\n---\n\n# Title\n", "a: |\n  text\n", "\n# Title\n", 5),
    ],
)
def test_split(text: str, yaml: str, body: str, body_line: int) -> None:
    parts = split(text)
    assert (parts.yaml, parts.body, parts.yaml_line, parts.body_line) == (yaml, body, 2, body_line)
    assert parts.problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "missing"),
        ("# Title\n", "missing"),
        ("\n---\na: 1\n---\n", "missing"),
        ("----\na: 1\n----\n", "missing"),
        ("---", "unterminated"),
        ("---\na: 1\n", "unterminated"),
        ("---\na: 1\n----\n", "unterminated"),
    ],
)
def test_split_problems(text: str, problem: str) -> None:
    parts = split(text)
    assert (parts.yaml, parts.problem, parts.body) == (None, problem, text)


def test_decode_normalises() -> None:
    assert decode(b"\xef\xbb\xbf---\r\na: 1\r\n") == "---\na: 1\n"
    assert decode("Zoë".encode()) == "Zoë"


@pytest.mark.parametrize(
    ("raw", "line", "column", "words"),
    [
        (b"\xff\xfe-\x00-\x00", None, None, "UTF-16"),
        (b"\xfe\xff\x00-", None, None, "UTF-16"),
        (b"\xff\xfe\x00\x00-\x00\x00\x00", None, None, "UTF-32"),
        (b"\x00\x00\xfe\xff\x00\x00\x00-", None, None, "UTF-32"),
        (b"ab\ncd\x00", 2, 3, "binary"),
        (b"ab\ncaf\xe9\n", 2, 4, "0xe9"),
        (b"\xef\xbb\xbfab\n\xc3", 2, 1, "UTF-8"),
    ],
)
def test_decode_problems(raw: bytes, line: int | None, column: int | None, words: str) -> None:
    found = decode(raw)
    assert isinstance(found, DecodeProblem)
    assert (found.line, found.column) == (line, column)
    assert words in found.message
