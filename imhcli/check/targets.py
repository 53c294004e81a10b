"""Which portfolios (and, for `imh cohort`, bundle zips) a list of paths names.

Shared by `imh check`, `imh cohort` and `imh cache clear`, so that a path means
the same thing to each: a path inside a portfolio means that portfolio; a
folder above portfolios means every portfolio below it; a path with none is a
target of its own, which its check then reports as not a portfolio.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from imhcli.errors import PathNotFoundError
from imhcli.load.portfolio import PORTFOLIO_FILE, find_root
from imhcli.load.walk import printable
from imhcli.models.cohort import Kind


@dataclass(frozen=True, slots=True)
class Target:
    """A portfolio folder or bundle zip to check, named ``label`` in output.

    ``only`` holds the files within a portfolio the user asked about (None: all).
    """

    path: Path
    label: str
    kind: Kind = "portfolio"
    only: frozenset[str] | None = None


def find_targets(paths: Sequence[Path], *, bundles: bool = False) -> list[Target]:
    """The targets ``paths`` name, each once, in the order they were found.

    A file inside a portfolio narrows its target to that file (``only``), unless
    ``bundles`` is set: then a portfolio is always checked whole, and zip files
    (not inside a portfolio) are targets of kind ``bundle``.
    Raises :class:`PathNotFoundError` for a path that does not exist.
    """
    found: dict[Path, Target] = {}
    for path in paths or [Path()]:
        if not os.path.lexists(path):
            raise PathNotFoundError(path=path)
        root = find_root(path)
        if root is not None:
            only = None if bundles else _only(root, path)
            _add(found, Target(root, label_for(root), only=only))
            continue
        below = list(_below(path, bundles=bundles)) if path.is_dir() else []
        for target in below or [_itself(path, bundles=bundles)]:
            _add(found, target)
    return list(found.values())


def _add(found: dict[Path, Target], target: Target) -> None:
    """Keep the first target for a path; asking for a whole portfolio wins over single files."""
    known = found.get(target.path)
    if known is None:
        found[target.path] = target
    elif known.only is not None:
        only = None if target.only is None else known.only | target.only
        found[target.path] = replace(known, only=only)


def _only(root: Path, path: Path) -> frozenset[str] | None:
    """The file a path names inside its portfolio, or None for 'the whole portfolio'.

    A link is named as typed (its folder resolved, not its target), so its own
    findings (IMH109: it leaves the portfolio) are the ones shown.
    """
    typed = Path(os.path.abspath(path))  # noqa: PTH100 - normalise, never follow the link
    if typed.is_dir() and not typed.is_symlink():
        return None
    try:
        rel = (typed.parent.resolve() / typed.name).relative_to(root).as_posix()
    except ValueError:
        return None
    return None if rel == PORTFOLIO_FILE else frozenset({rel})


def _below(top: Path, *, bundles: bool) -> Iterator[Target]:
    for root in find_portfolios(top):
        yield Target(root, label_for(root))
    if bundles:
        for zip_path in _find_zips(top):
            yield Target(zip_path, label_for(zip_path), "bundle")


def _itself(path: Path, *, bundles: bool) -> Target:
    """A path with no portfolio at or below it: a bundle if it is a zip, else a failed portfolio."""
    is_bundle = bundles and path.is_file() and _is_zip(path)
    label = label_for(path) if not path.is_symlink() else printable(path.as_posix())
    return Target(path.resolve(), label, "bundle" if is_bundle else "portfolio")


def _is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def find_portfolios(top: Path) -> Iterator[Path]:
    """Portfolio roots below ``top``, skipping dot-folders and not descending into portfolios."""
    for dirpath, dirnames, filenames in os.walk(top):
        if PORTFOLIO_FILE in filenames:
            dirnames[:] = []
            yield Path(dirpath).resolve()
        else:
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))


def _find_zips(top: Path) -> Iterator[Path]:
    """Zip files below ``top`` that are not inside a portfolio (evidence is not a bundle)."""
    for dirpath, dirnames, filenames in os.walk(top):
        if PORTFOLIO_FILE in filenames:
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(".zip") and not name.startswith("."):
                yield Path(dirpath, name).resolve()


def label_for(path: Path) -> str:
    """How a portfolio is named in output: relative to the working folder where it can be."""
    resolved = path.resolve()
    try:
        rel = os.path.relpath(resolved)
    except ValueError:
        return printable(resolved.as_posix())
    return printable(resolved.as_posix() if rel.startswith("..") else Path(rel).as_posix())
