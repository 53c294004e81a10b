"""Which framework an export is of, and when it last changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imhcli.load.frameworks import find_framework, load_framework_file
from imhcli.models.framework import Framework

#: The framework used outside a portfolio when none is named.
DEFAULT_FRAMEWORK = "imhcf-2019"


def chosen_framework(ref: str | None, *, cwd: Path) -> tuple[Framework, Path]:
    """The framework ``ref`` names, else the one of the portfolio around ``cwd``, else IMHCF.

    Raises :class:`FrameworkError` when it cannot be found or read.
    """
    base = cwd
    if ref is None:
        ref, base = _portfolio_framework(cwd) or (DEFAULT_FRAMEWORK, cwd)
    path = find_framework(ref, base=base)
    return load_framework_file(path), path


def _portfolio_framework(cwd: Path) -> tuple[str, Path] | None:
    from imhcli.load.portfolio import find_root, read_config

    root = find_root(cwd)
    if root is None:
        return None
    data = read_config(root)
    ref = data.get("framework") if data is not None else None
    return (ref, root) if isinstance(ref, str) and ref else None


def changed_at(path: Path) -> dt.datetime:
    """When the framework last changed: SOURCE_DATE_EPOCH if set, else the file's mtime (UTC).

    Both are whole seconds, so the same file exports the same bytes.
    """
    from imhcli.base.epoch import source_date

    moment = source_date()
    if moment is not None:
        return moment
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC)
