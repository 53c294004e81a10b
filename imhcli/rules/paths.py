"""Paths an entry points at: `evidence:` and `about:`."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from imhcli.base.files import real_path
from imhcli.diagnostics import Finding, Loc
from imhcli.errors import UnsafeFileError
from imhcli.load.denylist import deny_list_bytes
from imhcli.load.portfolio import Entry, Portfolio, Record
from imhcli.load.walk import PRIVATE_DIR
from imhcli.rules import entry_rule, portfolio_rule

#: Where portfolio.memo keeps the real location of each folder (see base.files.real_path).
REAL_FOLDERS = "real-folders"
#: Where portfolio.memo keeps each evidence path's problem, or None.
PATH_PROBLEMS = "path-problems"


def known_path_problem(portfolio: Portfolio, ref: str) -> tuple[str, str, str] | None:
    """:func:`path_problem`, worked out once per portfolio and path (rules ask twice)."""
    known: dict[str, tuple[str, str, str] | None] = portfolio.memo.setdefault(PATH_PROBLEMS, {})
    if ref not in known:
        known[ref] = path_problem(portfolio, ref)
    return known[ref]


def path_problem(portfolio: Portfolio, ref: str) -> tuple[str, str, str] | None:
    """Why ``ref`` cannot be used as a portfolio path: (code, message, hint), or None."""
    if "\\" in ref:
        return (
            "IMH203",
            f"path {ref!r} uses backslashes",
            "write paths with /, e.g. evidence/a.pdf",
        )
    pure = PurePosixPath(ref)
    if pure.is_absolute() or ref.startswith("~") or (len(ref) > 1 and ref[1] == ":"):
        return (
            "IMH204",
            f"path {ref!r} is absolute",
            "write it relative to portfolio.yaml's folder",
        )
    # `evidence/../evidence/a.pdf` and `./evidence/a.pdf` stay inside; judge the normal form.
    normal = posixpath.normpath(ref)
    parts = PurePosixPath(normal).parts
    if parts[:1] == ("..",):
        return (
            "IMH204",
            f"path {ref!r} leaves the portfolio",
            "keep evidence inside the portfolio",
        )
    if parts and parts[0] == PRIVATE_DIR:
        return (
            "IMH204",
            f"path {ref!r} points into private/, which is never bundled",
            "move the file to evidence/ if an assessor may see it",
        )
    if any(p.startswith(".") for p in parts):
        return ("IMH204", f"path {ref!r} is a hidden file, not part of the portfolio", "rename it")
    if portfolio.ignore and portfolio.ignore.ignored(normal):
        return ("IMH204", f"path {ref!r} is excluded by .imhignore", "remove it from .imhignore")
    if portfolio.files is not None:
        return _payload_problem(portfolio.files.names, normal)
    root = str(portfolio.root)
    full = os.path.join(root, ref)  # noqa: PTH118 - strings: asked for every evidence path
    if not os.path.lexists(full):
        return ("IMH203", f"{ref!r} does not exist", _nearby(portfolio.root, ref))
    real = real_path(full, portfolio.memo.setdefault(REAL_FOLDERS, {}))
    if real is None or (real != root and not real.startswith(os.path.join(root, ""))):  # noqa: PTH118
        return ("IMH204", f"path {ref!r} is a link that leaves the portfolio", "copy the file in")
    if not os.path.exists(real):  # noqa: PTH110
        return ("IMH203", f"{ref!r} is a broken link", "point it at an existing file")
    return None


def _payload_problem(names: frozenset[str], ref: str) -> tuple[str, str, str] | None:
    """In a bundle: the path must be one of its files, or a folder holding some."""
    folder = ref.rstrip("/") + "/"
    if ref in names or any(name.startswith(folder) for name in names):
        return None
    return ("IMH203", f"{ref!r} is not in the bundle", "ask the practitioner for a new bundle")


def _nearby(root: Path, ref: str) -> str:
    from imhcli.base.words import closest

    folder = (root / ref).parent
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return "check the folder name; paths are relative to portfolio.yaml's folder"
    match = closest(PurePosixPath(ref).name, names)
    if match:
        return f"did you mean {PurePosixPath(ref).parent / match}?"
    return "check the spelling; paths are case-sensitive"


@entry_rule("IMH203", "IMH204", "IMH207")
def linked_paths(entry: Entry, portfolio: Portfolio) -> Iterator[Finding]:
    """IMH203: an `evidence:`, `about:` or `form:` path that does not exist.
    IMH204: one that leaves the portfolio, is absolute, or points into private/.
    IMH207: an `about:` path names an entry that is a draft (a warning: a bundle
    leaves drafts out, so it would refuse the reference).
    """
    if entry.data is None:
        return
    for field, index, ref in _linked(entry.data):
        loc: tuple[str | int, ...] = (field, index) if index is not None else (field,)
        problem = known_path_problem(portfolio, ref)
        if problem is not None:
            code, message, hint = problem
            yield Finding(code, f"`{field}`: {message}", hint, loc)
        elif field == "about" and _is_draft(portfolio, ref):
            yield Finding(
                "IMH207",
                f"`about`: {ref!r} is a draft, which a bundle leaves out",
                "finish that entry (remove `status: draft`) or remove it from `about:`",
                loc,
            )


def _linked(data: dict[Any, Any]) -> Iterator[tuple[str, int | None, str]]:
    """Every path an entry points at: (field, index in its list or None, path)."""
    for field in ("evidence", "about"):
        refs = data.get(field)
        if isinstance(refs, list):
            for index, ref in enumerate(refs):
                if isinstance(ref, str) and ref:
                    yield field, index, ref
    form = data.get("form")
    if isinstance(form, str) and form:
        yield "form", None, form


def _is_draft(portfolio: Portfolio, ref: str) -> bool:
    drafts = portfolio.memo.get("draft-paths")
    if drafts is None:
        drafts = frozenset(e.rel for e in portfolio.entries if not e.is_final)
        portfolio.memo["draft-paths"] = drafts
    return posixpath.normpath(ref) in drafts


@portfolio_rule("IMH203", "IMH204")
def deny_list_path(portfolio: Portfolio) -> Iterator[tuple[Record, Finding]]:
    """IMH203/IMH204: `privacy.deny_list` must name a file inside the portfolio.
    IMH109: one imh will not read (a FIFO or device, larger than 1 MiB, no access).
    """
    config = portfolio.config
    ref = config.privacy.deny_list if config else None
    if not ref:
        return
    pure = PurePosixPath(ref)
    loc = ("privacy", "deny_list")
    if pure.is_absolute() or ".." in pure.parts:
        yield (
            portfolio.config_record,
            Finding(
                "IMH204", f"deny-list {ref!r} leaves the portfolio", "keep it in private/", loc
            ),
        )
    else:
        problem = deny_list_bytes(portfolio)
        if isinstance(problem, UnsafeFileError):
            yield portfolio.config_record, _deny_list_problem(ref, problem, loc)


def _deny_list_problem(ref: str, problem: UnsafeFileError, loc: Loc) -> Finding:
    if problem.reason == "missing":
        return Finding(
            "IMH203", f"deny-list {ref!r} does not exist", "create it: one name per line", loc
        )
    if problem.reason == "outside":
        return Finding("IMH204", f"deny-list {ref!r}: {problem.message}", problem.hint, loc)
    return Finding("IMH109", f"deny-list {ref!r}: {problem.message}", problem.hint, loc)
