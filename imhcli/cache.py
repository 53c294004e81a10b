"""A cache of check results, so that re-checking an unchanged portfolio costs almost nothing.

A result is stored per portfolio under a *key*: a hash of everything the result
depends on. That is the tool version and the date of the check (IMH301 and the
requirement windows depend on it), the content of every entry, portfolio.yaml,
.imhignore, the deny-list and the framework and requirement-profile files the
portfolio names (bundled or not), and the names of every other file in the
portfolio (evidence paths must exist; their content does not matter to a check).

Rules that relate entries to each other (IMH501, coverage, requirements) make a
per-file cache unsafe on its own, so a result is reused only when the whole key
matches; when it does not, the portfolio is checked afresh and the new result
replaces the old one. A cache file that cannot be read or does not parse is
ignored, never trusted.

The cache lives in ``.imh-cache/`` at the portfolio root, a folder with its own
``.gitignore`` (git never sees it) and, being a dot-folder, never part of a
bundle. When the root is not writable it goes to the user's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from imhcli.diagnostics import Diagnostic

CACHE_DIR = ".imh-cache"
#: Bumped whenever the stored shape or the meaning of the key changes.
CACHE_SCHEMA = 1
_RESULT_FILE = f"check-v{CACHE_SCHEMA}.json"
#: Files whose content (not only their name) is part of the key.
_CONTENT_SUFFIXES = (".md", ".yaml", ".yml", ".txt", ".imhignore")
_MARKERS = {
    ".gitignore": "# Created by imh: this folder is a cache and never belongs in git.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by imh.\n",
}


class CachedCheck(BaseModel):
    """What checking one portfolio gave: the files read, the diagnostics, a cohort row."""

    key: str
    files: list[str]
    diagnostics: list[Diagnostic]
    row: dict[str, Any] | None = None
    #: rel -> (size, mtime_ns, content hash) of files that were older than 2 s when hashed
    hashes: dict[str, tuple[int, int, str]] = {}

    def relabelled(self, label: str) -> CachedCheck:
        """The same result with diagnostics named after ``label`` (paths depend on the cwd)."""
        diagnostics = [
            d if d.portfolio == label else d.model_copy(update={"portfolio": label})
            for d in self.diagnostics
        ]
        return self.model_copy(update={"diagnostics": diagnostics})


def portfolio_key(
    root: Path, today: str, known: Mapping[str, FileStat] | None = None
) -> tuple[str, dict[str, FileStat]]:
    """The hash of everything a check of the portfolio at ``root`` depends on.

    ``known`` holds content hashes from the last check by size and modification
    time; a file whose size and time are unchanged is not read again (as git and
    ruff do). Returns the key and the hashes to keep for the next check.
    """
    import imhcli

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"imh {imhcli.__version__}\0cache {CACHE_SCHEMA}\0{today}\0".encode())
    walker = _Walker(known or {})
    for rel, mark in walker.files(root):
        digest.update(f"{rel}\0{mark}\0".encode())
    for path in _outside_references(root):
        digest.update(f"ref {path}\0{_hash_file(path)}\0".encode())
    return digest.hexdigest(), walker.fresh


FileStat = tuple[int, int, str]
#: A file modified this recently when hashed may change again within the same
#: timestamp tick, so its hash is not reused on the strength of its time alone.
_RACY_NS = 2_000_000_000


class _Walker:
    """Lists a portfolio's files with a content hash or stat mark each.

    Written with ``os.scandir`` and plain strings: it runs for every file of every
    portfolio on every cached check, where pathlib's objects cost more than the rest.
    """

    def __init__(self, known: Mapping[str, FileStat]) -> None:
        self.known = known
        self.fresh: dict[str, FileStat] = {}
        self.stamp = time.time_ns()

    def files(self, root: Path) -> Iterator[tuple[str, str]]:
        seen: set[str] = set()
        stack = [(str(root), "")]
        while stack:
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as it:
                    items = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield prefix, f"unreadable:{exc.errno}"
                continue
            subdirs = []
            for item in items:
                name = item.name
                if name.startswith(".") and name != ".imhignore":
                    continue
                if _is_dir(item):
                    if not item.is_symlink() or _first_visit(item.path, seen):
                        subdirs.append((item.path, f"{prefix}{name}/"))
                else:
                    yield prefix + name, self.mark(item, prefix + name)
            stack.extend(reversed(subdirs))

    def mark(self, item: os.DirEntry[str], rel: str) -> str:
        try:
            stat = item.stat()
            if not item.name.endswith(_CONTENT_SUFFIXES):
                return f"s{stat.st_size}:{stat.st_mtime_ns}"
            known = self.known.get(rel)
            if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
                found = known[2]
            else:
                with open(item.path, "rb") as handle:  # noqa: PTH123 - see the class doc
                    found = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
            if stat.st_mtime_ns < self.stamp - _RACY_NS:
                self.fresh[rel] = (stat.st_size, stat.st_mtime_ns, found)
            return found
        except OSError as exc:
            return f"unreadable:{exc.errno}"


def _first_visit(path: str, seen: set[str]) -> bool:
    """False for a linked folder already walked (a link loop, or two links to one place)."""
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False


def _hash_file(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _outside_references(root: Path) -> list[Path]:
    """Framework and profile files the portfolio names that lie outside it (bundled ones too)."""
    from imhcli.portfolio import PORTFOLIO_FILE
    from imhcli.yamlio import load_fast

    try:
        data = load_fast((root / PORTFOLIO_FILE).read_text(encoding="utf-8-sig"))
    except Exception:  # the check reports whatever is wrong with the file
        return []
    if not isinstance(data, dict):
        return []
    refs = [data.get("framework")]
    requirements = data.get("requirements")
    if isinstance(requirements, list):
        refs.extend(requirements)
    return [p for ref in refs if isinstance(ref, str) and (p := _resolve_ref(root, ref))]


def _resolve_ref(root: Path, ref: str) -> Path | None:
    from imhcli import resources

    bundled = resources.bundled_framework(ref) or resources.bundled_profile(ref)
    if bundled is not None:
        return bundled
    try:
        path = (root / ref).resolve()
    except (OSError, RuntimeError):
        return None
    inside = path == root or root.resolve() in path.parents
    return None if inside or not path.is_file() else path


class PortfolioCache:
    """The stored result of one portfolio: read it if its key matches, replace it after a check."""

    def __init__(self, root: Path, today: str) -> None:
        self.root = root
        self.stored = self._read()
        known = self.stored.hashes if self.stored is not None else None
        self.key, self.hashes = portfolio_key(root, today, known)

    @classmethod
    def open(cls, root: Path, today: str) -> PortfolioCache:
        return cls(root, today)

    def _read(self) -> CachedCheck | None:
        for folder in _candidate_folders(self.root):
            try:
                return CachedCheck.model_validate_json((folder / _RESULT_FILE).read_bytes())
            except (OSError, ValueError, ValidationError):
                continue
        return None

    def get(self) -> CachedCheck | None:
        """The stored result if it was made under the same key; None otherwise."""
        if self.stored is None or self.stored.key != self.key:
            return None
        if self.stored.hashes != self.hashes:
            self.put(self.stored)  # files old enough to trust by their time now: keep it
        return self.stored

    def put(self, result: CachedCheck) -> None:
        """Store a fresh result; a folder that cannot be written is skipped, never an error."""
        data = result.model_copy(update={"hashes": self.hashes}).model_dump_json().encode()
        for folder in _candidate_folders(self.root):
            if _write(folder, data):
                return


def _candidate_folders(root: Path) -> list[Path]:
    return [root / CACHE_DIR, user_cache_folder(root)]


@cache
def user_cache_root() -> Path:
    """imh's folder in the user's cache (XDG_CACHE_HOME, or ~/.cache; LOCALAPPDATA on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "imh"


def user_cache_folder(root: Path) -> Path:
    """The user-cache folder used for ``root`` when ``root`` cannot hold ``.imh-cache/``."""
    name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return user_cache_root() / name


def _write(folder: Path, data: bytes) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in _MARKERS.items():
            marker = folder / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(folder / _RESULT_FILE)
    except OSError:
        return False
    return True


def clear(root: Path | None = None) -> list[Path]:
    """Delete the cache of the portfolio at ``root`` (both places), or with None all of the
    user-cache folder. Returns the folders removed."""
    folders = _candidate_folders(root) if root is not None else [user_cache_root()]
    removed = []
    for folder in folders:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
