"""Reading a review file: bytes in, the model and what is wrong with it out.

A review comes from outside the portfolio (an assessor's machine, an e-mail), so
it is read as warily as an entry: a size limit, UTF-8 only, the hardened YAML
loader (no alias bombs, no crash on deep nesting), and every problem a finding.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from imhcli.base.files import FileKind, safe_read
from imhcli.diagnostics import Finding
from imhcli.errors import PathNotFoundError, UnsafeFileError
from imhcli.load.validate import findings_from, without_extras
from imhcli.load.yaml_loaders import YamlProblem, load_fast
from imhcli.models.review import Review

#: Largest review file read, in bytes: a few hundred competencies with comments.
MAX_REVIEW_BYTES = 2 * 1024 * 1024
#: How a review file is read (through safe_read).
REVIEW_FILE = FileKind("review", MAX_REVIEW_BYTES)
SIGNATURE = FileKind("review signature", 64 * 1024)
ALLOWED_SIGNERS = FileKind("allowed-signers file", 1024 * 1024)


@dataclass(slots=True)
class ReviewFile:
    """One review as read: its bytes, text, data, model (None if invalid) and findings."""

    name: str
    raw: bytes
    text: str | None = None
    data: dict[Any, Any] | None = None
    model: Review | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """The digest a later review names in ``previous:``."""
        return hashlib.sha256(self.raw).hexdigest()


def read_review(path: Path) -> ReviewFile:
    """Read and validate the review at ``path``. Raises only when there is no such file."""
    try:
        raw = safe_read(path, REVIEW_FILE)
    except UnsafeFileError as exc:
        if exc.reason == "missing":
            raise PathNotFoundError(path=path) from None
        found = ReviewFile(path.name, b"")
        found.findings.append(_at_start("IMH109", exc.message, exc.hint))
        return found
    return parse_review(raw, name=path.name)


def parse_review(raw: bytes, *, name: str) -> ReviewFile:
    """Validate a review from its bytes (a file, or a file inside a zip)."""
    found = ReviewFile(name, raw)
    if len(raw) > MAX_REVIEW_BYTES:
        limit = MAX_REVIEW_BYTES // (1024 * 1024)
        found.findings.append(_at_start("IMH109", f"the file is larger than {limit} MiB"))
        return found
    try:
        found.text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        found.findings.append(
            _at_start(
                "IMH108", f"the file is not UTF-8 text (byte {exc.start})", "save it as UTF-8"
            )
        )
        return found
    try:
        data = load_fast(found.text)
    except YamlProblem as exc:
        found.findings.append(exc.finding())
        return found
    if not isinstance(data, dict):
        found.findings.append(
            _at_start("IMH101", "a review is a mapping of `key: value` lines", _START_HINT)
        )
        return found
    found.data = data
    found.model, problems = validate_review(data)
    # A missing top-level key belongs nowhere in the file: it is placed at its start.
    found.findings.extend(
        p if p.loc or p.line is not None else replace(p, line=1, column=1) for p in problems
    )
    return found


_START_HINT = "start from the file `imh review init` writes"


def _at_start(code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(code, message, hint, line=1, column=1)


def validate_review(data: dict[Any, Any]) -> tuple[Review | None, list[Finding]]:
    """The model of a review's data (None if invalid) and findings about it.

    Unknown keys are warnings (IMH106) and leave a model; a judgement outside the
    set is IMH703.
    """
    try:
        return Review.model_validate(data), []
    except ValidationError as exc:
        found = [_recoded(f) for f in findings_from(exc, Review)]
    model = None
    if all(f.code == "IMH106" for f in found):
        model = without_extras(data, found, Review)
    return model, found


def _recoded(finding: Finding) -> Finding:
    loc = finding.loc
    if finding.code != "IMH105" or loc[:1] != ("competencies",) or loc[2:] != ("judgement",):
        return finding
    return Finding(
        "IMH703",
        finding.message.replace(f"`competencies.{loc[1]}.judgement`", "judgement"),
        finding.hint or "write not-assessed, not-met, partially-met or met",
        loc,
    )
