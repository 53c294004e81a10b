"""The bundle a review is about: verified, hashed, and its payload read as a portfolio.

Nothing is extracted: the payload is read through the zip, as `imh verify` reads it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from imhcli.bundle import bag
from imhcli.bundle.payload import ZipPayload
from imhcli.bundle.verify import MAX_TAG_BYTES, file_sha256, open_zip, verify
from imhcli.load.portfolio import PORTFOLIO_FILE, Portfolio, load_payload
from imhcli.models.bundle import VerifyResult
from imhcli.models.review import BundleFacts


@dataclass(slots=True)
class OpenedBundle:
    """A bundle as a review sees it: its verification, its facts and its portfolio."""

    path: Path
    verified: VerifyResult
    facts: BundleFacts
    portfolio: Portfolio | None


def open_bundle(path: Path, *, today: dt.date | None = None) -> OpenedBundle:
    """Verify the bundle at ``path`` and read what a review needs from it.

    The payload portfolio is loaded with the zip open; what a rule reads later (an
    evidence file, to scan it) is not there any more: use :func:`opened_bundle` for that.
    Raises :class:`~imhcli.errors.UnreadableBundleError` for a file that is not a zip.
    """
    with opened_bundle(path, today=today) as opened:
        return opened


@contextmanager
def opened_bundle(path: Path, *, today: dt.date | None = None) -> Iterator[OpenedBundle]:
    """:func:`open_bundle`, with the zip open until the ``with`` block ends."""
    verified = verify(path, today=today)
    facts = BundleFacts(
        name=path.name, sha256=file_sha256(path), bagging_date=None, payload=frozenset()
    )
    if verified.top is None:
        yield OpenedBundle(path, verified, facts, None)
        return
    handle, zf = open_zip(path)
    with handle, zf:
        prefix = f"{verified.top}/{bag.PAYLOAD_DIR}/"
        infos = {
            i.filename.removeprefix(prefix): i
            for i in zf.infolist()
            if i.filename.startswith(prefix) and not i.is_dir()
        }
        facts = facts.model_copy(
            update={"payload": frozenset(infos), "bagging_date": _bagging_date(zf, verified.top)}
        )
        portfolio = None
        if PORTFOLIO_FILE in infos:
            portfolio = load_payload(ZipPayload(zf, infos), label=path.name, today=today)
        yield OpenedBundle(path, verified, facts, portfolio)


def _bagging_date(zf: zipfile.ZipFile, top: str) -> dt.date | None:
    try:
        info = zf.getinfo(f"{top}/bag-info.txt")
        if info.file_size > MAX_TAG_BYTES:
            return None
        with zf.open(info) as handle:
            text = handle.read(MAX_TAG_BYTES).decode("utf-8")
    except (KeyError, OSError, UnicodeDecodeError, zipfile.BadZipFile, zlib.error, EOFError):
        return None
    fields, _ = bag.parse_bag_info(text)
    try:
        return dt.date.fromisoformat(fields.get("Bagging-Date", [""])[0])
    except ValueError:
        return None
