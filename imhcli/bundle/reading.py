"""A verified bundle read into memory: the portfolio an assessor's commands work on.

`imh report`, `imh gaps`, `imh hours` and `imh requirements` accept a bundle zip:
:func:`read_bundle` verifies it, then keeps its payload's text files in memory, so
nothing is ever extracted to disk.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from imhcli.bundle import bag
from imhcli.bundle.payload import MAX_TEXT_BYTES, READ_ERRORS
from imhcli.bundle.verify import VerifiedBundle
from imhcli.load.portfolio import Portfolio

#: Payload files kept in memory; others are known by name and size.
_TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".txt", ".csv", ".tsv", ".json")


class MemoryPayload:
    """A verified bundle's payload held in memory: text files' bytes, every file's size."""

    def __init__(self, sizes: dict[str, int], texts: dict[str, bytes]) -> None:
        self.sizes = sizes
        self.texts = texts
        self.names = frozenset(sizes)

    def size(self, rel: str) -> int:
        return self.sizes[rel]

    def read(self, rel: str) -> bytes:
        if rel not in self.texts:
            raise OSError(f"{rel} is not read from a bundle (only text files are)")
        return self.texts[rel]


def read_bundle(path: Path, *, today: dt.date | None = None) -> tuple[VerifiedBundle, Portfolio]:
    """Verify the bundle at ``path``, then read its payload into memory as a portfolio.

    Raises :class:`~imhcli.errors.BundleNotValidError` (exit 1, the findings listed) when
    the bundle does not verify; nothing is ever extracted to disk.
    """
    from imhcli.bundle.verify import verify_bundle
    from imhcli.errors import BundleNotValidError, UnreadableBundleError
    from imhcli.load.portfolio import load_payload

    verified = verify_bundle(path, today=today)
    if not verified.result.valid or verified.result.top is None:
        raise BundleNotValidError(path=path, report=verified.result.report)
    prefix = f"{verified.result.top}/{bag.PAYLOAD_DIR}/"
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {
                i.filename[len(prefix) :]: i
                for i in zf.infolist()
                if i.filename.startswith(prefix) and not i.is_dir()
            }
            texts = {
                rel: zf.read(info)
                for rel, info in infos.items()
                if rel.lower().endswith(_TEXT_SUFFIXES) and info.file_size <= MAX_TEXT_BYTES
            }
    except READ_ERRORS as exc:
        raise UnreadableBundleError(path=path, why=str(exc) or type(exc).__name__) from None
    files = MemoryPayload({rel: info.file_size for rel, info in infos.items()}, texts)
    return verified, load_payload(files, label=path.name, today=today)
