"""A cache of check results, so that re-checking an unchanged portfolio costs almost nothing.

The cache wraps the check (:func:`check_portfolio` around
:func:`imhcli.check.engine.check_root`). A result is stored per portfolio under
a *key*: a hash of everything the result depends on (see
:mod:`imhcli.check.fingerprint`).

Rules that relate entries to each other (IMH501, coverage, requirements) make a
per-file cache unsafe on its own, so a result is reused only when the whole key
matches; when it does not, the portfolio is checked afresh and the new result
replaces the old one. A cache file that cannot be read or does not parse is
ignored, never trusted; nor is one made elsewhere, since every key is made with
a secret that lives in this user's cache folder (:func:`machine_secret`).

The cache lives in ``.imh-cache/`` at the portfolio root, a folder with its own
``.gitignore`` (git never sees it) and, being a dot-folder, never part of a
bundle. When the root is not writable it goes to the user's cache folder. The
portfolio may come from someone else, so the folder is used only when it is a
real folder owned by this user (never a link); its marker files are created only
where the name is free (a link planted there, dangling or not, is never
followed) and the result replaces whatever has its name by a rename.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import stat
from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

from imhcli.base.files import CACHE, safe_read, write_atomic
from imhcli.check.engine import CheckedPortfolio, Summarise, check_root
from imhcli.check.fingerprint import FileStat, Fingerprint, portfolio_key
from imhcli.errors import RefuseOverwriteError, UnsafeFileError

CACHE_DIR = ".imh-cache"
#: Bumped whenever the stored shape or the meaning of the key changes.
CACHE_SCHEMA = 2
_RESULT_FILE = f"check-v{CACHE_SCHEMA}.json"
_MARKERS = {
    ".gitignore": "# Created by imh: this folder is a cache and never belongs in git.\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by imh.\n",
}


class CachedCheck(CheckedPortfolio):
    """A stored check result, with its key and what makes the next key cheaper."""

    key: str
    #: rel -> (size, mtime_ns, ctime_ns, inode, content hash) of files that were older
    #: than 2 s when hashed
    hashes: dict[str, FileStat] = Field(default_factory=dict)
    #: the framework and profile references in portfolio.yaml, and the hash of the
    #: portfolio.yaml they were read from (so an unchanged one is not parsed again)
    refs: list[str] = Field(default_factory=list)
    refs_of: str = ""


def check_portfolio(
    root: Path,
    *,
    label: str,
    today: dt.date | None = None,
    use_cache: bool = False,
    summarise: Summarise | None = None,
    store: PortfolioCache | None = None,
) -> CheckedPortfolio:
    """Every diagnostic of the portfolio at ``root`` and the files it read, cached or fresh.

    ``summarise`` adds a row computed from the loaded portfolio (``imh cohort``); a
    cached result without one does not serve such a call. ``store`` is the
    portfolio's cache when the caller has opened it already.
    """
    today = today or dt.date.today()
    if store is None and use_cache:
        store = PortfolioCache.open(root, today.isoformat())
    hit = store.get() if store is not None else None
    if hit is not None and (summarise is None or hit.row is not None):
        return hit.relabelled(label)
    result = check_root(root, label=label, today=today, summarise=summarise)
    if store is not None:
        store.put(result)
    return result


class PortfolioCache:
    """The stored result of one portfolio: read it if its key matches, replace it after a check."""

    def __init__(self, root: Path, today: str) -> None:
        self.root = root
        self.stored = self._read()
        self.fingerprint = portfolio_key(
            root, today, secret=machine_secret(), schema=CACHE_SCHEMA, known=self.stored
        )

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
            if not _owned_folder(folder):
                continue
            try:
                raw = safe_read(folder / _RESULT_FILE, CACHE, root=folder)
                return CachedCheck.model_validate_json(raw)
            except (UnsafeFileError, ValueError, ValidationError):
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

    def put(self, result: CheckedPortfolio) -> None:
        """Store a fresh result; a folder that cannot be written is skipped, never an error."""
        data = self._stored(result)
        if data is None:
            return
        for folder in _candidate_folders(self.root):
            if _write(folder, data):
                return

    def _stored(self, result: CheckedPortfolio) -> bytes | None:
        """The result as stored under this cache's key (None: JSON cannot hold it)."""
        found: Fingerprint = self.fingerprint
        stored = CachedCheck.model_construct(
            files=result.files,
            diagnostics=result.diagnostics,
            row=result.row,
            key=found.key,
            hashes=found.hashes,
            refs=found.refs,
            refs_of=found.refs_of,
        )
        try:
            return stored.model_dump_json().encode()
        except ValueError:  # text JSON cannot hold: keep no result rather than a wrong one
            return None

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
        found = safe_read(path, CACHE)
    except UnsafeFileError as exc:
        if exc.reason != "missing":
            return b""
        found = b""
    if len(found) == _SECRET_BYTES:
        return found
    try:
        return _new_secret(path, replace=bool(found))
    except (OSError, UnsafeFileError):
        return b""


def _new_secret(path: Path, *, replace: bool) -> bytes:
    """Write a fresh secret whole; if another process was first, use theirs."""
    secret = os.urandom(_SECRET_BYTES)
    try:
        write_atomic(path, secret, overwrite=replace)
    except RefuseOverwriteError:
        return safe_read(path, CACHE)
    return secret


_SECRET_BYTES = 32


def user_cache_folder(root: Path) -> Path:
    """The user-cache folder used for ``root`` when ``root`` cannot hold ``.imh-cache/``."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return user_cache_root() / name


def _write(folder: Path, data: bytes) -> bool:
    """Store ``data`` as the result in ``folder``; False when the folder cannot be used."""
    try:
        if not os.path.lexists(folder):
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(exist_ok=True)
        if not _owned_folder(folder):
            return False
        for name, text in _MARKERS.items():
            _create_new(folder / name, text.encode("utf-8"))
        write_atomic(folder / _RESULT_FILE, data, overwrite=True, durable=False)
    except OSError:
        return False
    return True


def _owned_folder(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) owned by this user."""
    try:
        found = folder.lstat()
    except OSError:
        return False
    geteuid = getattr(os, "geteuid", None)
    owned = geteuid is None or found.st_uid == geteuid()
    return stat.S_ISDIR(found.st_mode) and owned


def _create_new(path: Path, data: bytes) -> None:
    """Write a marker file unless its name is taken (by anything: a link too, dangling or not)."""
    try:
        fd = os.open(path, _NEW_FILE, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


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
