"""The register as CSV (cells safe for spreadsheets) and as JSON."""

from __future__ import annotations

import csv
import io
import json

from imhcli.models.register import Register
from imhcli.output.escaping import csv_cell

COLUMNS = ("id", "name", "level", "level_title", "framework", "framework_title", "recognised")


def register_csv(register: Register) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for listing in register.listings:
        row = listing.model_dump(mode="json")
        writer.writerow(csv_cell(row[name]) for name in COLUMNS)
    return buffer.getvalue()


def register_json(register: Register) -> str:
    data = {
        "issuer": register.issuer.model_dump(),
        "listings": [listing.model_dump(mode="json") for listing in register.listings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
