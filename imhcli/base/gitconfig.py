"""Reading one value of the user's git configuration, if git is there."""

from __future__ import annotations

import subprocess


def git_config(key: str) -> str | None:
    """``git config KEY``, or None when git, the key or its value is missing."""
    try:
        out = subprocess.run(
            ["git", "config", key], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None
