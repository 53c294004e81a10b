"""A bundle's payload read as a portfolio, from the zip and never extracted.

:func:`load_zip_payload` reads the files under ``data/`` through ``ZipFile.open``;
:func:`check_report` compares the bundled report with the one the payload gives.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Iterator

from imhcli.bundle import bag
from imhcli.diagnostics import Diagnostic
from imhcli.load.portfolio import Portfolio

#: Largest payload file read as text (portfolio.yaml, an entry, a framework).
MAX_TEXT_BYTES = 5 * 1024 * 1024
#: Largest bundled report compared with the payload's.
MAX_REPORT_BYTES = 64 * 1024 * 1024
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError)


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
        except READ_ERRORS as exc:
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
    from imhcli.errors import ImhError
    from imhcli.output.report import render_report
    from imhcli.rules.payload import REPORT_FILE

    name = f"{bag.PAYLOAD_DIR}/{REPORT_FILE}"
    info = payload.get(name)
    if info is None or bagging_date is None or info.file_size > MAX_REPORT_BYTES:
        return  # no report to mislead anyone; or IMH605 says why
    try:
        expected = render_report(portfolio, today=bagging_date).encode("utf-8")
        with zf.open(info) as handle:
            bundled = handle.read(MAX_REPORT_BYTES + 1)
    except (ImhError, *READ_ERRORS):
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
