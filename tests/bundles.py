"""Helpers for the bundle tests: a portfolio worth bundling, the CLI, hand-made zips."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import bagit

from imhcli.bundle.build import plan_bundle, write_bundle
from imhcli.models.bundle import BundleResult
from tests import conftest
from tests.conftest import write_portfolio

PORTFOLIO_YAML = conftest.PORTFOLIO_YAML + (
    "  organisation: Example NHS Trust\n"
    "  email: sam@example.org\n"
    "privacy:\n"
    "  deny_list: private/names.txt\n"
)


def entry(title: str, *, status: str = "final", extra: str = "", body: str = "Notes.\n") -> str:
    return (
        f"---\ntype: reflection\ntitle: {title}\ndate: 2025-03-04\nstatus: {status}\n"
        f'competencies: ["1.04"]\n{extra}---\n\n{body}'
    )


def make_portfolio(root: Path) -> Path:
    """A portfolio with everything a bundle must leave out, next to what it must hold."""
    files: dict[str, str | bytes] = {
        "entries/2025/a-visit.md": entry(
            "A visit", extra="evidence: [evidence/cert.pdf, evidence/notes]\n"
        ),
        "entries/2025/b-draft.md": entry("Not yet", status="draft"),
        "entries/2025/.hidden.md": entry("Hidden"),
        "entries/scratch/ignored.md": entry("Ignored"),
        "evidence/cert.pdf": b"%PDF-1.4 certificate\x00\xff" * 100,
        "evidence/notes/one.txt": "reading notes\n",
        "evidence/notes/.DS_Store": b"\x00\x01",
        "evidence/unreferenced.txt": "not pointed at by any entry\n",
        "private/names.txt": "Teodora\n",
        ".imhignore": "scratch/\n",
        ".imh-cache/check.json": "{}",
        ".git/config": "[core]\n",
        "README.md": "# my portfolio\n",
    }
    return write_portfolio(root, files, portfolio_yaml=PORTFOLIO_YAML)


#: What make_portfolio's bundle holds under data/.
EXPECTED_PAYLOAD = {
    "data/portfolio.yaml",
    "data/entries/2025/a-visit.md",
    "data/evidence/cert.pdf",
    "data/evidence/notes/one.txt",
    "data/report.html",
}


def write_zip(path: Path, entries: Iterable[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    """A zip with exactly these entries, in this order (duplicates allowed)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def rewrite_zip(source: Path, dest: Path, *, change: str, data: bytes) -> Path:
    """Copy a zip, replacing one entry's bytes (checksums in the bag left as they were)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == change else zin.read(info))
    return dest


def validated(zip_path: Path) -> bagit.Bag:
    """Unzip a bundle into a temporary folder and let the LoC bagit validate it (raises if not)."""
    with tempfile.TemporaryDirectory(prefix="imh-bag-") as tmp, zipfile.ZipFile(zip_path) as zf:
        zf.extractall(tmp)
        (top,) = list(Path(tmp).iterdir())
        assert top.name == zip_path.name.removesuffix(".zip")
        found = bagit.Bag(str(top))
        found.validate()
        return found


def make_bundle(folio: Path, out: Path, **options: Any) -> BundleResult:
    """Plan and write a bundle, then have bagit validate it."""
    progress = options.pop("progress", None)
    out.parent.mkdir(parents=True, exist_ok=True)  # imh creates no folders for -o
    result = write_bundle(plan_bundle(folio, **options), out, progress=progress)
    validated(Path(result.path))
    return result
