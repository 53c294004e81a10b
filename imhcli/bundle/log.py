"""The portfolio's log of the bundles it made: `.imh/bundles.jsonl`, one JSON object a line.

`imh bundle` appends a line for every zip it writes; `imh status` and `imh review
accept` read it to know which bundles this portfolio made. It lives in `.imh/`
beside imh's schema copy: never bundled, and committed with the portfolio.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import ValidationError

from imhcli.base.files import FileKind, safe_read
from imhcli.errors import UnsafeFileError
from imhcli.models.review import BundleRecord

LOG_FILE = ".imh/bundles.jsonl"
LOG = FileKind("bundle log", 8 * 1024 * 1024)


def record_bundle(root: Path, *, name: str, sha256: str, date: dt.date, files: int) -> Path:
    """Append one bundle to the log of the portfolio at ``root``; return the log's path."""
    record = BundleRecord(
        name=name,
        sha256=sha256,
        date=date,
        files=files,
        made=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    )
    path = root / LOG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(record.model_dump_json() + "\n")
    return path


def read_log(root: Path) -> list[BundleRecord]:
    """Every bundle the log records, oldest first; lines that are not records are skipped."""
    try:
        raw = safe_read(root / LOG_FILE, LOG, root=root)
    except UnsafeFileError:
        return []
    records = []
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            records.append(BundleRecord.model_validate(json.loads(line)))
        except (ValueError, RecursionError, ValidationError):
            continue
    return records
