"""Walking a folder tree: the one walker under the portfolio walk and the cache key's.

Plain strings and ``os.scandir`` throughout: it runs for every file of a
portfolio on every check, cached or not, where pathlib's objects cost more than
the rest of the work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


class Descend:
    """What a :func:`walk_tree` chooser returns for a folder to walk into."""


DESCEND = Descend()


def walk_tree(
    top: str,
    start: str,
    choose: Callable[[str, os.DirEntry[str], bool], T | Descend | None],
    unreadable: Callable[[str, OSError], T],
) -> Iterator[T]:
    """Walk the folder ``top/start`` depth first, every folder's entries in name order.

    ``choose(rel, entry, linked)`` sees each entry, ``rel`` being its path from
    ``top`` joined with ``/`` and ``linked`` whether its folder was reached through
    a symbolic link. It returns what to yield for the entry, :data:`DESCEND` to
    walk into it (a folder), or None to leave it out. A folder that cannot be
    listed yields ``unreadable(rel, error)``.
    """
    stack = [(start, False)]
    while stack:
        rel_dir, linked = stack.pop()
        try:
            with os.scandir(f"{top}/{rel_dir}" if rel_dir else top) as it:
                items = sorted(it, key=_name)
        except OSError as exc:
            yield unreadable(rel_dir, exc)
            continue
        prefix = f"{rel_dir}/" if rel_dir else ""
        subdirs: list[tuple[str, bool]] = []
        for item in items:
            rel = prefix + item.name
            found = choose(rel, item, linked)
            if isinstance(found, Descend):
                subdirs.append((rel, linked or item.is_symlink()))
            elif found is not None:
                yield found
        stack.extend(reversed(subdirs))


def _name(item: os.DirEntry[str]) -> str:
    return item.name


def is_dir(item: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder (following links); False when that cannot be told."""
    try:
        return item.is_dir()
    except OSError:
        return False


def first_visit(path: str, seen: set[str]) -> bool:
    """False for a folder already walked by another path (a link loop, or two links to it)."""
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True
