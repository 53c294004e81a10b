"""The framework model, the bundled IMHCF file, and where bundled data is found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from imhcli.base import resources
from imhcli.errors import FrameworkError
from imhcli.load.frameworks import load_framework, load_framework_bytes, load_framework_file
from imhcli.load.yaml_loaders import load_fast
from imhcli.models.framework import Framework

TINY = """\
id: tiny
version: "1"
title: A tiny framework
publisher: imh tests
wording: official
levels:
  - {id: 1, title: One, audience: Everyone}
  - {id: 2, title: Two, audience: Some}
domains:
  - id: 1
    title: Only domain
    summary: The only domain.
    competencies:
      - {id: "1.01", statement: First., levels: {1: null, 2: Applies it.}}
      - {id: "1.02", statement: Second., levels: {2: null}}
"""


LEVELS = TINY[TINY.index("levels:") : TINY.index("domains:")]


def tiny(**changes: str) -> dict[str, object]:
    """TINY with each ``old=new`` text replacement made (keys given via ``**{...}``)."""
    text = TINY
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    data: dict[str, object] = load_fast(text)
    return data


@pytest.fixture(scope="module")
def imhcf() -> Framework:
    return load_framework("imhcf-2019")


# --- the bundled framework --------------------------------------------------------


def test_bundled_shape(imhcf: Framework) -> None:
    assert imhcf.id == "imhcf-2019"
    assert imhcf.wording == "summary"
    assert [lv.id for lv in imhcf.levels] == [1, 2, 3]
    assert len(imhcf.domains) == 7
    assert len(imhcf.competencies) == 63
    assert len(imhcf.domains[0].competencies) == 10


def test_bundled_ids_are_domain_dot_two_digits(imhcf: Framework) -> None:
    for domain in imhcf.domains:
        for number, comp in enumerate(domain.competencies, start=1):
            assert comp.id == f"{domain.id}.{number:02d}"
            assert imhcf.domain_of(comp) is domain


def test_bundled_groups(imhcf: Framework) -> None:
    groups = {c.id: c.group for c in imhcf.domains[0].competencies}
    assert [groups[i] for i in ("1.01", "1.02", "1.03")] == ["Collaborative working"] * 3
    assert groups["1.04"] != "Collaborative working"


def test_bundled_domain_titles(imhcf: Framework) -> None:
    assert imhcf.domains[0].title == "Relationship-based practice"
    assert "supervision" in imhcf.domains[5].title.lower()


def test_every_competency_at_every_level(imhcf: Framework) -> None:
    for level in (1, 2, 3):
        assert len(imhcf.at_level(level)) == 63
    assert imhcf.at_level(4) == []


def test_bundled_framework_is_listed() -> None:
    assert "imhcf-2019" in resources.bundled_frameworks()
    assert resources.bundled_framework("imhcf-2019") is not None


@pytest.mark.parametrize("ref", ["../framework/imhcf-2019", "", ".hidden", "a/b", "a\\b"])
def test_bundled_ids_are_plain(ref: str) -> None:
    assert resources.bundled_framework(ref) is None
    assert resources.bundled_profile(ref) is None


# --- resolving references ---------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("1.04", "1.04"),
        (" 1.04 ", "1.04"),
        (1.04, "1.04"),
        (1.1, "1.10"),
        (1.10, "1.10"),
        (7.09, "7.09"),
        ("1.4", None),
        ("1.11", None),
        (1.11, None),
        (8.01, None),
        (1, None),
        (True, None),
    ],
)
def test_resolve(imhcf: Framework, ref: str | float, found: str | None) -> None:
    comp = imhcf.resolve(ref)
    assert (comp.id if comp else None) == found


def test_suggest(imhcf: Framework) -> None:
    assert imhcf.suggest("1.4")[0] == "1.04"
    assert "1.10" in imhcf.suggest("1.11")
    assert imhcf.suggest("nonsense") == []


# --- validating framework files ---------------------------------------------------


def test_tiny_is_valid() -> None:
    fw = Framework.model_validate(tiny())
    assert [c.id for c in fw.at_level(1)] == ["1.01"]
    assert fw.resolve(1.02) is not None


def test_colliding_numeric_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="same number"):
        Framework.model_validate(tiny(**{'"1.01"': '"1.1"', '"1.02"': '"1.10"'}))


def test_duplicate_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="used twice"):
        Framework.model_validate(tiny(**{'"1.02"': '"1.01"'}))


def test_undefined_level_is_rejected() -> None:
    with pytest.raises(ValidationError, match="level 3"):
        Framework.model_validate(tiny(**{"{2: null}": "{3: null}"}))


def test_duplicate_level_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="level ids"):
        Framework.model_validate(tiny(**{"id: 2, title: Two": "id: 1, title: Two"}))


@pytest.mark.parametrize(
    "change",
    [
        {"wording: official": "wording: ours"},
        {"publisher: imh tests\n": ""},
        {"title: Only domain": "title: Only domain\n    colour: red"},
        {'version: "1"': "version: 1"},
        {LEVELS: "levels: []\n"},
    ],
    ids=["wording", "publisher-missing", "unknown-key", "version-number", "no-levels"],
)
def test_invalid_frameworks(change: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Framework.model_validate(tiny(**change))


# --- loading by path and from bytes -----------------------------------------------


def test_load_by_path(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(TINY)
    assert load_framework("mine.yaml", base=tmp_path).id == "tiny"
    assert load_framework_file(tmp_path / "mine.yaml").wording == "official"


def test_load_reflects_edits(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(TINY)
    assert load_framework_file(path).version == "1"
    path.write_text(TINY.replace('version: "1"', 'version: "2.0"'))
    assert load_framework_file(path).version == "2.0"


def test_unknown_framework() -> None:
    with pytest.raises(FrameworkError, match="imhcf-2019"):
        load_framework("imhcf-2099")


def test_invalid_file_is_a_framework_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(TINY.replace('"1.02"', '"1.1"').replace('"1.01"', '"1.10"'))
    with pytest.raises(FrameworkError, match="same number"):
        load_framework_file(tmp_path / "bad.yaml")


def test_yaml_error_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(TINY.replace("title: One", "title: [One"))
    with pytest.raises(FrameworkError, match="line 7"):
        load_framework_file(tmp_path / "bad.yaml")


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(TINY.replace("Everyone", "Every\xf6ne").encode("latin-1"))
    with pytest.raises(FrameworkError, match="cannot be read"):
        load_framework_file(tmp_path / "bad.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError):
        load_framework_file(tmp_path / "none.yaml")


def test_load_from_bytes() -> None:
    assert load_framework_bytes(b"\xef\xbb\xbf" + TINY.encode(), name="tiny.yaml").id == "tiny"
    with pytest.raises(FrameworkError, match=r"tiny\.yaml"):
        load_framework_bytes(b"id: [", name="tiny.yaml")


# --- where bundled data lives -----------------------------------------------------


@pytest.fixture
def fresh_data_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    resources.data_dir.cache_clear()
    yield
    monkeypatch.undo()
    resources.data_dir.cache_clear()


def test_data_dir_in_a_checkout(fresh_data_dir: None) -> None:
    assert (
        resources.data_dir("framework")
        == Path(resources.__file__).resolve().parents[2] / "framework"
    )
    assert (resources.data_dir("framework") / "imhcf-2019.yaml").is_file()


def test_data_dir_in_a_wheel(
    fresh_data_dir: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "site-packages" / "imhcli"
    (package / "_data" / "framework").mkdir(parents=True)
    (package / "_data" / "framework" / "other-2030.yaml").write_text(TINY)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.data_dir("framework") == package / "_data" / "framework"
    assert resources.bundled_frameworks() == ["other-2030"]
    assert resources.bundled_framework("imhcf-2019") is None


def test_wheel_includes_the_data() -> None:
    import tomllib

    pyproject = Path(resources.__file__).resolve().parents[2] / "pyproject.toml"
    include = tomllib.loads(pyproject.read_text())["tool"]["hatch"]["build"]["targets"]["wheel"][
        "force-include"
    ]
    assert include["framework"] == "imhcli/_data/framework"
    assert include["schema"] == "imhcli/_data/schema"


# --- provenance: what is from a public source, what is imh's own ------------------

PUBLISHED_TITLES = [
    "Relationship-based practice",
    "Normal and atypical development",
    "Factors that influence caregiving capacity",
    "Assessment of caregiving",
    "Supporting caregiving",
    "Reflective practice and supervision",
    "Working within relevant legal and professional frameworks",
]


def test_domain_titles_are_aimh_uks(imhcf: Framework) -> None:
    assert [d.title for d in imhcf.domains] == PUBLISHED_TITLES


def test_every_published_part_names_its_source(imhcf: Framework) -> None:
    published = [p for p in imhcf.provenance if p.origin == "published"]
    assert published, "the bundled framework says nothing is from a public source"
    assert all(p.source for p in published)


def test_bundled_provenance_says_what_is_imhs_own(imhcf: Framework) -> None:
    own_structure = {p.field for p in imhcf.own_parts("structure")}
    assert own_structure == {"competencies of domains 2-7", "group (all but 1.01-1.03)"}
    own_wording = {p.field for p in imhcf.own_parts("wording")}
    assert "competencies (statement)" in own_wording
    assert "competencies (levels)" in own_wording


def test_bundled_header_and_note_agree_with_provenance() -> None:
    path = resources.bundled_framework("imhcf-2019")
    assert path is not None
    text = path.read_text()
    header = text[: text.index("\nid:")]
    fw = load_framework_file(path)
    assert fw.wording_note is not None
    for said in (header, fw.wording_note):
        flat = " ".join(said.replace("#", " ").split())
        assert "domains 2-7" in flat and "imh's own" in flat
        assert "follow the published framework" not in flat
    if "assessment grid" in header:
        assert "imh framework import-grid" in header, "the import is offered by its command"
        assert "import-grid" in _framework_commands(), "the command the header names exists"


def _framework_commands() -> list[str]:
    from imhcli.cli.app import build

    for group in build().registered_groups:
        app = group.typer_instance
        if app is not None and (group.name or app.info.name) == "framework":
            return [c.name or "" for c in app.registered_commands]
    return []


def test_published_structure_without_a_source_is_rejected() -> None:
    item = "provenance:\n  - {field: groups, covers: the headings, structure: published}\n"
    with pytest.raises(ValidationError, match="published needs a source"):
        Framework.model_validate(tiny(**{"levels:\n": item + "levels:\n"}))


@pytest.mark.parametrize(
    "item",
    [
        "{field: groups, covers: the headings}",
        "{field: groups, covers: the headings, structure: imh, wording: imh}",
        "{field: groups, covers: the headings, structure: ours}",
    ],
    ids=["no-aspect", "both-aspects", "unknown-origin"],
)
def test_invalid_provenance_items(item: str) -> None:
    with pytest.raises(ValidationError):
        Framework.model_validate(tiny(**{"levels:\n": f"provenance:\n  - {item}\nlevels:\n"}))


def test_notice_names_what_is_imhs_own(imhcf: Framework) -> None:
    notice = imhcf.notice()
    assert notice is not None
    assert "20 of the 21 group headings" in notice
    assert "competency statements" in notice
    assert "\n" not in notice


def test_no_notice_for_an_official_framework_with_published_structure() -> None:
    item = (
        "provenance:\n  - {field: groups, covers: the headings, structure: published,"
        " source: The publisher's grid}\n"
    )
    fw = Framework.model_validate(tiny(**{"levels:\n": item + "levels:\n"}))
    assert fw.notice() is None
    assert Framework.model_validate(tiny(**{"wording: official": "wording: summary"})).notice()
