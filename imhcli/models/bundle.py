"""What `imh bundle` and `imh verify` give: results that :mod:`imhcli.output` renders."""

from __future__ import annotations

from pydantic import BaseModel

from imhcli.diagnostics import CheckReport


class BundleResult(BaseModel):
    """A written bundle: where, how big, how many payload files, and its sha256."""

    path: str
    size: int
    files: int
    payload_bytes: int
    sha256: str


class VerifyResult(BaseModel):
    """What `imh verify` found: the findings, and whether the bag is valid."""

    path: str
    top: str | None
    valid: bool
    payload_files: int
    payload_bytes: int
    report: CheckReport
    #: What the assessor compares with what they were told: who, which level, when
    #: bagged, and the sha256 of the zip file itself.
    practitioner: str | None = None
    level: int | None = None
    bagging_date: str | None = None
    sha256: str = ""

    def exit_code(self) -> int:
        """0 for a valid bag, 1 for one with errors (an unreadable zip raises instead)."""
        return 0 if self.valid else 1
