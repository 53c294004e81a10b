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
ignored, never trusted; nor is one made elsewhere, since every key is made with
a secret that lives in this user's cache folder (:func:`machine_secret`).

Computing the key reads every entry, which would cost more than the rest of a
cached check; so, as git and ruff do, a file's content hash is taken from the
last result while its size and modification time are unchanged. Only files that
were more than two seconds old when hashed are trusted this way: one written in
the same clock tick as it was read is always read again.

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
from dataclasses import dataclass
from functools import cache, lru_cache
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
    #: the framework and profile references in portfolio.yaml, and the hash of the
    #: portfolio.yaml they were read from (so an unchanged one is not parsed again)
    refs: list[str] = []
    refs_of: str = ""

    def relabelled(self, label: str) -> CachedCheck:
        """The same result with diagnostics named after ``label`` (paths depend on the cwd)."""
        diagnostics = [
            d if d.portfolio == label else d.model_copy(update={"portfolio": label})
            for d in self.diagnostics
        ]
        return self.model_copy(update={"diagnostics": diagnostics})


@dataclass(slots=True)
class Fingerprint:
    """A portfolio's key, and what to keep so the next key costs less to compute."""

    key: str
    hashes: dict[str, FileStat]
    refs: list[str]
    refs_of: str


def portfolio_key(root: Path, today: str, stored: CachedCheck | None = None) -> Fingerprint:
    """The hash of everything a check of the portfolio at ``root`` depends on.

    ``stored`` is the last result: its content hashes are reused for files whose
    size and modification time are unchanged (as git and ruff do), and its
    framework and profile references while portfolio.yaml is unchanged.
    """
    import imhcli

    digest = hashlib.blake2b(digest_size=20, key=machine_secret())
    digest.update(f"imh {imhcli.__version__}\0cache {CACHE_SCHEMA}\0{today}\0".encode())
    walker = _Walker(stored.hashes if stored is not None else {})
    config = ""
    for rel, mark in walker.files(root):
        digest.update(f"{rel}\0{mark}\0".encode("utf-8", "surrogateescape"))
        if rel == _CONFIG:
            config = mark
    if stored is not None and config and stored.refs_of == config:
        refs = stored.refs
    else:
        refs = _config_refs(root)
    for ref in refs:
        path = _resolve_ref(root, ref)
        if path is not None:
            digest.update(f"ref {path}\0{_hash_file(path)}\0".encode("utf-8", "surrogateescape"))
    return Fingerprint(digest.hexdigest(), walker.fresh, refs, config)


_CONFIG = "portfolio.yaml"
FileStat = tuple[int, int, str]
#: A file modified this recently when hashed may change again within the same
#: timestamp tick, so its hash is not reused on the strength of its time alone.
_RACY_NS = 2_000_000_000


class _Walker:
    """Lists a portfolio's files with a content hash (entries, YAML, text) or a presence mark.

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
                    items = sorted(it, key=_name)
            except OSError as exc:
                yield prefix, f"unreadable:{exc.errno}"
                continue
            subdirs = []
            for item in items:
                name = item.name
                if name[0] == "." and name != ".imhignore":
                    continue
                if _is_dir(item):
                    if not item.is_symlink() or _first_visit(item.path, seen):
                        subdirs.append((item.path, f"{prefix}{name}/"))
                elif name.endswith(_CONTENT_SUFFIXES):
                    yield prefix + name, self.content_mark(item, prefix + name)
                else:
                    yield prefix + name, _presence_mark(item)
            stack.extend(reversed(subdirs))

    def content_mark(self, item: os.DirEntry[str], rel: str) -> str:
        """The content hash, reused from the last check when size and time are unchanged."""
        try:
            stat = item.stat()
            known = self.known.get(rel)
            if known is not None and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
                found = known[2]
            else:
                found = _hash_path(item.path, stat.st_size)
            if stat.st_mtime_ns < self.stamp - _RACY_NS:
                self.fresh[rel] = (stat.st_size, stat.st_mtime_ns, found)
            return found
        except OSError as exc:
            return f"unreadable:{exc.errno}"


def _hash_path(path: str, size: int) -> str:
    """The content hash of a file, read with one system call where its size allows."""
    fd = os.open(path, os.O_RDONLY)
    try:
        data = os.read(fd, size + 1)
        digest = hashlib.blake2b(data, digest_size=16)
        while len(data) > size:  # it grew since the stat: read the rest
            data = os.read(fd, 1 << 20)
            if not data:
                break
            digest.update(data)
            size += len(data)
        return digest.hexdigest()
    finally:
        os.close(fd)


def _name(item: os.DirEntry[str]) -> str:
    return item.name


def _presence_mark(item: os.DirEntry[str]) -> str:
    """Other files (evidence) matter to a check only by existing: a link by its target's."""
    if item.is_symlink():
        return f"link:{os.path.realpath(item.path)}:{Path(item.path).exists()}"
    return "file"


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
        stat = path.stat()
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return _hash_unchanged(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _hash_unchanged(path: str, size: int, mtime_ns: int) -> str:
    """A framework or profile file's hash, computed once per process while it is unchanged."""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _config_refs(root: Path) -> list[str]:
    """The `framework:` and `requirements:` values of portfolio.yaml, as written."""
    from imhcli.load.yaml_loaders import load_fast

    try:
        data = load_fast((root / _CONFIG).read_text(encoding="utf-8-sig"))
    except Exception:  # the check reports whatever is wrong with the file
        return []
    if not isinstance(data, dict):
        return []
    refs = [data.get("framework")]
    requirements = data.get("requirements")
    if isinstance(requirements, list):
        refs.extend(requirements)
    return [ref for ref in refs if isinstance(ref, str)]


def _resolve_ref(root: Path, ref: str) -> Path | None:
    """The file a reference names when it lies outside the portfolio (the walk has the rest)."""
    from imhcli.base import resources

    try:
        bundled = resources.bundled_framework(ref) or resources.bundled_profile(ref)
        if bundled is not None:
            return bundled
        path = (root / ref).resolve()
        inside = path == root or root.resolve() in path.parents
        return None if inside or not path.is_file() else path
    except (OSError, RuntimeError, ValueError):  # a NUL byte, a loop: the check reports it
        return None


class PortfolioCache:
    """The stored result of one portfolio: read it if its key matches, replace it after a check."""

    def __init__(self, root: Path, today: str) -> None:
        self.root = root
        self.stored = self._read()
        self.fingerprint = portfolio_key(root, today, self.stored)

    @classmethod
    def open(cls, root: Path, today: str) -> PortfolioCache | None:
        """The portfolio's cache, or None if even its key cannot be worked out.

        The cache only saves time: whatever goes wrong with it, the check goes on
        without it and reports the portfolio's problems itself.
        """
        try:
            return cls(root, today)
        except Exception:
            return None

    @property
    def key(self) -> str:
        return self.fingerprint.key

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
        found = self.fingerprint
        if (self.stored.hashes, self.stored.refs_of) != (found.hashes, found.refs_of):
            self.put(self.stored)  # keep what makes the next key cheaper (files now old enough)
        return self.stored

    def put(self, result: CachedCheck) -> None:
        """Store a fresh result; a folder that cannot be written is skipped, never an error."""
        found = self.fingerprint
        kept = {"hashes": found.hashes, "refs": found.refs, "refs_of": found.refs_of}
        try:
            data = result.model_copy(update=kept).model_dump_json().encode()
        except ValueError:  # text JSON cannot hold: keep no result rather than a wrong one
            return
        for folder in _candidate_folders(self.root):
            if _write(folder, data):
                return

    @staticmethod
    def exists(root: Path) -> bool:
        """Whether any result is stored for ``root`` (without reading or keying it)."""
        return any((folder / _RESULT_FILE).is_file() for folder in _candidate_folders(root))

    def without_result(self) -> PortfolioCache:
        """This cache with the stored result dropped: light to send to a worker process."""
        self.stored = None
        return self


def _candidate_folders(root: Path) -> list[Path]:
    return [root / CACHE_DIR, user_cache_folder(root)]


@cache
def user_cache_root() -> Path:
    """imh's folder in the user's cache (XDG_CACHE_HOME, or ~/.cache; LOCALAPPDATA on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "imh"


@cache
def machine_secret() -> bytes:
    """A random key kept in the user cache folder, mixed into every cache key.

    A result stored under another machine's (or user's) secret never matches here,
    so a `.imh-cache/` that came with a portfolio, forged or not, is never trusted.
    Without a writable user cache folder there is no secret, and no such protection.
    """
    path = user_cache_root() / "secret"
    try:
        found = path.read_bytes()
    except FileNotFoundError:
        found = b""
    except OSError:
        return b""
    if len(found) == _SECRET_BYTES:
        return found
    try:
        return _new_secret(path, replace=bool(found))
    except OSError:
        return b""


def _new_secret(path: Path, *, replace: bool) -> bytes:
    """Write a fresh secret whole (through a temporary file); if another process was
    first, use theirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
    try:
        secret = os.urandom(_SECRET_BYTES)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
        if replace:
            Path(tmp).replace(path)
            return secret
        try:
            os.link(tmp, path)
        except FileExistsError:
            return path.read_bytes()
        return secret
    finally:
        Path(tmp).unlink(missing_ok=True)


_SECRET_BYTES = 32


def user_cache_folder(root: Path) -> Path:
    """The user-cache folder used for ``root`` when ``root`` cannot hold ``.imh-cache/``."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
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
