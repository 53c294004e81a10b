"""`imh cohort`: rows per portfolio, stable CSV and JSON, parallel workers, failed rows."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import JUnitXml

from imhcli.check.run import check
from imhcli.check.targets import Target, find_targets
from imhcli.cohort import run as cohort
from imhcli.models.cohort import FailOn, Row
from tests.conftest import GOOD_ENTRY, Run, write_portfolio
from tests.test_ci_formats import BAD_ENTRY, SARIF_SCHEMA, WARN_ENTRY

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CSV_HEADER = (
    "path,kind,practitioner,level,errors,warnings,coverage,requirements,unmet,status,problem,"
    "review,met,partially_met,not_met,not_assessed"
)


@pytest.fixture
def cohort_dir(tmp_path: Path) -> Path:
    """cohort/: a clean portfolio, one with errors, one with a warning, and an empty folder."""
    top = tmp_path / "cohort"
    write_portfolio(top / "clean", {"entries/a.md": GOOD_ENTRY})
    write_portfolio(top / "errors", {"entries/bad.md": BAD_ENTRY})
    write_portfolio(top / "group" / "warned", {"entries/warn.md": WARN_ENTRY})
    (top / "group" / "notes").mkdir()
    return top


def rows_of(ran_stdout: str) -> dict[str, dict[str, Any]]:
    return {row["path"]: row for row in json.loads(ran_stdout)["rows"]}


def test_json_has_a_row_per_portfolio(run: Run, cohort_dir: Path) -> None:
    ran = run("cohort", "cohort", "--format", "json", "--jobs", "1", expect=1)
    document = json.loads(ran.stdout)
    assert set(document) == {"rows", "summary"}
    rows = rows_of(ran.stdout)
    assert list(rows) == ["cohort/clean", "cohort/errors", "cohort/group/warned"]
    assert rows["cohort/clean"] == {
        "path": "cohort/clean",
        "kind": "portfolio",
        "practitioner": "Sam Example",
        "level": 2,
        "errors": 0,
        "warnings": 0,
        "coverage": rows["cohort/clean"]["coverage"],
        "requirements": "none",
        "unmet": [],
        "status": "ok",
        "problem": None,
        "review": "not submitted",
        "met": None,
        "partially_met": None,
        "not_met": None,
        "not_assessed": None,
    }
    assert isinstance(rows["cohort/clean"]["coverage"], float)
    assert rows["cohort/clean"]["coverage"] > 0
    assert rows["cohort/errors"]["errors"] == 2
    assert rows["cohort/errors"]["status"] == "errors"
    assert rows["cohort/group/warned"]["status"] == "warnings"
    assert document["summary"] == {
        "portfolios": 3,
        "failed": 0,
        "errors": 2,
        "warnings": 1,
        "with_errors": 1,
    }


def test_csv_has_the_documented_columns(run: Run, cohort_dir: Path) -> None:
    ran = run("cohort", "cohort", "--format", "csv", "-j", "1", expect=1)
    assert ran.stdout.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert [r["path"] for r in rows] == ["cohort/clean", "cohort/errors", "cohort/group/warned"]
    assert rows[1]["errors"] == "2"
    assert rows[0]["problem"] == ""


def test_the_documented_csv_header_is_current() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "cohort.md").read_text("utf-8")
    assert CSV_HEADER in docs
    for field in Row.model_fields:
        assert f"`{field}`" in docs


def test_workers_give_the_same_rows_as_one_process(run: Run, cohort_dir: Path) -> None:
    one = run("cohort", "cohort", "--format", "json", "--jobs", "1", "--no-cache", expect=1)
    two = run("cohort", "cohort", "--format", "json", "--jobs", "2", "--no-cache", expect=1)
    assert json.loads(two.stdout) == json.loads(one.stdout)


def test_a_second_run_reads_the_cache(run: Run, cohort_dir: Path) -> None:
    first = run("cohort", "cohort", "--format", "json", "-j", "1", expect=1)
    assert (cohort_dir / "clean" / ".imh-cache").is_dir()
    second = run("cohort", "cohort", "--format", "json", "-j", "1", expect=1)
    assert second.stdout == first.stdout


@pytest.mark.parametrize(
    ("fail_on", "folders", "code"),
    [
        ("error", ["clean", "group"], 0),
        ("warning", ["clean", "group"], 1),
        ("never", ["errors"], 0),
        ("error", ["errors"], 1),
    ],
)
def test_fail_on_sets_the_exit_code(
    run: Run,
    cohort_dir: Path,
    fail_on: str,
    folders: list[str],
    code: int,
) -> None:
    paths = [f"cohort/{f}" for f in folders]
    run("cohort", *paths, "--fail-on", fail_on, "-j", "1", expect=code)


def test_a_portfolio_that_cannot_be_checked_is_one_failed_row(
    run: Run,
    cohort_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from imhcli.load.portfolio import load as real  # what imhcli.check.engine calls

    def flaky(root: Path, **kwargs: object) -> object:
        if root.name == "errors":
            raise RuntimeError("disk on fire")
        return real(root, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("imhcli.check.engine.load", flaky)
    ran = run("cohort", "cohort", "--format", "json", "-j", "1", "--no-cache", expect=1)
    rows = rows_of(ran.stdout)
    assert rows["cohort/errors"]["status"] == "failed"
    assert "disk on fire" in str(rows["cohort/errors"]["problem"])
    assert rows["cohort/clean"]["status"] == "ok"
    assert json.loads(ran.stdout)["summary"]["failed"] == 1


def test_a_folder_without_portfolios_is_a_failed_row(run: Run, tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    ran = run("cohort", "nothing", "--format", "json", expect=1)
    (row,) = json.loads(ran.stdout)["rows"]
    assert row["status"] == "failed"
    assert "no portfolio.yaml" in row["problem"]


def test_a_missing_path_is_a_usage_error(run: Run) -> None:
    run("cohort", "no-such-folder", expect=2)


def test_text_shows_a_table_and_a_summary(run: Run, cohort_dir: Path) -> None:
    ran = run("cohort", "cohort", "-j", "1", expect=1)
    assert "cohort/errors" in ran.stdout
    assert "3 portfolios: 1 with errors; 2 errors and 1 warning in all." in ran.stdout


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_is_one_page_with_a_row_per_portfolio(
    run: Run,
    cohort_dir: Path,
    tmp_path: Path,
) -> None:
    (cohort_dir / "errors" / "portfolio.yaml").write_text(
        "format: 1\nframework: imhcf-2019\nlevel: 2\npractitioner:\n  name: <script>x</script>\n",
        encoding="utf-8",
    )
    run("cohort", "cohort", "--format", "html", "-o", "cohort.html", "-j", "1", expect=1)
    page = (tmp_path / "cohort.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in page
    table = _Table()
    table.feed(page)
    assert table.rows[0][:3] == ["Portfolio", "Practitioner", "Level"]
    assert [r[0] for r in table.rows[1:]] == [
        "cohort/clean",
        "cohort/errors",
        "cohort/group/warned",
    ]
    assert "http" not in page.replace("http-equiv", ""), "the page loads nothing"


def test_output_is_never_overwritten_without_force(
    run: Run,
    cohort_dir: Path,
    tmp_path: Path,
) -> None:
    (tmp_path / "out.csv").write_text("mine", encoding="utf-8")
    run("cohort", "cohort", "--format", "csv", "-o", "out.csv", expect=2)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "mine"
    run("cohort", "cohort", "--format", "csv", "-o", "out.csv", "--force", "-j", "1", expect=1)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("path,")


def test_sarif_of_a_cohort_validates(run: Run, cohort_dir: Path) -> None:
    (cohort_dir / "empty").mkdir()
    ran = run("cohort", "cohort", "cohort/empty", "--format", "sarif", "-j", "2", expect=1)
    document = json.loads(ran.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    ids = sorted(r["ruleId"] for r in document["runs"][0]["results"])
    assert ids == ["IMH106", "IMH109", "IMH201", "IMH201"]


def test_junit_of_a_cohort_has_a_suite_per_portfolio(
    run: Run,
    cohort_dir: Path,
) -> None:
    ran = run("cohort", "cohort", "--format", "junit", "-j", "1", expect=1)
    suites = {suite.name: suite for suite in JUnitXml.fromstring(ran.stdout)}
    assert set(suites) == {"cohort/clean", "cohort/errors", "cohort/group/warned"}
    assert suites["cohort/clean"].tests == 2
    assert suites["cohort/errors"].failures == 1


def test_github_annotates_and_summarises_the_cohort(
    run: Run,
    cohort_dir: Path,
    tmp_path: Path,
) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    ran = run("cohort", "cohort", "-j", "1", expect=1, env=env)
    assert ran.stdout.count("::error file=cohort/errors/entries/bad.md") == 2
    assert "| cohort/errors | Sam Example | 2 | 2 | 0 |" in summary.read_text(encoding="utf-8")


def test_find_targets_sees_portfolios_and_bundles(cohort_dir: Path) -> None:
    (cohort_dir / "submissions").mkdir()
    (cohort_dir / "submissions" / "sam.zip").write_bytes(b"PK")
    (cohort_dir / "clean" / "evidence").mkdir()
    (cohort_dir / "clean" / "evidence" / "slides.zip").write_bytes(b"PK")
    found = [(t.path.name, t.kind) for t in find_targets([cohort_dir], bundles=True)]
    assert sorted(found) == [
        ("clean", "portfolio"),
        ("errors", "portfolio"),
        ("sam.zip", "bundle"),
        ("warned", "portfolio"),
    ]
    inside = find_targets([cohort_dir / "clean" / "entries"], bundles=True)
    assert [(t.path.name, t.kind) for t in inside] == [("clean", "portfolio")]


def test_a_worker_that_dies_gives_a_failed_row(tmp_path: Path) -> None:
    target = Target(tmp_path, "gone", "portfolio")

    class Broken:
        def result(self) -> object:
            raise OSError("worker vanished")

    outcome = cohort._result(Broken(), target)  # type: ignore[arg-type]
    assert outcome.row.status == "failed"
    assert outcome.row.fails(FailOn.error)
    assert not outcome.row.fails(FailOn.never)


def test_the_examples_check_clean_as_a_cohort(tmp_path: Path) -> None:
    for example in EXAMPLES.iterdir():
        if (example / "portfolio.yaml").is_file():
            shutil.copytree(example, tmp_path / example.name)
    outcomes = list(cohort.run(find_targets([tmp_path], bundles=True), jobs=2, use_cache=False))
    assert len(outcomes) == 3
    assert all(o.row.status == "ok" and o.row.coverage for o in outcomes), outcomes


# --- bundles ---------------------------------------------------------------------


@pytest.fixture
def bundles(tmp_path: Path) -> Path:
    """subs/: a good bundle, the same bundle with one payload file changed, and junk."""
    from tests.bundles import make_bundle, make_portfolio

    folio = make_portfolio(tmp_path / "folio")
    check([folio], use_cache=True)
    assert (folio / ".imh-cache").is_dir()
    subs = tmp_path / "subs"
    good = Path(make_bundle(folio, subs / "good.zip").path)
    with zipfile.ZipFile(good) as zf:
        names = zf.namelist()
        assert not any(".imh-cache" in name for name in names), "the cache is never bundled"
        items = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(subs / "bad.zip", "w") as zf:
        for info, data in items:
            if info.filename.endswith("a-visit.md"):
                data = data.replace(b"Notes.", b"Nites.")
            zf.writestr(info.filename.replace("good/", "bad/", 1), data)
    (subs / "junk.zip").write_bytes(b"not a zip at all")
    return subs


def test_bundles_are_verified_one_row_each(run: Run, bundles: Path) -> None:
    ran = run("cohort", "subs", "--format", "json", "-j", "1", expect=1)
    rows = rows_of(ran.stdout)
    assert {r["kind"] for r in rows.values()} == {"bundle"}
    good, bad, junk = rows["subs/good.zip"], rows["subs/bad.zip"], rows["subs/junk.zip"]
    assert (good["status"], good["errors"], good["practitioner"]) == ("ok", 0, "Sam Example")
    assert isinstance(good["coverage"], float)
    assert bad["status"] == "errors"
    assert bad["errors"] >= 1
    assert junk["status"] == "failed"
    assert "cannot be read as a zip" in str(junk["problem"])


def test_bundle_findings_reach_the_ci_formats(run: Run, bundles: Path) -> None:
    ran = run("cohort", "subs/bad.zip", "--format", "sarif", "-j", "1", expect=1)
    document = json.loads(ran.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    results = document["runs"][0]["results"]
    assert results
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("subs/bad.zip")
        for r in results
    )


def test_the_progress_bar_goes_to_a_terminal_stderr_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from imhcli.output.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with ProgressBar("checking") as bar:
        for done in range(1, 4):
            bar.update(done, 3)
    assert "checking" in terminal.getvalue()
    quiet = io.StringIO()
    monkeypatch.setattr("sys.stderr", quiet)
    with ProgressBar("checking") as bar:
        bar.update(1, 3)
    assert quiet.getvalue() == ""
    later = Terminal()
    monkeypatch.setattr("sys.stderr", later)
    with ProgressBar("bundling", unit="bytes", delay=60) as bar:
        bar.update(1, 3)
    assert later.getvalue() == "", "quick work never shows a bar"
