""".imhignore: the gitignore patterns practitioners write."""

from __future__ import annotations

from pathlib import Path

import pytest

from imhcli.load.ignore import IgnoreRules


@pytest.mark.parametrize(
    ("patterns", "path", "is_dir", "ignored"),
    [
        (["*.tmp.md"], "entries/2025/a.tmp.md", False, True),
        (["*.tmp.md"], "entries/2025/a.md", False, False),
        (["scratch/"], "entries/scratch/a.md", False, True),
        (["scratch/"], "entries/scratch", False, False),  # a file called scratch
        (["scratch/"], "entries/scratch", True, True),
        (["/entries/old"], "entries/old/a.md", False, True),
        (["/old"], "entries/old/a.md", False, False),  # anchored to the root
        (["entries/*.md"], "entries/a.md", False, True),
        (["entries/*.md"], "entries/2025/a.md", False, False),  # * stops at /
        (["entries/**/*.md"], "entries/2025/03/a.md", False, True),
        (["entries/**/*.md"], "entries/a.md", False, True),
        (["**/drafts"], "entries/x/drafts/a.md", False, True),
        (["entries/**"], "entries/a.md", False, True),
        (["a?.md"], "entries/ab.md", False, True),
        (["a?.md"], "entries/abc.md", False, False),
        (["[ab].md"], "entries/b.md", False, True),
        (["[!ab].md"], "entries/b.md", False, False),
        (["[!ab].md"], "entries/c.md", False, True),
        (["*.md", "!keep.md"], "entries/keep.md", False, False),
        (["*.md", "!keep.md", "keep.md"], "entries/keep.md", False, True),  # last match wins
        (["# a comment", "", "   "], "entries/a.md", False, False),
        (["\\#hash.md"], "entries/#hash.md", False, True),
        (["\\!bang.md"], "entries/!bang.md", False, True),
        (["notes.md   "], "entries/notes.md", False, True),  # trailing spaces dropped
        (["a.md"], "entries/xa.md", False, False),
        (["[unclosed"], "entries/[unclosed", False, True),
    ],
)
def test_patterns(patterns: list[str], path: str, is_dir: bool, ignored: bool) -> None:
    assert IgnoreRules(patterns).ignored(path, is_dir=is_dir) is ignored


def test_empty_rules_are_false() -> None:
    assert not IgnoreRules([])
    assert IgnoreRules(["*.tmp"])


def test_read_from_root(tmp_path: Path) -> None:
    root = tmp_path
    assert not IgnoreRules.for_root(root)
    (root / ".imhignore").write_bytes(b"\xef\xbb\xbfscratch/\r\n\xff\n")
    rules = IgnoreRules.for_root(root)
    assert rules.ignored("entries/scratch/a.md")
