"""A bundle's payload read as a portfolio, from the zip and never extracted.

:func:`load_zip_payload` reads the files under ``data/`` through ``ZipFile.open``;
:func:`read_bundle` verifies a bundle and then keeps its payload's text in memory,
so `imh report`, `imh gaps`, `imh hours` and `imh requirements` can work on a zip an
assessor was sent. :func:`check_report` compares the bundled report with the one
the payload gives.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from imhcli.bundle import bag
from imhcli.diagnostics import Diagnostic
from imhcli.load.portfolio import Portfolio

if TYPE_CHECKING:
    from imhcli.bundle.verify import VerifiedBundle

if TYPE_CHECKING:
    pass

#: Largest payload file read as text (portfolio.yaml, an entry, a framework).
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Largest bundled report compared with the payload's.
MAX_REPORT_BYTES = 64 * 1024 * 1024
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError)
#: Payload files kept in memory by :func:`read_bundle`; others are known by name and size.
_TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".txt", ".csv", ".tsv", ".json")


class ZipPayload:
    """The files under ``<top>/data/``, read through ZipFile.open, never extracted."""

    def __init__(self, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> None:
        self.zf = zf
        self.infos = infos
        self.names = frozenset(infos)

    def size(self, rel: str) -> int:
        return self.infos[rel].file_size

    def read(self, rel: str) -> bytes:
        info = self.infos[rel]
        try:
            with self.zf.open(info) as handle:
                return handle.read(MAX_TEXT_BYTES + 1)
        except _READ_ERRORS as exc:
            raise OSError(f"damaged in the bundle ({exc})") from None


def load_zip_payload(
    zf: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    *,
    label: str,
    today: dt.date | None,
) -> Portfolio:
    """The portfolio whose files are ``infos`` (payload-relative names) in ``zf``."""
    from imhcli.load.portfolio import load_payload

    return load_payload(ZipPayload(zf, infos), label=label, today=today)


Found = tuple[str, str, str, str | None]


def check_report(
    zf: zipfile.ZipFile,
    payload: dict[str, zipfile.ZipInfo],
    portfolio: Portfolio,
    bagging_date: dt.date | None,
) -> Iterator[Found]:
    """IMH606 when ``data/report.html`` is not the report the payload gives on its date.

    Rendering is deterministic for a payload and a date, so a report edited after
    bagging (and its manifests re-made) differs byte for byte. Yields (code,
    message, path, hint).
    """
    from imhcli.rules.payload import REPORT_FILE
    from imhcli.errors import ImhError
    from imhcli.output.report import render_report

    name = f"{bag.PAYLOAD_DIR}/{REPORT_FILE}"
    info = payload.get(name)
    if info is None or bagging_date is None or info.file_size > MAX_REPORT_BYTES:
        return  # no report to mislead anyone; or IMH605 says why
    try:
        expected = render_report(portfolio, today=bagging_date).encode("utf-8")
        with zf.open(info) as handle:
            bundled = handle.read(MAX_REPORT_BYTES + 1)
    except (ImhError, *_READ_ERRORS):
        return  # the payload's own findings, or IMH604, say why
    if bundled != expected:
        yield (
            "IMH606",
            f"{name} is not the report the payload gives on its Bagging-Date: it was "
            "edited after the bundle was made",
            name,
            "do not rely on it; `imh report BUNDLE.zip` makes a trustworthy one from the payload",
        )


def payload_checks(portfolio: Portfolio) -> Iterator[Diagnostic]:
    """Every rule over the payload portfolio, with paths under ``data/``."""
    from imhcli.check.engine import run_rules

    prefix = bag.PAYLOAD_DIR + "/"
    for diag in run_rules(portfolio):
        yield diag.model_copy(update={"path": prefix + diag.path})


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
    except _READ_ERRORS as exc:
        raise UnreadableBundleError(path=path, why=str(exc) or type(exc).__name__) from None
    files = MemoryPayload({rel: info.file_size for rel, info in infos.items()}, texts)
    return verified, load_payload(files, label=path.name, today=today)
