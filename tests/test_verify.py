"""`imh verify`: tampering is named, hostile zips are refused, nothing is extracted."""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from pathlib import Path

import bagit
import pytest

from imhcli.base.bundling import Limits
from imhcli.bundle.bag import BAGIT_TXT
from imhcli.bundle.verify import verify
from tests.bundles import entry, make_bundle, make_portfolio, rewrite_zip, write_zip
from tests.conftest import Run

TOP = "sam-example-level2-2026-01-31"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A good bundle, made from a portfolio in its own folder."""
    folio = make_portfolio(tmp_path / "src" / "folio")
    (tmp_path / "in").mkdir()
    return Path(make_bundle(folio, tmp_path / "in" / f"{TOP}.zip").path)


def codes(path: Path, *, limits: Limits | None = None) -> list[tuple[str, str]]:
    return [(d.code, d.path) for d in verify(path, limits=limits).report.diagnostics]


def test_a_good_bundle_is_valid(run: Run, bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bundle.parent)
    ran = run("verify", bundle.name, "--format", "json")
    assert json.loads(ran.stdout)["diagnostics"] == []
    assert "valid (5 payload files" in ran.stderr
    assert sorted(p.name for p in bundle.parent.iterdir()) == [bundle.name]  # nothing extracted


def test_changing_one_byte_of_a_payload_file_names_it(
    run: Run, bundle: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(bundle) as zf:
        original = zf.read(f"{TOP}/data/evidence/notes/one.txt")
    changed = bytes([original[0] ^ 1]) + original[1:]
    tampered = rewrite_zip(
        bundle, tmp_path / "t.zip", change=f"{TOP}/data/evidence/notes/one.txt", data=changed
    )
    result = verify(tampered)
    assert not result.valid
    assert [(d.code, d.path) for d in result.report.diagnostics] == [
        ("IMH604", "data/evidence/notes/one.txt")
    ]
    ran = run("verify", tampered, expect=1)
    assert "data/evidence/notes/one.txt" in ran.stdout and "IMH604" in ran.stdout


def test_a_flipped_byte_in_the_zip_itself_is_found(bundle: Path, tmp_path: Path) -> None:
    raw = bytearray(bundle.read_bytes())
    at = raw.find(b"%PDF-1.4 certificate") + 5  # inside the stored (uncompressed) pdf
    raw[at] ^= 0xFF
    damaged = tmp_path / "d.zip"
    damaged.write_bytes(bytes(raw))
    assert codes(damaged) == [("IMH604", "data/evidence/cert.pdf")]


def test_an_added_file_breaks_oxum_and_the_manifests(bundle: Path, tmp_path: Path) -> None:
    shutil.copy(bundle, tmp_path / "x.zip")
    with zipfile.ZipFile(tmp_path / "x.zip", "a") as zf:
        zf.writestr(f"{TOP}/data/evidence/extra.txt", "slipped in\n")
    found = codes(tmp_path / "x.zip")
    assert ("IMH603", "data/evidence/extra.txt") in found
    assert ("IMH605", "bag-info.txt") in found


def test_bagit_txt_must_be_exact(bundle: Path, tmp_path: Path) -> None:
    changed = rewrite_zip(
        bundle, tmp_path / "b.zip", change=f"{TOP}/bagit.txt", data=b"BagIt-Version: 0.97\n"
    )
    found = codes(changed)
    assert ("IMH605", "bagit.txt") in found
    assert ("IMH604", "bagit.txt") in found  # the tag manifest notices too


def test_payload_is_checked_like_imh_check(tmp_path: Path) -> None:
    """A bag made by the Library of Congress tool: verify accepts it, then checks its portfolio."""
    folio = make_portfolio(tmp_path / "bag")
    (folio / "private" / "names.txt").unlink()
    (folio / "entries" / "2025" / "c-phone.md").write_text(
        entry("Call", body="Ring dad on 07700 900123.\n")
    )
    for hidden in (".imhignore", ".imh-cache", ".git"):
        path = folio / hidden
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.rmtree(folio / "entries" / "scratch")
    bagit.make_bag(str(folio), {"Bagging-Date": "2026-01-31"}, checksums=["sha256", "sha512"])
    # bagit.py writes version 0.97; declare 1.0 and let it rewrite its tag manifest.
    (folio / "bagit.txt").write_text(BAGIT_TXT)
    made = bagit.Bag(str(folio))
    made.save()
    made.validate()
    zip_path = tmp_path / "bag.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        for path in sorted(p for p in folio.rglob("*") if p.is_file()):
            zf.write(path, f"bag/{path.relative_to(folio).as_posix()}")
    result = verify(zip_path)
    found = [(d.code, d.path, d.line) for d in result.report.diagnostics]
    assert found == [("IMH403", "data/entries/2025/c-phone.md", 9)]
    assert not result.valid


def _link(name: str, *, kind: int = stat.S_IFLNK, system: int = 3) -> zipfile.ZipInfo:
    """An entry whose mode bits say ``kind``, as made on ``system`` (3 Unix, 0 MS-DOS)."""
    info = zipfile.ZipInfo(name)
    info.create_system = system
    info.external_attr = (kind | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([("../evil.txt", b"x")], ("IMH601", "../evil.txt")),
        ([("b/../../evil.txt", b"x")], ("IMH601", "b/../../evil.txt")),
        ([("/tmp/evil.txt", b"x")], ("IMH601", "/tmp/evil.txt")),
        ([("b\\..\\evil.txt", b"x")], ("IMH601", "b\\..\\evil.txt")),
        ([("b/data/a.txt", b"x"), ("b/data/a.txt", b"y")], ("IMH601", "b/data/a.txt")),
        ([("b/data/A.txt", b"x"), ("b/data/a.txt", b"y")], ("IMH601", "b/data/a.txt")),
        ([(_link("b/data/passwd"), b"/etc/passwd")], ("IMH601", "b/data/passwd")),
        ([("b/data/zeros.txt", bytes(8 * 1024 * 1024))], ("IMH602", "b/data/zeros.txt")),
        ([(_link("b/data/p", system=0), b"/etc/passwd")], ("IMH601", "b/data/p")),
        ([(_link("b/data/p", system=11), b"/etc/passwd")], ("IMH601", "b/data/p")),
        ([(_link("b/data/f", kind=stat.S_IFIFO, system=0), b"")], ("IMH601", "b/data/f")),
        ([(_link("b/data/d", kind=stat.S_IFCHR), b"")], ("IMH601", "b/data/d")),
        ([(_link("b/data/s", kind=stat.S_IFSOCK), b"")], ("IMH601", "b/data/s")),
        ([("b/data/a\x7f.txt", b"x")], ("IMH601", "b/data/a\x7f.txt")),
        ([("b/data/a\x85.txt", b"x")], ("IMH601", "b/data/a\x85.txt")),
        ([("b/data/a\x1b[31m.txt", b"x")], ("IMH601", "b/data/a\x1b[31m.txt")),
        ([("b/data/cv\u202efdp.exe", b"x")], ("IMH601", "b/data/cv\u202efdp.exe")),
        ([("b/data/a\u2066b.txt", b"x")], ("IMH601", "b/data/a\u2066b.txt")),
    ],
    ids=[
        *("dotdot", "inner-dotdot", "absolute", "backslash", "duplicate", "case", "link"),
        *("bomb", "link-from-msdos", "link-from-macos", "fifo-from-msdos", "device", "socket"),
        *("del", "c1", "escape", "bidi-override", "bidi-isolate"),
    ],
)
def test_hostile_zips_are_refused_without_writing(
    run: Run,
    entries: list[tuple[str | zipfile.ZipInfo, bytes]],
    expected: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work" / "inner"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    hostile = write_zip(work / "hostile.zip", entries)
    result = verify(hostile)
    assert not result.valid
    assert expected in [(d.code, d.path) for d in result.report.diagnostics]
    ran = run("verify", hostile.name, expect=1)
    assert expected[0] in ran.stdout
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == ["work", "work/inner", "work/inner/hostile.zip"]
    assert not Path("/tmp/evil.txt").exists()


def test_too_many_files_is_refused(tmp_path: Path) -> None:
    many = write_zip(tmp_path / "m.zip", [(f"b/data/{i}.txt", b"") for i in range(30)])
    assert codes(many, limits=Limits(max_files=20)) == [("IMH602", "")]
    at_most = Limits(max_bytes=0, max_files=30)  # 30 empty files: within both limits
    assert "IMH602" not in [code for code, _ in codes(many, limits=at_most)]


def test_a_zip_without_one_top_folder(tmp_path: Path) -> None:
    loose = write_zip(tmp_path / "l.zip", [("a/bagit.txt", b""), ("b/bagit.txt", b"")])
    assert codes(loose) == [("IMH603", "")]


def test_unreadable_bundle_exits_2(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("not.zip").write_bytes(b"this is not a zip")
    ran = run("verify", "not.zip", expect=2)
    assert "cannot be read as a zip" in ran.stderr
    run("verify", "missing.zip", expect=2)


def test_damaged_bundles_never_crash(bundle: Path, tmp_path: Path) -> None:
    """Random bytes changed anywhere in a good bundle: a finding or exit 2, never a traceback."""
    import random

    from imhcli.errors import UnreadableBundleError

    raw = bundle.read_bytes()
    rng = random.Random(7)
    outcomes = {"unreadable": 0, "invalid": 0, "valid": 0}
    for _ in range(120):
        damaged = bytearray(raw)
        for _ in range(rng.choice([1, 3, 10])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / "fuzz.zip"
        path.write_bytes(bytes(damaged[: rng.choice([len(damaged), rng.randrange(len(raw))])]))
        try:
            outcomes["valid" if verify(path).valid else "invalid"] += 1
        except UnreadableBundleError:
            outcomes["unreadable"] += 1
    assert outcomes["invalid"] > 0 and outcomes["unreadable"] > 0, outcomes


def test_manifest_paths_are_percent_decoded_as_rfc_8493_says() -> None:
    from imhcli.bundle.bag import decode_path, encode_path, parse_manifest

    name = "data/100% a\nb\r.txt"
    assert encode_path(name) == "data/100%25 a%0Ab%0D.txt"
    assert decode_path(encode_path(name)) == name
    entries, bad = parse_manifest(f"ABC123  {encode_path(name)}\nnot a line\n")
    assert entries == {name: "abc123"} and bad == [2]
