"""The CI formats: GitHub annotations, SARIF 2.1.0 and JUnit XML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml

from imhcli.check.run import check
from imhcli.codes import CODES
from imhcli.diagnostics import CheckReport, make
from imhcli.output.findings import FINDINGS
from imhcli.output.findings.github import annotation
from tests.conftest import GOOD_ENTRY, TODAY, Run

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

BAD_ENTRY = """\
---
type: reflection
title: Unknown ids
date: 2025-03-04
competencies: ["1.99", "9.01"]
---

Body.
"""

WARN_ENTRY = """\
---
type: reflection
title: A stray field
date: 2025-03-05
mood: fine
---

Body.
"""


@pytest.fixture
def findings(
    portfolio: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """A portfolio with a clean file, a file with errors and a file with a warning (at ./p)."""
    monkeypatch.chdir(tmp_path)
    return portfolio(
        {
            "entries/good.md": GOOD_ENTRY,
            "entries/bad.md": BAD_ENTRY,
            "entries/warn.md": WARN_ENTRY,
        }
    )


def rendered(report: CheckReport, name: str) -> str:
    import io

    out = io.StringIO()
    FINDINGS[name](report, out=out, color=False)
    return out.getvalue()


def test_ci_formats_are_registered() -> None:
    assert {"github", "sarif", "junit"} <= set(FINDINGS)


# --- github ----------------------------------------------------------------------


def test_annotation_escapes_data_and_properties() -> None:
    diag = make(
        "IMH201",
        "50% of it\r\nis wrong",
        portfolio="cohort/a,b",
        path="entries/x:y.md",
        line=3,
        column=7,
        hint="fix it",
    )
    assert annotation(diag) == (
        "::error file=cohort/a%2Cb/entries/x%3Ay.md,line=3,col=7,"
        "title=IMH201 unknown-competency::50%25 of it%0D%0Ais wrong%0Ahint: fix it"
    )


def test_annotation_without_a_line_is_a_warning_on_the_file() -> None:
    diag = make("IMH106", "unknown field", portfolio="p", path="entries/a.md")
    assert (
        annotation(diag)
        == "::warning file=p/entries/a.md,title=IMH106 unknown-field::unknown field"
    )


def test_github_is_chosen_under_actions_with_a_step_summary(
    run: Run,
    findings: Path,
    tmp_path: Path,
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    ran = run("check", findings, expect=1, env=env)
    lines = ran.stdout.splitlines()
    assert sum(line.startswith("::error file=p/entries/bad.md,line=5") for line in lines) == 2
    assert any(line.startswith("::warning file=p/entries/warn.md,line=5") for line in lines)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## imh check")
    assert "| p/entries/bad.md | 5 | IMH201 | error |" in text


def test_github_without_a_summary_file_writes_annotations_only(
    run: Run,
    findings: Path,
) -> None:
    ran = run("check", findings, "--format", "github", expect=1, env={"GITHUB_STEP_SUMMARY": ""})
    assert ran.stdout.count("::error ") == 2


# --- sarif -----------------------------------------------------------------------


def test_sarif_validates_against_the_schema(findings: Path) -> None:
    document = json.loads(rendered(check([findings], today=TODAY), "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    sarif_run = document["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    assert sorted(r["ruleId"] for r in sarif_run["results"]) == ["IMH106", "IMH201", "IMH201"]
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    bad = next(r for r in sarif_run["results"] if r["ruleId"] == "IMH201")
    location = bad["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "p/entries/bad.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 5


def test_sarif_of_a_clean_portfolio_is_valid_and_empty(portfolio: Callable[..., Path]) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    document = json.loads(rendered(check([root], today=TODAY), "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    assert document["runs"][0]["results"] == []


def test_sarif_uses_file_uris_outside_the_working_folder(
    findings: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    document = json.loads(rendered(check([findings], today=TODAY), "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"].startswith("file:///")


# --- junit -----------------------------------------------------------------------


def test_junit_has_a_case_per_file(findings: Path, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    out.write_text(rendered(check([findings], today=TODAY), "junit"), encoding="utf-8")
    suites = list(JUnitXml.fromfile(str(out)))
    assert len(suites) == 1
    suite = suites[0]
    cases = {case.name: case for case in suite}
    assert set(cases) == {"portfolio.yaml", "entries/good.md", "entries/bad.md", "entries/warn.md"}
    assert suite.tests == 4
    assert suite.failures == 1
    assert cases["entries/good.md"].is_passed
    assert cases["entries/warn.md"].is_passed
    assert "IMH106" in (cases["entries/warn.md"].system_out or "")
    (failure,) = cases["entries/bad.md"].result
    assert isinstance(failure, Failure)
    assert failure.type == "IMH201"
    assert "1.99" in (failure.text or "")


def test_junit_escapes_markup_and_illegal_characters(portfolio: Callable[..., Path]) -> None:
    entry = GOOD_ENTRY.replace('["1.04"]', '["<b>&\\u0001"]')
    root = portfolio({"entries/x.md": entry})
    text = rendered(check([root], today=TODAY), "junit")
    suites = JUnitXml.fromstring(text)
    (suite,) = list(suites)
    assert suite.failures == 1
