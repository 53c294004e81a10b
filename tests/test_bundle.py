"""`imh bundle`: every bundle made here is validated by the Library of Congress `bagit`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest

from imhcli.bundle.build import plan_bundle, write_bundle
from imhcli.bundle.verify import verify
from tests.bundles import EXPECTED_PAYLOAD, entry, make_bundle, make_portfolio, validated
from tests.conftest import Run, write_portfolio

DATE = "2026-01-31"


@pytest.fixture
def folio(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path / "folio")


def test_bundle_is_a_valid_bag_with_the_right_payload(
    run: Run, folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ran = run("bundle", folio, "--date", DATE)
    out = tmp_path / f"sam-example-level2-{DATE}.zip"
    lines = ran.stdout.splitlines()
    assert lines[0] == out.name
    assert f"sha256  {hashlib.sha256(out.read_bytes()).hexdigest()}" in ran.stdout
    assert "files   5 in the payload" in ran.stdout
    found = validated(out)
    assert set(found.payload_entries()) == EXPECTED_PAYLOAD
    info = found.info
    assert info["Bagging-Date"] == DATE
    assert info["Contact-Name"] == "Sam Example"
    assert info["Source-Organization"] == "Example NHS Trust"
    assert info["External-Identifier"] == out.name.removesuffix(".zip")
    assert set(found.algorithms) == {"sha256", "sha512"}
    assert found.tagfile_entries()  # tagmanifest-sha256.txt lists the tag files
    with zipfile.ZipFile(out) as zf:
        assert b"<html" in zf.read(f"{out.stem}/data/report.html").lower()


def test_zip_entries_are_reproducible(folio: Path, tmp_path: Path) -> None:
    plan = plan_bundle(folio, date=None)
    result = make_bundle(folio, tmp_path / "b.zip")
    with zipfile.ZipFile(result.path) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {plan.when}
    assert {i.create_system for i in infos} == {3}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    stored = {i.filename for i in infos if i.compress_type == zipfile.ZIP_STORED}
    assert stored == {"b/data/evidence/cert.pdf"}


def test_two_builds_are_byte_identical(
    folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = make_bundle(folio, tmp_path / "one" / "s.zip")
    os.utime(folio / "evidence" / "cert.pdf", (0, 0))  # file times must not matter
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767139200")  # 2025-12-31, as --date would
    second = make_bundle(folio, tmp_path / "two" / "s.zip")
    third = make_bundle(folio, tmp_path / "s.zip")
    assert first.sha256 != second.sha256  # a different bagging date
    assert second.sha256 == third.sha256
    assert Path(second.path).read_bytes() == Path(third.path).read_bytes()


def test_same_date_option_gives_identical_zips(
    run: Run, folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        run("bundle", folio, "--date", DATE)
    name = f"sam-example-level2-{DATE}.zip"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    validated(tmp_path / "a" / name)


def test_include_drafts(folio: Path, tmp_path: Path) -> None:
    result = make_bundle(folio, tmp_path / "d.zip", include_drafts=True)
    payload = set(validated(Path(result.path)).payload_entries())
    assert payload == EXPECTED_PAYLOAD | {"data/entries/2025/b-draft.md"}


def test_refuses_a_portfolio_with_errors_and_lists_them(
    run: Run, folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folio / "entries" / "2025" / "c-address.md").write_text(
        entry("Moved", body="The family moved to SW1A 1AA.\nTeodora is settling.\n")
    )
    monkeypatch.chdir(tmp_path)
    ran = run("bundle", folio, "--date", DATE, expect=1)
    assert "IMH402" in ran.stderr and "IMH406" in ran.stderr
    assert "c-address.md:9:21 IMH402" in ran.stderr
    assert not list(tmp_path.glob("*.zip"))


def test_refuses_an_about_path_to_a_draft(folio: Path, tmp_path: Path) -> None:
    (folio / "entries" / "2025" / "c-about.md").write_text(
        entry("About the draft", extra="about: [entries/2025/b-draft.md]\n")
    )
    plan = plan_bundle(folio)
    assert plan.refused
    found = {(d.code, d.path, d.line) for d in plan.report.diagnostics}
    # the bundle refuses the path (IMH203); the check warns of the draft already (IMH207)
    assert found == {
        ("IMH203", "entries/2025/c-about.md", 7),
        ("IMH207", "entries/2025/c-about.md", 7),
    }
    assert not plan_bundle(folio, include_drafts=True).refused


def test_refuses_evidence_reached_through_a_link_that_leaves(folio: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside\n")
    (folio / "evidence" / "notes" / "linked.txt").symlink_to(secret)
    plan = plan_bundle(folio)
    assert plan.refused
    assert [(d.code, d.path) for d in plan.report.diagnostics] == [
        ("IMH204", "entries/2025/a-visit.md")
    ]


def test_never_overwrites_without_force(
    run: Run, folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "mine.zip"
    target.write_bytes(b"precious")
    ran = run("bundle", folio, "-o", target, expect=2)
    assert "already exists" in ran.stderr
    assert target.read_bytes() == b"precious"
    ran = run("bundle", folio, "-o", target, "--force", "--format", "json")
    result = json.loads(ran.stdout)
    assert result["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert result["files"] == 5
    validated(target)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_folder_gets_the_default_name(
    run: Run, folio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    run("bundle", folio, "-o", "out", "--date", DATE)
    validated(tmp_path / "out" / f"sam-example-level2-{DATE}.zip")


def test_example_portfolios_bundle_and_validate(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    for root in sorted(p for p in examples.iterdir() if (p / "portfolio.yaml").is_file()):
        plan = plan_bundle(root, date=None)
        assert not plan.refused, plan.report.diagnostics
        result = write_bundle(plan, tmp_path / f"{root.name}.zip")
        names = validated(Path(result.path)).payload_entries()
        assert not [n for n in names if "/private/" in n or "draft" in n]


def test_signed_forms_travel_with_the_bundle() -> None:
    """A discussion's or a confirmation's `form:` is carried like its evidence."""
    example = Path(__file__).resolve().parent.parent / "examples" / "level-2-health-visitor"
    plan = plan_bundle(example, date=None)
    assert not plan.refused, plan.report.diagnostics
    carried = {item.rel for item in plan.items}
    assert "evidence/2026-10-07-reflective-discussion-form.pdf" in carried
    assert "evidence/2026-11-18-confirmation-form.pdf" in carried


def test_progress_is_reported_up_to_the_total(folio: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    plan = plan_bundle(folio)
    make_bundle(folio, tmp_path / "p.zip", progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == len(plan.items)
    assert calls[-1] == (plan.payload_bytes, plan.payload_bytes)


def test_a_custom_framework_file_travels_with_the_bundle(folio: Path, tmp_path: Path) -> None:
    from imhcli.base.resources import bundled_framework
    from imhcli.bundle.verify import verify

    source = bundled_framework("imhcf-2019")
    assert source is not None
    (folio / "frameworks").mkdir()
    (folio / "frameworks" / "ours.yaml").write_bytes(source.read_bytes())
    yaml = (folio / "portfolio.yaml").read_text()
    (folio / "portfolio.yaml").write_text(
        yaml.replace("framework: imhcf-2019", "framework: frameworks/ours.yaml")
    )
    result = make_bundle(folio, tmp_path / "f.zip")
    payload = validated(Path(result.path)).payload_entries()
    assert "data/frameworks/ours.yaml" in payload
    checked = verify(Path(result.path))
    assert checked.valid, checked.report.diagnostics


def test_refuses_names_that_differ_only_in_case(folio: Path) -> None:
    (folio / "entries" / "2025" / "A-Visit.md").write_text(entry("Same name, other case"))
    plan = plan_bundle(folio)
    assert plan.refused
    assert [d.code for d in plan.report.diagnostics] == ["IMH601"]


def test_odd_file_names_survive_the_manifests(folio: Path, tmp_path: Path) -> None:
    from imhcli.bundle.verify import verify

    odd = ["evidence/café notes.txt", "evidence/a  b.txt", "evidence/#1 (final).txt"]
    for rel in odd:
        (folio / rel).write_text("notes\n")
    visit = folio / "entries" / "2025" / "a-visit.md"
    listed = ", ".join(f'"{rel}"' for rel in odd)
    visit.write_text(visit.read_text().replace("evidence/notes]", f"evidence/notes, {listed}]"))
    result = make_bundle(folio, tmp_path / "odd.zip")
    assert result.files == 5 + len(odd)
    assert verify(Path(result.path)).valid


def test_refuses_a_percent_sign_in_a_name(folio: Path) -> None:
    """RFC 8493 percent-encodes '%' in manifests, but the LoC bagit does not decode it."""
    (folio / "evidence" / "100% done.txt").write_text("notes\n")
    visit = folio / "entries" / "2025" / "a-visit.md"
    visit.write_text(
        visit.read_text().replace("evidence/notes]", 'evidence/notes, "evidence/100% done.txt"]')
    )
    plan = plan_bundle(folio)
    assert [(d.code, d.path) for d in plan.report.diagnostics] == [
        ("IMH601", "entries/2025/a-visit.md")
    ]


def test_a_signed_form_travels_with_its_entry(tmp_path: Path) -> None:
    folio = write_portfolio(
        tmp_path / "folio",
        {
            "entries/2026/talk.md": (
                "---\ntype: discussion\ntitle: Reflective discussion\ndate: 2026-10-07\n"
                "form: evidence/form.pdf\n---\n\nWe talked about my accounts.\n"
            ),
            "evidence/form.pdf": b"%PDF-1.4 signed form\n",
        },
    )
    result = make_bundle(folio, tmp_path / "b.zip", date=dt.date(2026, 11, 30))
    payload = set(validated(Path(result.path)).payload_entries())
    assert "data/evidence/form.pdf" in payload
    assert verify(Path(result.path)).valid
