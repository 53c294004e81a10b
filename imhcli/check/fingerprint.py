"""The key of a cached check: a hash of everything a portfolio's check depends on.

That is the tool version and the date of the check (IMH301 and the requirement
windows depend on it), the content of every entry, portfolio.yaml, .imhignore,
the deny-list and the framework and requirement-profile files the portfolio
names (bundled or not), and the names of every other file in the portfolio
(evidence paths must exist; their content does not matter to a check).

Computing the key reads every entry, which would cost more than the rest of a
cached check; so, as git and ruff do, a file's content hash is taken from the
last result while its size and modification time are unchanged. Only files that
were more than two seconds old when hashed are trusted this way: one written in
the same clock tick as it was read is always read again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

#: Files whose content (not only their name) is part of the key.
_CONTENT_SUFFIXES = (".md", ".yaml", ".yml", ".txt", ".imhignore")


class Known(Protocol):
    """What the last key of a portfolio left behind, to make this one cheaper."""

    hashes: dict[str, FileStat]
    refs: list[str]
    refs_of: str


@dataclass(slots=True)
class Fingerprint:
    """A portfolio's key, and what to keep so the next key costs less to compute."""

    key: str
    hashes: dict[str, FileStat]
    refs: list[str]
    refs_of: str


def portfolio_key(
    root: Path, today: str, *, secret: bytes, schema: int, known: Known | None = None
) -> Fingerprint:
    """The hash of everything a check of the portfolio at ``root`` depends on.

    ``secret`` keys the hash (see :func:`imhcli.check.cache.machine_secret`) and
    ``schema`` is the cache's format version. ``known`` is what the last key left:
    its content hashes are reused for files whose size and modification time are
    unchanged (as git and ruff do), and its framework and profile references while
    portfolio.yaml is unchanged.
    """
    import imhcli

    digest = hashlib.blake2b(digest_size=20, key=secret)
    digest.update(f"imh {imhcli.__version__}\0cache {schema}\0{today}\0".encode())
    walker = _Walker(known.hashes if known is not None else {})
    config = ""
    for rel, mark in walker.files(root):
        digest.update(f"{rel}\0{mark}\0".encode("utf-8", "surrogateescape"))
        if rel == _CONFIG:
            config = mark
    if known is not None and config and known.refs_of == config:
        refs = known.refs
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
