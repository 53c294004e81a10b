"""The register as CSV (cells safe for spreadsheets) and as JSON."""

from __future__ import annotations

import io
import json

from imhcli.models.register import Register
from imhcli.output.escaping import write_csv

COLUMNS = ("id", "name", "level", "level_title", "framework", "framework_title", "recognised")


def register_csv(register: Register) -> str:
    """Every cell quoted, and a formula's first character neutralised."""
    buffer = io.StringIO()
    rows = [listing.model_dump(mode="json") for listing in register.listings]
    write_csv(buffer, COLUMNS, ([row[name] for name in COLUMNS] for row in rows))
    return buffer.getvalue()


def register_json(register: Register) -> str:
    data = {
        "issuer": register.issuer.model_dump(),
        "listings": [listing.model_dump(mode="json") for listing in register.listings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
