"""`imh framework import-grid`: a framework file from an assessment grid CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.export.grid import read_grid
from imhcli.load.frameworks import load_framework, load_framework_file
from imhcli.output.framework import EXPORTERS, ExportOptions
from tests.conftest import GOOD_ENTRY, Run

GRID = """\
Competency No.,Group heading,Statement,Level 1,Level 2,Level 3,Working towards,Evidence,Achieved
1.01,Collaborative working,"Works with parents, as partners",Knows why,Does it,Leads it,,,
1.02,Collaborative working,Works with other services,-,Coordinates,Leads,,,
2.01,Development,"Knows how babies
grow",K,D,L,,,
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def grid_file(folder: Path, text: str, name: str = "grid.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def findings(folder: Path, text: str, *args: str) -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of each finding, reading the grid as the command does."""
    from imhcli.export.grid_columns import parse_map

    mapping = parse_map(list(args))
    grid = read_grid(grid_file(folder, text), mapping=mapping, levels={1, 2, 3})
    found = [(d.code, d.line, d.column) for d in grid.diagnostics]
    return sorted(found, key=lambda f: (f[1] or 0, f[2] or 0))


def test_a_grid_becomes_an_official_framework(run: Run, here: Path) -> None:
    grid_file(here, GRID)
    ran = run("framework", "import-grid", "grid.csv", "-o", "my-framework.yaml")
    assert "3 competencies imported" in ran.stderr
    made = load_framework_file(here / "my-framework.yaml")
    assert made.id == "my-framework" and made.wording == "official"
    assert made.source == "imported from grid.csv"
    imported = [p for p in made.provenance if p.source == "imported from grid.csv"]
    assert {p.aspect for p in imported} == {"structure", "wording"}
    assert [c.id for c in made.competencies] == ["1.01", "1.02", "2.01"]
    first, second, third = made.competencies
    assert first.statement == "Works with parents, as partners"
    assert first.group == "Collaborative working"
    assert first.levels == {1: "Knows why", 2: "Does it", 3: "Leads it"}
    assert second.levels == {2: "Coordinates", 3: "Leads"}, "'-' means not at that level"
    assert third.statement == "Knows how babies grow"
    assert [d.title for d in made.domains] == [
        "Relationship-based practice",
        "Normal and atypical development",
    ]
    assert [lv.id for lv in made.levels] == [1, 2, 3]
    notice = made.notice()
    assert notice is not None and "statements" not in notice


def test_check_accepts_a_portfolio_pointing_at_the_import(run: Run, here: Path) -> None:
    grid_file(here, GRID)
    root = here / "p"
    (root / "entries").mkdir(parents=True)
    run("framework", "import-grid", "grid.csv", "-o", str(root / "my-framework.yaml"))
    (root / "portfolio.yaml").write_text(
        "format: 1\nframework: my-framework.yaml\nlevel: 2\npractitioner:\n  name: Sam Example\n",
        encoding="utf-8",
    )
    (root / "entries" / "a.md").write_text(GOOD_ENTRY.replace("1.04", "1.02"), encoding="utf-8")
    assert "No problems" in run("check", str(root)).stdout
    (root / "entries" / "a.md").write_text(GOOD_ENTRY, encoding="utf-8")
    assert "IMH201" in run("check", str(root), expect=1).stdout


def test_an_exported_grid_imports_as_the_same_framework(run: Run, here: Path) -> None:
    imhcf = load_framework("imhcf-2019")
    grid_file(here, EXPORTERS["csv"](imhcf, ExportOptions()), "imhcf.csv")
    run("framework", "import-grid", "imhcf.csv", "-o", "copy.yaml")
    copy = load_framework_file(here / "copy.yaml")
    assert copy.competencies == imhcf.competencies
    assert [(d.id, d.title, d.summary) for d in copy.domains] == [
        (d.id, d.title, d.summary) for d in imhcf.domains
    ]


def test_every_problem_is_found_at_its_row_and_column(run: Run, here: Path) -> None:
    text = (
        "id,statement,group,Level 2\n"  # line 1
        "1.1,First,G,x\n"  # 2
        "1.10,Second,G,y\n"  # 3: the same number as 1.1
        ",Third,G,z\n"  # 4: no id
        "1.03,,G,w\n"  # 5: empty statement
        "abc,Fourth,G,v\n"  # 6: not D.NN
        "1.1,Fifth,G,u\n"  # 7: the same id
        ",,,\n"  # 8: empty rows are skipped
    )
    assert findings(here, text) == [
        ("IMH803", 3, 1),
        ("IMH802", 4, 1),
        ("IMH804", 5, 2),
        ("IMH802", 6, 1),
        ("IMH803", 7, 1),
    ]
    ran = run("framework", "import-grid", "grid.csv", "-o", "f.yaml", expect=1)
    assert "grid.csv:3:1 IMH803 row 3: id '1.10' is the same number as '1.1' on row 2" in ran.stderr
    assert "nothing was written" in ran.stderr
    assert not (here / "f.yaml").exists()


def test_header_problems(here: Path) -> None:
    assert findings(here, "id,Level 4,statement,Level 2,Level 2\n1.01,a,b,c,d\n") == [
        ("IMH805", 1, 2),
        ("IMH801", 1, 5),
    ]
    assert findings(here, "id,text\n1.01,a\n") == []
    assert findings(here, "ref,words\n1.01,a\n") == [("IMH801", 1, None), ("IMH806", 1, 2)]
    assert findings(here, "") == [("IMH801", 1, 1)]


def test_rows_after_a_multi_line_cell_keep_their_lines(here: Path) -> None:
    text = 'id,statement\n1.01,"one\ntwo\nthree"\n1.02,\n'
    assert findings(here, text) == [("IMH804", 5, 2)]


def test_map_names_other_headers(run: Run, here: Path) -> None:
    text = "Unit ref;Heading text;What;Practitioner\n1.01;G;Does it;x\n"
    assert ("IMH806", 1, 1) in findings(here, text)
    mapped = ["--map", "Unit ref=id", "--map", "heading TEXT=group", "--map", "What=statement"]
    grid_file(here, text)
    run(
        "framework",
        "import-grid",
        "grid.csv",
        "-o",
        "f.yaml",
        *mapped,
        "--map",
        "Practitioner=level-1",
    )
    made = load_framework_file(here / "f.yaml")
    assert made.competencies[0].group == "G" and made.competencies[0].levels == {1: "x"}
    bad = run("framework", "import-grid", "grid.csv", "--map", "Unit ref=nonsense", expect=2)
    assert "is not HEADER=FIELD" in bad.stderr


def test_bom_semicolons_and_unused_columns_still_import(run: Run, here: Path) -> None:
    grid_file(here, "\ufeffid;statement;Notes;Extra\n1.01;Does it;;\n")
    ran = run("framework", "import-grid", "grid.csv", "-o", "f.yaml")
    assert "IMH806 column D ('Extra') is not used" in ran.stderr
    made = load_framework_file(here / "f.yaml")
    assert made.competencies[0].levels == {1: None, 2: None, 3: None}, "no level columns: all"


def test_never_overwrites_and_refuses_non_utf8(run: Run, here: Path) -> None:
    grid_file(here, GRID)
    run("framework", "import-grid", "grid.csv", "-o", "f.yaml")
    assert (
        "already exists"
        in run("framework", "import-grid", "grid.csv", "-o", "f.yaml", expect=2).stderr
    )
    (here / "latin.csv").write_bytes("id,statement\n1.01,caf\xe9\n".encode("latin-1"))
    ran = run("framework", "import-grid", "latin.csv", expect=1)
    assert "IMH108" in ran.stderr and "CSV UTF-8" in ran.stderr


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from('ab1.0,;\t"\n -é'), max_size=80))
def test_no_grid_makes_it_crash(tmp_path: Path, text: str) -> None:
    grid = read_grid(grid_file(tmp_path, "id,statement,level 1\n" + text), mapping={}, levels={1})
    assert all(d.line is not None for d in grid.diagnostics)
