"""`--format sarif`: SARIF 2.1.0, for code scanning dashboards.

Every code in :data:`imhcli.codes.CODES` is one rule whose id is the code itself,
so rule ids are stable across versions and runs. File locations are relative to
the folder imh ran in (``uriBaseId: %SRCROOT%``) unless a portfolio lies outside
it, when they are absolute ``file:`` URIs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from imhcli.codes import CODES
from imhcli.diagnostics import CheckReport, Diagnostic

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/imh/"
_RULE_INDEX = {code: index for index, code in enumerate(CODES)}


def rules() -> list[dict[str, Any]]:
    """One reportingDescriptor per code, in the order of the code table."""
    return [
        {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.summary},
            "defaultConfiguration": {"level": code.severity.value},
        }
        for code in CODES.values()
    ]


def driver() -> dict[str, Any]:
    import imhcli

    return {
        "name": "imh",
        "version": imhcli.__version__,
        "semanticVersion": imhcli.__version__,
        "informationUri": INFORMATION_URI,
        "rules": rules(),
    }


def artifact_location(diag: Diagnostic) -> dict[str, Any]:
    path = PurePosixPath(diag.portfolio) / diag.path if diag.portfolio else PurePosixPath(diag.path)
    if path.is_absolute():
        return {"uri": "file://" + quote(path.as_posix())}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}


def result(diag: Diagnostic) -> dict[str, Any]:
    """One SARIF result for a finding; the hint goes to the result's property bag."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(diag)}
    if diag.line is not None:
        physical["region"] = {"startLine": diag.line, "startColumn": diag.column or 1}
    found: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": _RULE_INDEX[diag.code],
        "level": diag.severity.value,
        "message": {"text": diag.message},
        "locations": [{"physicalLocation": physical}],
    }
    if diag.hint:
        found["properties"] = {"hint": diag.hint}
    return found


def document(diagnostics: Iterable[Diagnostic]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver()},
                "columnKind": "unicodeCodePoints",
                "results": [result(d) for d in diagnostics],
            }
        ],
    }


def render(report: CheckReport, *, out: TextIO, color: bool | None = None) -> None:
    json.dump(document(report.diagnostics), out, indent=2, ensure_ascii=False)
    out.write("\n")


class SarifStream:
    """Writes one SARIF document whose results arrive in batches (``imh cohort``)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        head = json.dumps(document([]), indent=2, ensure_ascii=False)
        self._tail = head[head.rindex('"results": []') + len('"results": []') :]
        out.write(head[: head.rindex('"results": []')] + '"results": [')

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diag in diagnostics:
            self.out.write(("," if self.count else "") + "\n        ")
            self.out.write(json.dumps(result(diag), ensure_ascii=False))
            self.count += 1

    def close(self) -> None:
        self.out.write(("\n      " if self.count else "") + "]" + self._tail + "\n")
