"""A portfolio's cache key: a hash of everything a check of it depends on.

That is the tool version and the date of the check (IMH301 and the requirement
windows depend on it), the content of every entry, portfolio.yaml, .imhignore
and other text file, the content of the deny-list, framework and requirement
profiles portfolio.yaml names (whatever their names, inside the portfolio or
not, bundled or not), the identity of the git index of the repository holding
the portfolio (IMH407), and the names of every other file (evidence paths must
exist; a PDF's content does not matter to a check).

Computing the key reads every such file, which would cost more than the rest of
a cached check; so, as git does, a file's content hash is taken from the last
result while its identity is unchanged: size, modification time, change time
and inode (:func:`~imhcli.base.files.file_identity`). An edit that restores the
modification time (``touch -r``) still moves the change time, which no ordinary
program can set back. Only files whose times were more than two seconds old when
hashed are trusted this way: one changed in the same clock tick as it was read
is always read again.

Files are read through :func:`~imhcli.base.files.safe_read`: a FIFO or device
is marked by its type and never opened, a link leaving the portfolio by its target.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from imhcli.base.files import FileKind, file_identity, safe_read_stat
from imhcli.base.git import git_index_mark
from imhcli.base.walker import DESCEND, Descend, first_visit, is_dir, walk_tree
from imhcli.errors import UnsafeFileError

#: Files whose content (not only their name) is part of the key.
CONTENT_SUFFIXES = (
    ".md",
    ".markdown",
    ".yaml",
    ".yml",
    ".txt",
    ".imhignore",
    ".csv",
    ".tsv",
    ".json",
    ".html",
    ".htm",
)
#: (size, mtime_ns, ctime_ns, inode, content hash) of a file hashed when it was old enough.
FileStat = tuple[int, int, int, int, str]
#: A file changed this recently when hashed may change again within the same
#: timestamp tick, so its hash is not reused on the strength of its identity alone.
RACY_NS = 2_000_000_000
_CONFIG = "portfolio.yaml"
#: Most bytes hashed of one file; a larger one is known by its identity instead.
_HASHED = FileKind("file", 64 * 1024 * 1024)


@dataclass(slots=True)
class Fingerprint:
    """A portfolio's key, and what to keep so the next key costs less to compute."""

    key: str
    hashes: dict[str, FileStat]
    refs: list[str]
    refs_of: str


class Known(Protocol):
    """What the last key of a portfolio left behind, to make this one cheaper."""

    hashes: dict[str, FileStat]
    refs: list[str]
    refs_of: str


def portfolio_key(
    root: Path, today: str, *, secret: bytes, schema: int, known: Known | None = None
) -> Fingerprint:
    """The hash of everything a check of the portfolio at ``root`` depends on.

    ``secret`` keys the hash (see :func:`imhcli.check.cache.machine_secret`) and
    ``schema`` is the cache's format version. ``known`` is what the last key left:
    its content hashes are reused for files whose identity is unchanged, and its
    references while portfolio.yaml is unchanged.
    """
    import imhcli

    digest = hashlib.blake2b(digest_size=20, key=secret)
    digest.update(f"imh {imhcli.__version__}\0cache {schema}\0{today}\0".encode())
    walker = _Walker(root, known.hashes if known is not None else {})
    config = ""
    for rel, mark in walker.files():
        digest.update(f"{rel}\0{mark}\0".encode("utf-8", "surrogateescape"))
        if rel == _CONFIG:
            config = mark
    if known is not None and config and known.refs_of == config:
        refs = known.refs
    else:
        refs = config_refs(root)
    for ref in refs:
        mark = _ref_mark(root, ref)
        digest.update(f"ref {ref}\0{mark}\0".encode("utf-8", "surrogateescape"))
    # IMH407 depends on what git tracks: any `git add` changes the index.
    digest.update(f"git {git_index_mark(root)}\0".encode("utf-8", "surrogateescape"))
    return Fingerprint(digest.hexdigest(), walker.fresh, refs, config)


class _Walker:
    """Lists a portfolio's files with a content hash (text files) or a presence mark.

    Written with ``os.scandir`` and plain strings: it runs for every file of every
    portfolio on every cached check, where pathlib's objects cost more than the rest.
    """

    def __init__(self, root: Path, known: Mapping[str, FileStat]) -> None:
        self.root = root
        self.known = known
        self.fresh: dict[str, FileStat] = {}
        self.stamp = time.time_ns()
        self.seen: set[str] = set()

    def files(self) -> Iterator[tuple[str, str]]:
        """Every file's relative path and mark; dot-files and dot-folders left out."""
        return walk_tree(str(self.root), "", self.choose, _unreadable)

    def choose(
        self, rel: str, item: os.DirEntry[str], linked: bool
    ) -> tuple[str, str] | Descend | None:
        """A file's mark; DESCEND for a folder (a linked one only once)."""
        name = item.name
        if name[0] == "." and name != ".imhignore":
            return None
        if is_dir(item):
            first = not item.is_symlink() or first_visit(item.path, self.seen)
            return DESCEND if first else None
        if name.endswith(CONTENT_SUFFIXES):
            return rel, self.content_mark(item, rel, linked)
        return rel, _presence_mark(item)

    def content_mark(self, item: os.DirEntry[str], rel: str, linked: bool) -> str:
        """The content hash, reused from the last check while the file's identity holds."""
        try:
            found = item.stat()
        except OSError as exc:
            return f"unreadable:{exc.errno}"
        if not stat.S_ISREG(found.st_mode):
            return f"special:{stat.S_IFMT(found.st_mode)}"  # never opened: it may block
        known = self.known.get(rel)
        if known is not None and known[:4] == file_identity(found)[:4]:
            self.fresh[rel] = known
            return known[4]
        root = self.root if linked or item.is_symlink() else None
        mark, read = _content_hash(Path(item.path), root)
        if read is not None and max(read.st_mtime_ns, read.st_ctime_ns) < self.stamp - RACY_NS:
            self.fresh[rel] = (*file_identity(read)[:4], mark)
        return mark


def _content_hash(path: Path, root: Path | None) -> tuple[str, os.stat_result | None]:
    """A file's content hash and the ``fstat`` of what was hashed; a refusal's reason instead."""
    try:
        data, found = safe_read_stat(path, _HASHED, root=root)
    except UnsafeFileError as exc:
        return f"{exc.reason}:{_identity_text(path)}", None
    return hashlib.blake2b(data, digest_size=16).hexdigest(), found


def _identity_text(path: Path) -> str:
    try:
        return ",".join(map(str, file_identity(path.stat())))
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _unreadable(rel: str, exc: OSError) -> tuple[str, str]:
    return rel, f"unreadable:{exc.errno}"


def _presence_mark(item: os.DirEntry[str]) -> str:
    """Other files (evidence) matter to a check by existing and by their type; a link by
    its target's."""
    if item.is_symlink():
        return f"link:{os.path.realpath(item.path)}:{Path(item.path).exists()}"
    try:
        return f"file:{stat.S_IFMT(item.stat(follow_symlinks=False).st_mode)}"
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def _ref_mark(root: Path, ref: str) -> str:
    """The content hash of a file portfolio.yaml names, wherever it is and whatever its name."""
    from imhcli.load.refs import ref_path

    try:
        path = ref_path(ref, base=root)
        found = path.stat()
    except (
        OSError,
        ValueError,
        RuntimeError,
    ) as exc:  # a NUL byte, a missing file: the check says so
        return f"unreadable:{getattr(exc, 'errno', None)}"
    if not stat.S_ISREG(found.st_mode):
        return f"special:{stat.S_IFMT(found.st_mode)}"
    return _hash_unchanged(str(path), file_identity(found))


@lru_cache(maxsize=64)
def _hash_unchanged(path: str, identity: tuple[int, ...]) -> str:
    """A referenced file's hash, computed once per process while its identity holds."""
    return _content_hash(Path(path), None)[0]


def config_refs(root: Path) -> list[str]:
    """The files portfolio.yaml names: framework, requirement profiles, deny-list."""
    from imhcli.load.portfolio import read_config

    try:
        data = read_config(root)
    except Exception:  # the check reports whatever is wrong with the file
        return []
    if data is None:
        return []
    refs = [data.get("framework")]
    requirements = data.get("requirements")
    if isinstance(requirements, list):
        refs.extend(requirements)
    privacy = data.get("privacy")
    if isinstance(privacy, dict):
        refs.append(privacy.get("deny_list"))
    return [ref for ref in refs if isinstance(ref, str) and ref]
