"""`imh register build`: only signed-off, verified, consented reviews; nothing else published."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tests import registers as r
from tests.conftest import Run

LISTED = r.Person("Ada Lovelace", display_name="Ada L.")
HOSTILE = r.Person('=HYPERLINK("http://evil.example") <script>alert(1)</script>')
LEFT_OUT = {
    "ben": r.Person("Ben Noconsent", listed=False),
    "cy": r.Person("Cy Unsigned", state="in-review"),
    "dee": r.Person("Dee Noconsentkey", listed=None),
    "hal": r.Person("Hal Unmet", unmet=True),
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """reviewed/ with every kind of submission, and the allowed-signers file beside it."""
    top = tmp_path_factory.mktemp("register")
    key = r.keypair(top / "keys", "assessor")
    stranger = r.keypair(top / "keys", "stranger")
    r.allowed_signers(key, top / "allowed_signers")
    reviewed = top / "reviewed"
    r.submission(LISTED, reviewed, key, "ada")
    r.submission(HOSTILE, reviewed / "more", key, "hostile")
    for slug, person in LEFT_OUT.items():
        r.submission(person, reviewed, key, slug)
    r.submission(r.Person("Eve Forged"), reviewed, stranger, "eve")  # a key not allowed
    changed = r.submission(r.Person("Fay Changed"), reviewed, key, "fay")
    r.bundle(r.Person("Fay Changed", display_name="Fay"), top / "work", "fay-level2.zip").replace(
        changed.with_name("fay-level2.zip")
    )  # another bundle where the reviewed one was
    gone = r.submission(r.Person("Gus Gone"), reviewed, key, "gus")
    gone.with_name("gus-level2.zip").unlink()
    broken = r.submission(r.Person("Ivy Broken"), reviewed, key, "ivy")
    junk = broken.with_name("ivy-level2.zip")
    junk.write_bytes(b"not a zip at all")  # and a review that records exactly these bytes
    broken.write_text(r.review_yaml(r.Person("Ivy Broken"), junk), encoding="utf-8")
    broken.with_name(broken.name + ".sig").unlink()
    r.sign(broken, key)
    return top


def build(run: Run, world: Path, site: Path, *paths: Path, expect: int = 0) -> str:
    ran = run(
        "register", "build", *(paths or (world / "reviewed",)), "-o", site,
        "--allowed-signers", world / "allowed_signers", "--issuer-name", "Example Register",
        "--issuer-url", "https://register.example.org", expect=expect,
    )  # fmt: skip
    return ran.stdout + ran.stderr


@pytest.fixture(scope="module")
def site(world: Path) -> tuple[Path, str]:
    """The register of ``world``, built once through the library, and what the build says."""
    from imhcli.cli.register import summary
    from imhcli.models.register import Issuer
    from imhcli.output.register import site_files
    from imhcli.register.build import build_register
    from imhcli.register.site import write_site

    issuer = Issuer(name="Example Register", url="https://register.example.org")
    register = build_register(
        [world / "reviewed"],
        allowed_signers=world / "allowed_signers",
        issuer=issuer,
        base_uri="urn:imh:",
    )
    out = world / "site"
    write_site(site_files(register), out)
    return out, summary(register.left_out, len(register.listings))


def published(site: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(site.rglob("*")) if p.is_file())


def test_only_verified_consented_sign_offs_are_listed(site: tuple[Path, str]) -> None:
    folder, said = site
    data = json.loads((folder / "register.json").read_text("utf-8"))
    names = [item["name"] for item in data["listings"]]
    assert names == ['=HYPERLINK("http://evil.example") <script>alert(1)</script>', "Ada L."]
    assert data["issuer"] == {"name": "Example Register", "url": "https://register.example.org"}
    ada = data["listings"][1]
    assert set(ada) == {
        "id", "name", "level", "level_title", "framework", "framework_title", "recognised",
    }  # fmt: skip
    assert (ada["level"], ada["framework"], ada["recognised"]) == (2, "imhcf-2019", "2026-12-10")
    assert ada["level_title"] == "Advanced knowledge and skills" and UUID.match(ada["id"])
    assert said.splitlines()[0] == (
        "2 listed; 8 left out: 1 bundle does not verify, 1 bundle missing, "
        "1 bundle sha256 differs, 2 no consent, 1 not signed off, 1 review has errors, "
        "1 signature not verified"
    )


def test_nothing_else_is_published(site: tuple[Path, str]) -> None:
    folder, said = site
    data = json.loads((folder / "register.json").read_text("utf-8"))
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    badges = sorted(f"badges/{item['id']}.json" for item in data["listings"])
    assert files == sorted(["index.html", "register.csv", "register.json", *badges])
    everything = published(folder) + said
    others = [r.Person("Eve Forged"), r.Person("Fay Changed"), r.Person("Ivy Broken")]
    for person in [*LEFT_OUT.values(), *others]:
        for word in person.name.split():
            assert not re.search(rf"\b{word}\b", everything), f"{word}: a left-out person is named"
    secrets = ("Lovelace", "assessor@example.org", "Shown.", "evidenced", "new birth visit", "Gus")
    for private in secrets:
        assert private not in everything


def test_csv_cells_are_safe_and_html_is_escaped(site: tuple[Path, str]) -> None:
    folder, _ = site
    rows = list(csv.DictReader(io.StringIO((folder / "register.csv").read_text("utf-8"))))
    assert [row["name"] for row in rows] == [
        '\'=HYPERLINK("http://evil.example") <script>alert(1)</script>',
        "Ada L.",
    ]
    page = (folder / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "http://evil" not in page.split("<body>")[0]


def test_badges_have_the_open_badges_required_fields(run: Run, site: tuple[Path, str]) -> None:
    folder, _ = site
    data = json.loads((folder / "register.json").read_text("utf-8"))
    ada = data["listings"][1]
    badge = json.loads((folder / "badges" / f"{ada['id']}.json").read_text("utf-8"))
    assert badge["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert badge["id"] == f"urn:uuid:{ada['id']}"
    assert badge["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert badge["issuer"] == {
        "id": "https://register.example.org", "type": ["Profile"], "name": "Example Register",
    }  # fmt: skip
    assert dt.datetime.fromisoformat(badge["validFrom"]) == dt.datetime(2026, 12, 10, tzinfo=dt.UTC)
    assert badge["name"].endswith("level 2: Advanced knowledge and skills")
    subject = badge["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "Ada L.",
        }
    ]
    achievement = subject["achievement"]
    assert achievement["id"] == "https://register.example.org/achievements/imhcf-2019/level-2"
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] and achievement["description"]
    assert achievement["criteria"]["narrative"]
    assert "proof" not in badge, "unsigned"
    case = json.loads(run("framework", "export", "-f", "case-json", "--level", "2").stdout)
    items = {i["humanCodingScheme"]: i for i in case["CFItems"] if i["CFItemType"] == "Competency"}
    alignment = achievement["alignment"]
    assert [a["targetCode"] for a in alignment] == list(items)
    for entry in alignment:
        item = items[entry["targetCode"]]
        assert entry["type"] == ["Alignment"] and entry["targetType"] == "CFItem"
        assert entry["targetUrl"] == item["uri"] and entry["targetName"] == item["fullStatement"]
        assert entry["targetFramework"] == case["CFDocument"]["title"].split(", level")[0]


def test_builds_are_deterministic_and_rebuilds_change_nothing(
    run: Run, world: Path, tmp_path: Path, site: tuple[Path, str]
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    said = build(run, world, first)
    assert said.splitlines()[0] == site[1], "the command says what the library found"
    build(run, world, second)
    assert published(first) == published(second) == published(site[0])
    assert "0 written, 0 removed" in build(run, world, first)


def test_withdrawn_consent_removes_the_person(run: Run, world: Path, tmp_path: Path) -> None:
    copy = tmp_path / "reviewed"
    shutil.copytree(world / "reviewed", copy)
    site = tmp_path / "site"
    build(run, world, site, copy)
    before = json.loads((site / "register.json").read_text("utf-8"))["listings"]
    ada_id = next(item["id"] for item in before if item["name"] == "Ada L.")
    withdrawn = r.Person("Ada Lovelace", listed=False)
    r.bundle(withdrawn, tmp_path / "work", "ada-level2.zip").replace(copy / "ada-level2.zip")
    said = build(run, world, site, copy)
    after = json.loads((site / "register.json").read_text("utf-8"))["listings"]
    assert [item["name"] for item in after] == [before[0]["name"]]
    assert not (site / "badges" / f"{ada_id}.json").exists()
    assert "3 no consent" in said and "1 removed" in said and "Ada" not in said


def test_a_folder_with_other_files_is_refused(run: Run, world: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    said = build(run, world, site, expect=2)
    assert "notes.txt" in said and "nothing was written" in said
    assert sorted(p.name for p in site.iterdir()) == ["notes.txt"]


def test_allowed_signers_must_exist(run: Run, world: Path, tmp_path: Path) -> None:
    ran = run(
        "register", "build", world / "reviewed", "-o", tmp_path / "site",
        "--allowed-signers", tmp_path / "nope", expect=2,
    )  # fmt: skip
    assert "nope: no such file" in ran.stderr and not (tmp_path / "site").exists()
