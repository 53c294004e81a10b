# ruff: noqa: F811 - the `bundle` fixture from test_verify is each test's argument
"""Forged bundles are refused: a case-colliding folder, an edited report with re-made
manifests, a tag file nothing vouches for; and `imh report`/`gaps`/`hours`/`requirements`
read a verified zip in memory, refusing one that does not verify.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import bagit
import pytest

from imhcli.bundle.verify import verify
from tests.conftest import Run
from tests.test_verify import TOP, bundle  # noqa: F401 - the fixture


def _unzip(bundle: Path, into: Path) -> Path:
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(into)
    return into / TOP


def _zip(folder: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            zf.write(path, f"{TOP}/{path.relative_to(folder).as_posix()}")
    return out


def _resave(folder: Path) -> None:
    """What a forger does after an edit: re-make every manifest with the bagit package."""
    bagit.Bag(str(folder)).save(manifests=True)


def _codes(path: Path) -> list[tuple[str, str]]:
    return [(d.code, d.path) for d in verify(path).report.diagnostics]


def test_an_edited_report_with_remade_manifests_is_refused(
    run: Run, bundle: Path, tmp_path: Path
) -> None:
    folder = _unzip(bundle, tmp_path / "x")
    report = folder / "data" / "report.html"
    page = report.read_text(encoding="utf-8")
    assert "%" in page
    report.write_text(page.replace("</h1>", " (recommended)</h1>", 1), encoding="utf-8")
    _resave(folder)
    forged = _zip(folder, tmp_path / "forged.zip")
    found = _codes(forged)
    assert ("IMH606", "data/report.html") in found
    assert not verify(forged).valid
    ran = run("report", forged, "-o", tmp_path / "view.html", expect=1)
    assert "IMH606" in ran.stderr and not (tmp_path / "view.html").exists()


def test_a_case_colliding_folder_is_refused(bundle: Path, tmp_path: Path) -> None:
    folder = _unzip(bundle, tmp_path / "x")
    forged = _zip(folder, tmp_path / "forged.zip")
    with zipfile.ZipFile(forged, "a") as zf:
        zf.writestr(f"{TOP}/DATA/evidence/forged-certificate.pdf", b"%PDF-1.4 forged")
    found = _codes(forged)
    assert any(code == "IMH601" and "DATA" in path for code, path in found), found
    assert not verify(forged).valid


def test_a_tag_file_no_manifest_lists_is_a_warning(bundle: Path, tmp_path: Path) -> None:
    folder = _unzip(bundle, tmp_path / "x")
    (folder / "open-me.html").write_text("<h1>Approved</h1>", encoding="utf-8")
    forged = _zip(folder, tmp_path / "forged.zip")
    result = verify(forged)
    assert [(d.code, d.path, d.severity.value) for d in result.report.diagnostics] == [
        ("IMH607", "open-me.html", "warning")
    ]


def test_verify_names_who_when_and_the_zip_hash(run: Run, bundle: Path) -> None:
    import hashlib

    ran = run("verify", bundle)
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert f"sha256        {digest}" in ran.stderr
    assert "practitioner  Sam Example" in ran.stderr
    assert "level         2" in ran.stderr
    assert "Bagging-Date  " in ran.stderr


@pytest.mark.parametrize("command", ["report", "gaps", "hours", "requirements"])
def test_commands_read_a_verified_bundle_in_memory(
    run: Run, bundle: Path, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(bundle.parent)
    extra = ["--profile", "nmc-revalidation"] if command == "requirements" else []
    ran = run(command, bundle.name, *extra)
    assert ran.stdout
    assert sorted(p.name for p in bundle.parent.iterdir()) == [bundle.name]  # nothing extracted


def test_report_from_a_bundle_is_the_bundled_report(run: Run, bundle: Path) -> None:
    page = run("report", bundle).stdout
    with zipfile.ZipFile(bundle) as zf:
        assert page == zf.read(f"{TOP}/data/report.html").decode("utf-8")


def test_a_bundle_that_does_not_verify_is_refused_by_every_command(
    run: Run, bundle: Path, tmp_path: Path
) -> None:
    folder = _unzip(bundle, tmp_path / "x")
    shutil.copy(folder / "data" / "portfolio.yaml", folder / "data" / "extra.yaml")
    broken = _zip(folder, tmp_path / "broken.zip")  # the new file is in no manifest
    for command in ("report", "gaps", "hours", "requirements"):
        extra = ["--profile", "nmc-revalidation"] if command == "requirements" else []
        ran = run(command, broken, *extra, expect=1)
        assert "IMH603" in ran.stderr and "does not verify" in ran.stderr
