"""Zip rules: entries written reproducibly, and an untrusted zip's entries screened.

Writing: every entry gets the same timestamp, ``create_system=3`` (Unix), mode
0644 and a compression chosen by its name alone, so the same files give the
same bytes. Reading: names that could escape a folder, collide or hide a link,
and archives whose size suggests a zip bomb, are refused before anything is read.
"""

from __future__ import annotations

import datetime as dt
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from imhcli.base.bundling import Limits, collision_key, unsafe_name
from imhcli.base.files import describe_mode

#: File types already compressed: stored as they are, since deflating them gains nothing.
STORED_SUFFIXES = frozenset(
    {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".avif", ".zip", ".gz", ".bz2"}
    | {".xz", ".7z", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".mp3", ".m4a", ".aac"}
    | {".ogg", ".mp4", ".m4v", ".mov", ".avi", ".webm"}
)
#: Deflate level for everything else (fixed: the output must not depend on a default).
DEFLATE_LEVEL = 6
#: The earliest time a zip can record.
ZIP_EPOCH = dt.datetime(1980, 1, 1)


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (no time zone, even seconds) for ``when``, never before 1980."""
    when = max(when.replace(tzinfo=None), ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def entry_info(name: str, when: tuple[int, int, int, int, int, int], size: int) -> zipfile.ZipInfo:
    """A ZipInfo that depends only on the name, the bundle's time and the file's size."""
    info = zipfile.ZipInfo(name, date_time=when)
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    stored = PurePosixPath(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.file_size = size  # lets zipfile decide on zip64 before writing
    return info


@dataclass(frozen=True, slots=True)
class Problem:
    """An entry of a zip that is refused: its name as stored, a code and why."""

    name: str
    code: str
    message: str


def limit_problems(infos: list[zipfile.ZipInfo], limits: Limits) -> list[Problem]:
    """IMH602 findings: too many entries, too many bytes, or a suspicious ratio."""
    problems: list[Problem] = []
    if len(infos) > limits.max_files:
        problems.append(
            Problem("", "IMH602", f"{len(infos):,} entries; the limit is {limits.max_files:,}")
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_bytes:
        problems.append(
            Problem(
                "", "IMH602", f"{total:,} bytes uncompressed; the limit is {limits.max_bytes:,}"
            )
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            problems.append(
                Problem(
                    info.filename,
                    "IMH602",
                    f"expands {ratio:,.0f} times ({info.file_size:,} bytes): a possible zip bomb",
                )
            )
    return problems


def name_problems(infos: Iterable[zipfile.ZipInfo]) -> list[Problem]:
    """IMH601 findings: unsafe names, links, encrypted entries, duplicates, case collisions."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    folders: dict[str, str] = {}
    for info in infos:
        name = info.filename
        problems.extend(_folder_collisions(name, folders))
        why = unsafe_name(name) or _unsafe_kind(info)
        if why:
            problems.append(Problem(name, "IMH601", why))
            continue
        key = collision_key(name)
        if key in seen:
            what = "a duplicate of" if seen[key] == name else "the same name, ignoring case, as"
            problems.append(Problem(name, "IMH601", f"entry is {what} {seen[key]!r}"))
        else:
            seen[key] = name
    return problems


def _folder_collisions(name: str, folders: dict[str, str]) -> Iterator[Problem]:
    """A folder of ``name`` that is another entry's folder but for case or accents.

    ``DATA/evidence/x.pdf`` beside ``data/portfolio.yaml`` unzips into ``data/`` on
    Windows and macOS, so the bag would hold a file its manifests never listed there.
    """
    parts = name.rstrip("/").split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        folder = "/".join(parts[:depth])
        other = folders.setdefault(collision_key(folder), folder)
        if other != folder:
            yield Problem(
                name,
                "IMH601",
                f"folder {folder!r} is {other!r} but for case or accents: one folder once "
                "unzipped on Windows or macOS",
            )
            return


def _unsafe_kind(info: zipfile.ZipInfo) -> str | None:
    """A link, device, FIFO or socket by its mode bits, whatever system the zip says made it.

    Only Unix zips are meant to carry mode bits, but Info-ZIP's unzip honours them
    from any ``create_system``: an entry marked as a link is extracted as one.
    """
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        what = describe_mode(kind).removeprefix("a ").removeprefix("an ")
        return f"entry is a {what} (by its mode bits), not a file"
    if info.flag_bits & 0x1:
        return "entry is encrypted"
    return None
