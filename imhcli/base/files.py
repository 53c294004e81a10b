"""Writing files safely: atomically, and never over a user's file by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from imhcli.errors import RefuseOverwriteError


def write_atomic(path: Path, data: bytes | str, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Without ``overwrite`` an existing file is never replaced, even if it appears
    while writing (the final step is a hard link, which fails if the name exists).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            Path(tmp).replace(path)
        else:
            _link_new(Path(tmp), path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _link_new(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise RefuseOverwriteError(path=path) from None
    except OSError:
        # File systems without hard links: exclusive create is the next best thing.
        try:
            with path.open("xb") as handle:
                handle.write(tmp.read_bytes())
        except FileExistsError:
            raise RefuseOverwriteError(path=path) from None
