"""Walking a portfolio's folders: the files to read, and why any other is left out.

Dot-files, dot-folders, private/ and .imhignore matches are skipped; a link is
followed only while it stays inside the portfolio; a file name that is not UTF-8
is reported, never read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from imhcli.base.files import describe_mode
from imhcli.base.walker import DESCEND, Descend, first_visit, is_dir, walk_tree
from imhcli.diagnostics import Finding
from imhcli.load.ignore import IgnoreRules

PRIVATE_DIR = "private"


Found = tuple[str, Finding | None]


def walk(root: Path, start: str, ignore: IgnoreRules) -> Iterator[Found]:
    """Yield ``(relative path, problem)`` for the files under ``root/start``.

    Dot-files, dot-folders, private/ and .imhignore matches are left out.
    Links are followed only while they stay inside the portfolio; a link that
    leaves it, dangles or loops is yielded with an IMH109 finding instead.
    """
    top = root / start
    if not top.is_dir():
        return
    real_root = root.resolve()
    visited: set[str] = {os.path.realpath(top)}

    def choose(rel: str, item: os.DirEntry[str], linked: bool) -> Found | Descend | None:
        if item.name.startswith(".") or ignore.ignored(rel, is_dir=is_dir(item)):
            return None
        if not _utf8_name(item.name):
            return printable(rel), _BAD_NAME
        if item.is_symlink():
            problem = _link_problem(item.path, real_root)
            if problem is not None:
                return rel, problem
        if is_dir(item):
            return DESCEND if first_visit(item.path, visited) else None
        return rel, None if item.is_file() else _special_file(item)

    yield from walk_tree(str(root), start, choose, _unreadable)


def _unreadable(rel: str, exc: OSError) -> Found:
    return rel, Finding("IMH109", f"folder cannot be read: {exc.strerror or exc}")


_BAD_NAME = Finding(
    "IMH108",
    "file name is not valid UTF-8; the file was not read",
    "rename it: bundles, reports and other tools need UTF-8 file names",
)


def _utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.scandir keeps undecodable bytes as lone surrogates
        return False
    return True


def printable(text: str) -> str:
    """``text`` with the bytes a file name could not decode shown as ``?``, safe to print."""
    if _utf8_name(text):
        return text
    return text.encode("utf-8", "replace").decode("utf-8")


def _special_file(item: os.DirEntry[str]) -> Finding:
    """A FIFO, device or socket: never opened, since reading one may block or never end."""
    try:
        what = describe_mode(item.stat().st_mode)
    except OSError:
        what = "a special file"
    return Finding(
        "IMH109",
        f"{what}, not a regular file; it was not read",
        "remove it: a portfolio holds plain files and folders",
    )


def _link_problem(path: str, real_root: Path) -> Finding | None:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError):
        return Finding(
            "IMH109",
            "symbolic link is broken or loops back on itself; it was not read",
            "remove the link or point it at a file inside the portfolio",
        )
    inside = target == real_root or real_root in target.parents
    private = real_root / PRIVATE_DIR
    if not inside or target == private or private in target.parents:
        return Finding(
            "IMH109",
            "symbolic link points outside the portfolio (or into private/); it was not read",
            "copy the file into the portfolio instead of linking to it",
        )
    return None
