"""Files, safely: read only regular files within bounds; write atomically, never over a
user's file by accident.

Every file imh reads on a practitioner's behalf goes through :func:`safe_read`. The
files come from whoever wrote the portfolio (a trainee's repository, a zip from a
stranger), so a name may be a FIFO that never answers, a link to ``/dev/zero`` or to
a file outside the portfolio, or a file of gigabytes. :func:`safe_read` reads a
regular file only, checks that with ``stat`` before opening and ``fstat`` after
(opened non-blocking, so even a FIFO swapped in between cannot hang it), resolves
links and keeps them inside ``root``, and never reads more than the cap of the
file's :class:`FileKind`.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from imhcli.errors import MissingFolderError, RefuseOverwriteError, UnsafeFileError

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileKind:
    """What a file is read as: its name in messages, and the most bytes read of it."""

    name: str
    cap: int


ENTRY = FileKind("entry", 2 * _MIB)
CONFIG = FileKind("portfolio.yaml", 2 * _MIB)
FRAMEWORK = FileKind("framework file", 5 * _MIB)
PROFILE = FileKind("requirement profile", _MIB)
DENY_LIST = FileKind("deny-list", _MIB)
IGNORE = FileKind(".imhignore", 256 * 1024)
#: Evidence read as text (to scan it); a bundle copies evidence of any size unread.
EVIDENCE_TEXT = FileKind("evidence file", 5 * _MIB)
CACHE = FileKind("cache file", 64 * _MIB)
#: A bundle zip given to `imh verify`, `imh cohort` or `imh review` (read, never loaded whole).
BUNDLE = FileKind("bundle", 16 * 1024 * _MIB)

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def safe_read(path: Path, kind: FileKind, *, root: Path | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``kind.cap`` of them.

    With ``root``, the file (links resolved, in any component) must lie inside
    ``root``. Raises :class:`~imhcli.errors.UnsafeFileError` with ``reason`` one of
    ``missing``, ``outside``, ``not-regular``, ``too-large`` or ``unreadable``;
    nothing else, and it never blocks.
    """
    return safe_read_stat(path, kind, root=root)[0]


def safe_read_stat(
    path: Path, kind: FileKind, *, root: Path | None = None
) -> tuple[bytes, os.stat_result]:
    """:func:`safe_read`, with the ``fstat`` of the file that was read."""
    fd, found = _open_checked(path, kind, root)
    try:
        data = _read_upto(fd, kind.cap + 1)
    except OSError as exc:
        raise _os_problem(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > kind.cap:
        raise too_large(path, len(data), kind)
    return data, found


def safe_open(path: Path, kind: FileKind, *, root: Path | None = None) -> BinaryIO:
    """The regular file at ``path`` opened for reading, checked as :func:`safe_read` checks it.

    For files streamed rather than read whole (evidence copied into a bundle, a zip
    being verified): the size is checked against ``kind.cap`` when opening; the
    caller reads no more than the size it was told (``os.fstat(handle.fileno())``).
    """
    fd, _ = _open_checked(path, kind, root)
    return os.fdopen(fd, "rb")


def _open_checked(path: Path, kind: FileKind, root: Path | None) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file at ``path`` and its ``fstat``.

    Only a regular file is opened (``stat`` first); with ``root``, where the opened
    file really is decides whether it is inside (the kernel's own answer, one call,
    where ``/proc`` has it; resolving the path otherwise).
    """
    try:
        before = os.stat(path)  # noqa: PTH116 - no Path to build: this runs for every file
    except OSError as exc:
        raise _stat_problem(path, root, exc) from None
    if root is not None and not stat.S_ISREG(before.st_mode):
        resolve_inside(path, root)  # a link leaving the portfolio is said first
    _require_regular(path, before, kind)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_problem(path, exc) from None
    try:
        after = os.fstat(fd)
        _require_regular(path, after, kind)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise UnsafeFileError(
                "unreadable", "file was replaced while being read", path=path, hint="try again"
            )
        if root is not None:
            _require_inside(path, _opened_path(fd, path), root)
    except BaseException:
        os.close(fd)
        raise
    return fd, after


def _opened_path(fd: int, path: Path) -> str:
    """Where the file open as ``fd`` really is: from ``/proc`` (Linux), else resolved."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")  # noqa: PTH115 - a str, one call
    except OSError:
        return os.path.realpath(path, strict=True)


def _stat_problem(path: Path, root: Path | None, exc: OSError) -> UnsafeFileError:
    """Why ``stat`` failed: missing, a broken or looping link, or no access."""
    if isinstance(exc, FileNotFoundError) and not os.path.lexists(path):
        return _os_problem(path, exc)
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ELOOP:
        return UnsafeFileError(
            "outside",
            "symbolic link is broken or loops back on itself; it was not read",
            path=path,
            hint="remove the link or point it at a file inside the portfolio",
        )
    return _os_problem(path, exc)


def file_identity(found: os.stat_result) -> tuple[int, int, int, int, int]:
    """What changes whenever a file's content can have: size, mtime, ctime, inode, device.

    An edit that restores the modification time (``touch -r``) still changes the
    ctime, which no ordinary program can set back; a file replaced by another gets
    a new inode.
    """
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def resolve_inside(path: Path, root: Path) -> str:
    """``path`` with every link resolved; :class:`UnsafeFileError` if that leaves ``root``."""
    try:
        real = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError) as exc:
        raise _stat_problem(path, root, OSError(errno.ELOOP, str(exc))) from None
    _require_inside(path, real, root)
    return real


def real_path(path: str, folders: dict[str, str]) -> str | None:
    """``path`` with every link resolved, as :func:`os.path.realpath` gives it (None for a
    NUL byte or a loop). Each folder's resolution is kept in ``folders``: the files of a
    folder then cost one ``lstat`` each, not one per part of their path.
    """
    folder, name = os.path.split(path)
    try:
        if name in ("", ".", "..") or stat.S_ISLNK(os.lstat(path).st_mode):
            return os.path.realpath(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
    except OSError:  # missing: realpath resolves as much as there is
        try:
            return os.path.realpath(path)
        except (OSError, ValueError):
            return None
    except ValueError:
        return None
    return os.path.join(folders[folder], name)  # noqa: PTH118 - a string, as realpath gives


def _require_inside(path: Path, real: str, root: Path) -> None:
    top = _real_root(os.fspath(root))
    if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
        raise UnsafeFileError(
            "outside",
            "symbolic link points outside the portfolio; it was not read",
            path=path,
            hint="copy the file into the portfolio instead of linking to it",
        )


@lru_cache(maxsize=64)
def _real_root(root: str) -> str:
    return os.path.realpath(root)


def _require_regular(path: Path, found: os.stat_result, kind: FileKind) -> None:
    if stat.S_ISREG(found.st_mode):
        if found.st_size > kind.cap:
            raise too_large(path, found.st_size, kind)
        return
    raise UnsafeFileError(
        "not-regular",
        f"{describe_mode(found.st_mode)}, not a regular file; it was not read",
        path=path,
        hint=f"replace it with the {kind.name} itself (a plain file)",
    )


_MODE_NAMES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def describe_mode(mode: int) -> str:
    """What kind of file a ``st_mode`` says it is, as a phrase ("a FIFO (named pipe)")."""
    return next((name for test, name in _MODE_NAMES if test(mode)), "a special file")


def too_large(path: Path, size: int, kind: FileKind) -> UnsafeFileError:
    """The refusal of a file of ``size`` bytes, more than ``kind`` allows."""
    return UnsafeFileError(
        "too-large",
        f"file is too large to read as a {kind.name} ({_mib(size)}; the limit is {_mib(kind.cap)})",
        path=path,
        hint="keep large material under evidence/ and refer to it with `evidence:`",
    )


def _mib(size: int) -> str:
    return f"{size / _MIB:.1f} MiB" if size >= _MIB else f"{size / 1024:.0f} KiB"


def _os_problem(path: Path, exc: OSError) -> UnsafeFileError:
    if isinstance(exc, FileNotFoundError):
        return UnsafeFileError("missing", "file does not exist", path=path)
    return UnsafeFileError(
        "unreadable",
        f"file cannot be read: {exc.strerror or exc}",
        path=path,
        hint="check its permissions",
    )


def _read_upto(fd: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, in as few calls as the file allows."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def require_output_folder(path: Path) -> None:
    """Raise :class:`MissingFolderError` unless the folder ``path`` would be written in
    exists: a mistyped ``-o`` must not create folders."""
    if not path.parent.is_dir():
        raise MissingFolderError(path=path)


def write_atomic(
    path: Path, data: bytes | str, *, overwrite: bool = False, durable: bool = True
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Without ``overwrite`` an existing file is never replaced, even if it appears
    while writing (the final step is a hard link, which fails if the name exists).
    ``durable`` flushes the data to disk before the file takes its name; a cache,
    which can always be made again, goes without.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, overwrite=overwrite, durable=durable) as handle:
        handle.write(payload)


def write_numbered(folder: Path, stem: str, suffix: str, data: bytes | str) -> Path:
    """Write ``data`` to ``folder/stem+suffix``, or ``stem-2``, ``stem-3``... if taken.

    Never overwrites: a name that appears while writing is skipped for the next.
    """
    for attempt in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if attempt == 1 else f"{stem}-{attempt}{suffix}")
        if path.exists():
            continue
        try:
            write_atomic(path, data)
        except RefuseOverwriteError:
            continue
        return path
    raise RefuseOverwriteError(path=folder / f"{stem}{suffix}")


@contextmanager
def atomic_writer(
    path: Path, *, overwrite: bool = False, durable: bool = True, mode: int | None = None
) -> Iterator[IO[bytes]]:
    """A temporary file (open for reading and writing) that becomes ``path`` on success.

    If the block raises, ``path`` is left as it was and the temporary file removed.
    ``mode`` sets the finished file's permissions (a temporary file starts at 0o600).
    See :func:`write_atomic` for ``overwrite`` and ``durable``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            tmp.chmod(mode)
        _publish(tmp, path, overwrite=overwrite)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_text_writer(path: Path, *, overwrite: bool = False) -> Iterator[TextIO]:
    """:func:`atomic_writer` for UTF-8 text, written as given (no newline translation)."""
    with atomic_writer(path, overwrite=overwrite) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.detach()  # flushes; the binary file stays open for atomic_writer to finish


def _publish(tmp: Path, path: Path, *, overwrite: bool) -> None:
    """Rename the finished file into place; without ``overwrite`` an existing name wins."""
    if overwrite:
        tmp.replace(path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise RefuseOverwriteError(path=path) from None
    except OSError:
        # No hard links here: claim the name exclusively, then replace it atomically.
        try:
            path.open("xb").close()
        except FileExistsError:
            raise RefuseOverwriteError(path=path) from None
        tmp.replace(path)
