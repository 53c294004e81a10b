"""Where the bundled frameworks, requirement profiles and schemas live.

In an installed wheel they are package data under ``imhcli/_data``; in a source
checkout (or an editable install) they are the repository's top-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    """The folder of bundled data called ``name`` (``framework`` or ``schema``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_framework(framework_id: str) -> Path | None:
    path = data_dir("framework") / f"{framework_id}.yaml"
    return path if _is_plain_id(framework_id) and path.is_file() else None


def bundled_frameworks() -> list[str]:
    return sorted(p.stem for p in data_dir("framework").glob("*.yaml"))


def bundled_profile(profile_id: str) -> Path | None:
    path = data_dir("framework") / "requirements" / f"{profile_id}.yaml"
    return path if _is_plain_id(profile_id) and path.is_file() else None


def bundled_profiles() -> list[str]:
    return sorted(p.stem for p in (data_dir("framework") / "requirements").glob("*.yaml"))


def _is_plain_id(text: str) -> bool:
    return bool(text) and "/" not in text and "\\" not in text and not text.startswith(".")
