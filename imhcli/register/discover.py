"""Finding review files and bundles under the paths a register is built from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from imhcli.base.files import FileKind, safe_read
from imhcli.errors import PathNotFoundError, UnsafeFileError

#: How much of a YAML file is looked at to decide whether it is a review.
_PEEK_BYTES = 4096
REVIEW_FILE = FileKind("review file", 2 * 1024 * 1024)


@dataclass(slots=True)
class Found:
    """The review files and bundles (by file name) under the paths."""

    reviews: list[Path] = field(default_factory=list)
    bundles: dict[str, list[Path]] = field(default_factory=dict)


def discover(paths: Sequence[Path]) -> Found:
    """Every review file and every ``.zip`` under ``paths``, in a stable order."""
    found = Found()
    for path in paths:
        if not path.exists():
            raise PathNotFoundError(path=path)
        for file in sorted(_files(path)):
            suffix = file.suffix.lower()
            if suffix == ".zip":
                found.bundles.setdefault(file.name, []).append(file)
            elif suffix in {".yaml", ".yml"} and _looks_like_review(file):
                found.reviews.append(file)
    return found


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for child in path.rglob("*"):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if not hidden and child.is_file() and not child.is_symlink():
            yield child


def _looks_like_review(path: Path) -> bool:
    """A review names its bundle and its state near the top; other YAML does not."""
    try:
        head = safe_read(path, REVIEW_FILE)[:_PEEK_BYTES].decode("utf-8", "replace")
    except UnsafeFileError:
        return False
    keys = {line.split(":", 1)[0].strip() for line in head.splitlines() if ":" in line}
    return {"bundle", "state", "assessor"} <= keys
