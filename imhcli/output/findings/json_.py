"""`--format json`: the spec's shape, one object, stable keys."""

from __future__ import annotations

import json
from typing import TextIO

from imhcli.diagnostics import CheckReport


def render(report: CheckReport, *, out: TextIO, color: bool | None = None) -> None:
    json.dump(report.model_dump(mode="json"), out, indent=2, ensure_ascii=False)
    out.write("\n")
