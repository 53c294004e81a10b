"""Writing the register's folder: exactly the files the register publishes.

The folder is the register's own. A rebuild replaces the files that changed and
removes badges of people no longer listed (consent withdrawn, say); a folder that
holds anything else is refused, so a wrong ``-o`` never deletes a stranger's file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imhcli.base.files import write_atomic
from imhcli.errors import UsageError
from imhcli.output.register.names import BADGES, CSV, JSON, PAGE


@dataclass(frozen=True, slots=True)
class Written:
    """What a build changed in the folder."""

    written: list[str]
    removed: list[str]
    unchanged: int


def write_site(files: dict[str, str], site: Path) -> Written:
    """Make ``site`` hold exactly ``files``; raise UsageError if it holds anything else."""
    existing = _register_files(site)
    written, unchanged = [], 0
    for rel, content in sorted(files.items()):
        target = site / rel
        data = content.encode("utf-8")
        if rel in existing and target.read_bytes() == data:
            unchanged += 1
            continue
        write_atomic(target, data, overwrite=True)
        written.append(rel)
    removed = sorted(existing - set(files))
    for rel in removed:
        (site / rel).unlink()
    return Written(written, removed, unchanged)


def _register_files(site: Path) -> set[str]:
    """The files of an earlier build in ``site``; UsageError for any other file there."""
    if not site.exists():
        return set()
    if not site.is_dir():
        raise UsageError(f"{site} is not a folder", hint="give -o a folder for the register")
    found: set[str] = set()
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_dir() and rel == BADGES and not path.is_symlink():
            continue
        if path.is_symlink() or not path.is_file() or not _ours(rel):
            raise UsageError(
                f"{site} holds {rel}, which is not part of a register; nothing was written",
                hint="give -o an empty folder, or the folder of an earlier register build",
            )
        found.add(rel)
    return found


def _ours(rel: str) -> bool:
    if rel in {PAGE, CSV, JSON}:
        return True
    folder, _, name = rel.partition("/")
    return folder == BADGES and "/" not in name and name.endswith(".json")
