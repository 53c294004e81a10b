"""`imh bundle` and `imh verify` output: what was written, and what verifying found."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from imhcli.base.words import plural
from imhcli.output.findings import FINDINGS
from imhcli.output.registry import Registry, Renderer, render_json

if TYPE_CHECKING:
    from imhcli.models.bundle import BundleResult, VerifyResult

#: `imh bundle --format`: the renderers of a written bundle.
BUNDLE: Registry[Renderer[BundleResult]] = Registry("bundle")
#: `imh verify --format`: the renderers of a verified bundle (its findings).
VERIFY: Registry[Renderer[VerifyResult]] = Registry("verify")


@BUNDLE.add("text")
def bundle_text(result: BundleResult, *, out: TextIO, color: bool | None = None) -> None:
    """The zip's path, then its size, payload and checksum, one to a line."""
    out.write(
        f"{result.path}\n  size    {size(result.size)}\n"
        f"  files   {result.files} in the payload ({size(result.payload_bytes)})\n"
        f"  sha256  {result.sha256}\n"
    )


BUNDLE.add("json")(render_json)


def size(n: int) -> str:
    """``1.2 MB (1,234,567 bytes)``: a size to read, and the exact count."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit} ({n:,} bytes)"
    return f"{n:,} bytes"


@VERIFY.add("text")
def verify_text(result: VerifyResult, *, out: TextIO, color: bool | None = None) -> None:
    """The findings as `imh check` writes them."""
    FINDINGS["text"](result.report, out=out, color=color)


@VERIFY.add("json")
def verify_json(result: VerifyResult, *, out: TextIO, color: bool | None = None) -> None:
    """The findings in `imh check --format json`'s shape."""
    FINDINGS["json"](result.report, out=out, color=color)


def verdict(bundle: Path, result: VerifyResult) -> str:
    """What ends `imh verify` on stderr: valid or not, the payload's size, then who, which
    level, the Bagging-Date and the zip's sha256, to compare with what the assessor was sent.
    """
    from imhcli.output.escaping import visible

    verdict = "valid" if result.valid else "NOT valid"
    files = plural(result.payload_files, "payload file")
    lines = [f"{visible(str(bundle))}: {verdict} ({files}, {result.payload_bytes:,} bytes)"]
    facts = [
        ("practitioner", result.practitioner),
        ("level", None if result.level is None else str(result.level)),
        ("Bagging-Date", result.bagging_date),
        ("sha256", result.sha256 or None),
    ]
    lines += [f"  {label:<13} {visible(text)}" for label, text in facts if text is not None]
    return "\n".join(lines) + "\n"
