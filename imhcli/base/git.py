"""Where git keeps a portfolio's index: read without running git, for cache keys."""

from __future__ import annotations

import os
from pathlib import Path

from imhcli.base.files import FileKind, safe_read
from imhcli.errors import UnsafeFileError

#: A worktree's `.git` file: one line naming the real folder.
_GIT_FILE = FileKind(".git file", 64 * 1024)


def git_dir(root: Path) -> Path | None:
    """The ``.git`` (folder, or file of a worktree) of the repository holding ``root``."""
    for folder in (root, *root.parents):
        found = folder / ".git"
        if os.path.lexists(found):
            return found
    return None


def git_index_mark(root: Path) -> str:
    """Size, times and inode of the git index that holds ``root``'s files ("" without git).

    Staging or unstaging a file rewrites the index, so a cached check that depends on
    what git tracks (IMH407) is made again.
    """
    found = git_dir(root)
    if found is None:
        return ""
    index = found / "index"
    if found.is_file():  # a worktree: ".git" names the real folder
        try:
            line = safe_read(found, _GIT_FILE).decode("utf-8", errors="replace").strip()
        except UnsafeFileError:
            return "unreadable"
        index = (found.parent / line.removeprefix("gitdir:").strip()) / "index"
    try:
        st = index.stat()
    except OSError:
        return "none"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
