"""`imh framework export`: Moodle's CSV as its importer reads it, CASE against its schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from imhcli.load.frameworks import load_framework
from imhcli.load.yaml_loaders import load_fast
from imhcli.models.framework import Framework
from imhcli.output.framework import EXPORTERS, ExportOptions
from imhcli.output.framework.moodle import HEADER
from tests.conftest import Run

CASE_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "case-v1p0-cfpackage-schema.json").read_text("utf-8")
)
MOODLE_TAXONOMY = {
    "behaviour", "competency", "concept", "domain", "indicator", "level", "outcome",
    "practice", "proficiency", "skill", "value",
}  # fmt: skip
HOSTILE = """\
id: hostile
version: "1"
title: A framework with awkward text
publisher: "imh tests <b>"
wording: official
levels:
  - {id: 1, title: One, audience: Everyone}
  - {id: 2, title: Two, audience: Some}
domains:
  - id: 1
    title: "Pipes | and <script>alert(1)</script>"
    summary: The only domain.
    competencies:
      - id: "1.01"
        statement: "=HYPERLINK(\\"http://evil.example\\",\\"x\\") | *bold* [link](http://x)"
        levels: {1: null, 2: "Applies it."}
      - id: "1.02"
        group: "-2+3"
        statement: "A very long statement that goes on and on. WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS"
        levels: {2: null}
"""  # noqa: E501


@pytest.fixture(scope="module")
def imhcf() -> Framework:
    return load_framework("imhcf-2019")


@pytest.fixture(scope="module")
def hostile() -> Framework:
    return Framework.model_validate(load_fast(HOSTILE))


def export(framework: Framework, name: str, level: int | None = None) -> str:
    return EXPORTERS[name](framework, ExportOptions(level=level))


# --- Moodle ----------------------------------------------------------------------------


def moodle_rows(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == HEADER
    assert all(len(row) == 14 for row in rows), "Moodle reads 14 columns by position"
    return rows[1:]


def moodle_tree(rows: list[list[str]]) -> dict[str, Any]:
    """The tree Moodle's importer builds: the framework row, children by parent ID number."""
    frameworks = [r for r in rows if r[12]]
    assert len(frameworks) == 1, "exactly one row is the framework"
    flat = {r[1]: r for r in rows if not r[12]}
    assert len(flat) == len(rows) - 1, "ID numbers are unique"

    def children(parent: str) -> list[dict[str, Any]]:
        return [{"row": r, "children": children(r[1])} for r in flat.values() if r[0] == parent]

    return {"row": frameworks[0], "children": children("")}


@pytest.mark.parametrize("level", [None, 1, 2, 3])
def test_moodle_csv_builds_the_framework_tree(imhcf: Framework, level: int | None) -> None:
    rows = moodle_rows(export(imhcf, "moodle-csv", level))
    tree = moodle_tree(rows)
    domains = tree["children"]
    assert [d["row"][1] for d in domains] == [f"domain-{n}" for n in range(1, 8)]
    got = [c["row"][1] for d in domains for c in d["children"]]
    want = [c.id for c in imhcf.competencies if level is None or level in c.levels]
    assert got == want
    assert all(not c["children"] for d in domains for c in d["children"])
    reached = 1 + len(domains) + len(got)
    assert reached == len(rows), "every row hangs in the tree"
    top = tree["row"]
    assert top[1] == ("imhcf-2019" if level is None else f"imhcf-2019-level-{level}")
    taxonomy = top[13].split(",")
    assert taxonomy == ["domain", "competency"] and set(taxonomy) <= MOODLE_TAXONOMY


def test_moodle_scale_marks_a_default_and_a_proficient_value(imhcf: Framework) -> None:
    top = moodle_tree(moodle_rows(export(imhcf, "moodle-csv")))["row"]
    values = top[5].split(",")
    config = json.loads(top[6])
    assert values == ["Working towards", "Achieved"]
    assert set(config[0]) == {"scaleid"}
    assert [c["id"] for c in config[1:]] == [1, 2]
    assert [c["scaledefault"] for c in config[1:]] == [1, 0]
    assert [c["proficient"] for c in config[1:]] == [0, 1]


def test_moodle_rows_are_plain_text_within_moodle_limits(imhcf: Framework) -> None:
    for row in moodle_rows(export(imhcf, "moodle-csv")):
        assert row[4] == "2"
        assert 0 < len(row[1]) <= 100 and 0 < len(row[2]) <= 100
        assert row[3].strip()
    comp = next(r for r in moodle_rows(export(imhcf, "moodle-csv", 2)) if r[1] == "1.01")
    assert comp[0] == "domain-1"
    assert "Level 2 (Advanced knowledge and skills): Builds working partnerships" in comp[3]
    assert "Level 1" not in comp[3] and "Group: Collaborative working" in comp[3]
    assert "\n\nGroup: Collaborative working\n\nLevel 2" in comp[3], "real line breaks"
    assert "\\x0a" not in comp[3]


def test_moodle_csv_neutralises_formulas_and_shortens_names(hostile: Framework) -> None:
    rows = {r[1]: r for r in moodle_rows(export(hostile, "moodle-csv"))}
    assert rows["1.01"][3].startswith("'=HYPERLINK(")
    assert len(rows["1.02"][2]) <= 100 and rows["1.02"][2].endswith("…")
    assert "'-2+3" not in rows["1.02"][3], "only a cell's first character matters"
    assert "Group: -2+3" in rows["1.02"][3]


# --- CASE ------------------------------------------------------------------------------


#: jsonschema checks "uri" and "date-time" only with optional packages; these are enough.
FORMATS = jsonschema.FormatChecker()


def _is_uri(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^[a-z][a-z0-9+.-]*:[^\s]+$", value))


def _is_date_time(value: object) -> bool:
    return isinstance(value, str) and dt.datetime.fromisoformat(value).tzinfo is not None


FORMATS.checks("uri")(_is_uri)
FORMATS.checks("date-time")(_is_date_time)


def case_package(framework: Framework, level: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export(framework, "case-json", level))
    checker = jsonschema.Draft7Validator(CASE_SCHEMA, format_checker=FORMATS)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(data)]
    assert errors == []
    return data


@pytest.mark.parametrize("level", [None, 2])
def test_case_package_validates_and_links_every_item(imhcf: Framework, level: int | None) -> None:
    data = case_package(imhcf, level)
    doc = data["CFDocument"]
    assert doc["caseVersion"] == "1.1" and doc["creator"] and doc["title"]
    items = {i["identifier"]: i for i in data["CFItems"]}
    comps = [i for i in data["CFItems"] if i["CFItemType"] == "Competency"]
    want = [c.id for c in imhcf.competencies if level is None or level in c.levels]
    assert [i["humanCodingScheme"] for i in comps] == want
    parents: dict[str, str] = {}
    for link in data["CFAssociations"]:
        assert link["associationType"] == "isChildOf"
        origin, dest = link["originNodeURI"], link["destinationNodeURI"]
        assert items[origin["identifier"]]["uri"] == origin["uri"]
        assert dest["identifier"] in items or dest["identifier"] == doc["identifier"]
        parents[origin["identifier"]] = dest["identifier"]
    assert set(parents) == set(items), "every item has exactly one parent"
    for item in comps:
        domain = items[parents[item["identifier"]]]
        assert domain["CFItemType"] == "Domain"
        assert item["humanCodingScheme"].split(".")[0] == domain["humanCodingScheme"]


def test_case_identifiers_are_uuid5_of_their_uris(imhcf: Framework) -> None:
    data = case_package(imhcf)
    nodes = [data["CFDocument"], *data["CFItems"], *data["CFAssociations"]]
    for node in nodes:
        assert node["identifier"] == str(uuid.uuid5(uuid.NAMESPACE_URL, node["uri"]))
        assert node["identifier"] == node["identifier"].lower()
    assert len({n["identifier"] for n in nodes}) == len(nodes)


def test_case_checks_formats(imhcf: Framework) -> None:
    assert not FORMATS.conforms("no scheme here", "uri")
    assert not FORMATS.conforms("2026-01-01T00:00:00", "date-time")


def test_case_carries_text_as_it_is(hostile: Framework) -> None:
    data = case_package(hostile)
    statements = [i["fullStatement"] for i in data["CFItems"]]
    assert "Pipes | and <script>alert(1)</script>" in statements, "JSON carries text as it is"


def test_two_exports_are_identical(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = run("framework", "export", "-f", "case-json").stdout
    second = run("framework", "export", "-f", "case-json").stdout
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    stamped = json.loads(run("framework", "export", "-f", "case-json").stdout)
    assert stamped["CFDocument"]["lastChangeDateTime"] == "2025-11-30T00:00:00+00:00"


def test_base_uri_is_used_for_every_uri(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    base = "https://frameworks.example.org/case/"
    text = run("framework", "export", "-f", "case-json", "--base-uri", base).stdout
    data = json.loads(text)
    uris = [data["CFDocument"]["uri"], *(i["uri"] for i in data["CFItems"])]
    assert all(u.startswith(base + "imhcf-2019") for u in uris)


# --- CSV and Markdown ------------------------------------------------------------------


def test_flat_csv_has_a_row_per_competency(imhcf: Framework) -> None:
    rows = list(csv.DictReader(io.StringIO(export(imhcf, "csv"))))
    assert [r["id"] for r in rows] == [c.id for c in imhcf.competencies]
    assert rows[0]["domain_title"] == "Relationship-based practice"
    assert rows[0]["level_3"].startswith("Leads a partnership ethos")
    only = list(csv.DictReader(io.StringIO(export(imhcf, "csv", 1))))
    assert set(only[0]) == {"domain_id", "domain_title", "id", "group", "statement", "level_1"}


def test_flat_csv_neutralises_formulas(hostile: Framework) -> None:
    rows = list(csv.DictReader(io.StringIO(export(hostile, "csv"))))
    assert rows[0]["statement"].startswith("'=HYPERLINK")
    assert rows[1]["group"] == "'-2+3"
    assert rows[1]["level_1"] == "" and rows[1]["level_2"] == "applies"


def test_markdown_escapes_table_breakers_and_html(hostile: Framework) -> None:
    text = export(hostile, "markdown")
    assert "<script>" not in text and "&lt;script&gt;" in text
    row = next(line for line in text.splitlines() if line.startswith("| 1.01"))
    assert row.count(" | ") == 3, "the statement's pipe is escaped"
    assert "\\*bold\\*" in row and "\\[link\\]" in row


def test_markdown_lists_each_domain(imhcf: Framework) -> None:
    text = export(imhcf, "markdown", 3)
    assert text.count("\n## ") == 7
    assert "| 7.01 |" in text
    assert "imh's" not in text.splitlines()[0]


# --- the command -----------------------------------------------------------------------


def test_format_choices_are_the_registry(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shown = run("framework", "export", "--help").stdout
    for name in EXPORTERS:
        assert name in shown
    bad = run("framework", "export", "-f", "xml", expect=2)
    assert "xml" in bad.stderr


def test_output_file_is_never_overwritten_without_force(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run("framework", "export", "-f", "moodle-csv", "-o", "f.csv")
    first = (tmp_path / "f.csv").read_text("utf-8").splitlines()[0]
    assert first == ",".join(HEADER)
    again = run("framework", "export", "-f", "moodle-csv", "-o", "f.csv", expect=2)
    assert "already exists" in again.stderr
    run("framework", "export", "-f", "moodle-csv", "-o", "f.csv", "--force")


def test_unknown_level_and_framework_are_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert "levels 1, 2, 3" in run("framework", "export", "-f", "csv", "-l", "4", expect=2).stderr
    ran = run("framework", "export", "-f", "csv", "--framework", "nope.yaml", expect=2)
    assert "unknown framework 'nope.yaml'" in ran.stderr


def test_the_portfolio_framework_is_the_default(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: Framework
) -> None:
    root = tmp_path / "p"
    (root / "entries").mkdir(parents=True)
    (root / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    (root / "portfolio.yaml").write_text(
        "format: 1\nframework: hostile.yaml\nlevel: 1\npractitioner: {name: Sam Example}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root / "entries")
    rows = list(csv.DictReader(io.StringIO(run("framework", "export", "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == ["1.01", "1.02"]


def test_show_prints_a_tree(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run("framework", "show", "--level", "2").stdout
    assert "1. Relationship-based practice" in out and "Collaborative working" in out
    assert "Level 2 (Advanced knowledge and skills)" in out and "Level 3 (" not in out
    assert "63 competencies" in out
    plain = run("framework", "show").stdout
    assert "Level 2 (" not in plain
