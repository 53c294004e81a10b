"""Files portfolio.yaml names (a framework, requirement profiles): which file, and where
it may be.

A reference is a bundled id or a path from the portfolio (:func:`resolve_ref`).

A reference that stays inside the portfolio is read as the portfolio's own file:
its links must not leave the portfolio, and ``.imhignore`` applies to it as to
evidence (a bundle would leave it out, so a check must not rely on it). A
reference that leaves the portfolio on purpose (``../shared/framework.yaml``) is
the practitioner's choice and read as given.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Literal

from imhcli.base import resources
from imhcli.diagnostics import Finding, Loc
from imhcli.load.ignore import IgnoreRules

RefKind = Literal["framework", "profile"]
_BUNDLED = {"framework": resources.bundled_framework, "profile": resources.bundled_profile}


def resolve_ref(kind: RefKind, ref: str, *, base: Path) -> Path | None:
    """The file a ``framework:`` value or a ``requirements:`` item names, or None.

    A bundled id of that kind first, else a path from ``base`` (``~`` expanded).
    """
    path = ref_path(ref, base=base, kinds=(kind,))
    return path if path.is_file() else None


def ref_path(ref: str, *, base: Path, kinds: Sequence[RefKind] = ("framework", "profile")) -> Path:
    """Where a reference points, whether or not a file is there: a bundled id of one
    of ``kinds``, else ``ref`` as a path from ``base``."""
    for kind in kinds:
        bundled = _BUNDLED[kind](ref)
        if bundled is not None:
            return bundled
    return (base / ref).expanduser()


def inside(ref: str) -> bool:
    """Whether a relative reference stays inside the portfolio, judged by its normal form."""
    if "\\" in ref or PurePosixPath(ref).is_absolute() or ref.startswith("~"):
        return False
    return PurePosixPath(posixpath.normpath(ref)).parts[:1] != ("..",)


def ref_root(root: Path, ref: str, path: Path) -> Path | None:
    """The folder ``path`` (what ``ref`` resolved to) must stay inside: the portfolio for its
    own files, None for a bundled one or one outside by the practitioner's choice."""
    return root if inside(ref) and path == root / ref else None


def ignored_ref(ignore: IgnoreRules, ref: str, what: str, loc: Loc) -> Finding | None:
    """IMH204 when ``.imhignore`` leaves out a file that portfolio.yaml relies on."""
    if not (ignore and inside(ref) and ignore.ignored(posixpath.normpath(ref))):
        return None
    return Finding(
        "IMH204",
        f"{what} {ref!r} is excluded by .imhignore, so a bundle would leave it out",
        "remove it from .imhignore, or move the file out of the ignored folder",
        loc=loc,
    )
