"""gitignore-style patterns for ``.imhignore``.

Supports what practitioners write: comments, blank lines, ``!`` negation, a
leading or inner ``/`` anchoring to the root, a trailing ``/`` for folders, and
``*``, ``?``, ``[...]`` and ``**``. The last matching pattern wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from imhcli.base.files import IGNORE, safe_read
from imhcli.errors import UnsafeFileError

IGNORE_FILE = ".imhignore"


@dataclass(frozen=True, slots=True)
class _Pattern:
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


class IgnoreRules:
    def __init__(self, lines: list[str], problem: UnsafeFileError | None = None) -> None:
        self._patterns = [p for p in map(_compile, lines) if p is not None]
        #: Why the .imhignore there is could not be read (None: read, or there is none).
        self.problem = problem

    @classmethod
    def for_root(cls, root: Path) -> IgnoreRules:
        """The rules of ``root/.imhignore``; none when it is missing or cannot be read."""
        try:
            raw = safe_read(root / IGNORE_FILE, IGNORE, root=root)
        except UnsafeFileError as exc:
            return cls([], None if exc.reason == "missing" else exc)
        return cls(raw.decode("utf-8-sig", errors="replace").splitlines())

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def ignored(self, rel: str, *, is_dir: bool = False) -> bool:
        """Whether ``rel`` (POSIX, relative to the root) or any parent folder is ignored."""
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            prefix = "/".join(parts[:i])
            if self._match(prefix, is_dir=is_dir or i < len(parts)):
                return True
        return False

    def _match(self, rel: str, *, is_dir: bool) -> bool:
        result = False
        for pattern in self._patterns:
            if pattern.dir_only and not is_dir:
                continue
            if pattern.regex.match(rel):
                result = not pattern.negate
        return result


def _compile(line: str) -> _Pattern | None:
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        return None
    line = line.rstrip(" ") if not line.endswith("\\ ") else line
    negate = line.startswith("!")
    if negate:
        line = line[1:]
    if line.startswith("\\"):
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    anchored = "/" in line
    line = line.lstrip("/")
    body = _translate(line)
    prefix = "" if anchored else "(?:.*/)?"
    return _Pattern(re.compile(f"^{prefix}{body}$"), negate, dir_only)


def _translate(glob: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(glob):
        ch = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif ch == "*":
            out.append("[^/]*")
            i += 1
        elif ch == "?":
            out.append("[^/]")
            i += 1
        elif ch == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
                i += 1
            else:
                inner = glob[i + 1 : end].replace("\\", "\\\\")
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner}]")
                i = end + 1
        elif ch == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(ch))
            i += 1
    return "".join(out)
