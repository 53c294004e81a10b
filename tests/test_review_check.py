"""`imh review check`: each IMH7xx finding, placed at its line and column, in every format."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from junitparser import JUnitXml

from imhcli.diagnostics import Diagnostic
from imhcli.output.findings import FINDINGS
from imhcli.review.check import check_review
from tests.conftest import Run
from tests.reviews import (
    decide,
    edit,
    judge_all,
    make_bundle_at,
    make_folio,
    signed_off,
    start_review,
    then,
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("check")
    return make_bundle_at(make_folio(tmp / "folio"), tmp / "in")


@pytest.fixture(scope="module")
def skeleton(bundle: Path) -> str:
    return start_review(bundle, out=bundle.with_name("skeleton.yaml")).read_text(encoding="utf-8")


@pytest.fixture
def review(skeleton: str, tmp_path: Path) -> Path:
    path = tmp_path / "review.yaml"
    path.write_text(skeleton, encoding="utf-8")
    return path


def found(review: Path, bundle: Path | None = None) -> list[Diagnostic]:
    return check_review(review, bundle=bundle).report.diagnostics


def line_of(path: Path, needle: str, after: str = "") -> int:
    """The 1-based line of the first ``needle`` after the first ``after``."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    return text.count("\n", 0, text.index(needle, start)) + 1


def test_a_signed_off_review_with_every_competency_met_is_clean(review: Path, bundle: Path) -> None:
    edit(review, signed_off)
    assert found(review, bundle) == []


def test_a_judgement_outside_the_set_is_placed_on_its_value(review: Path) -> None:
    edit(review, judge_all("met", **{"1.03": "mostly"}))
    (diag,) = found(review)
    assert (diag.code, diag.line) == ("IMH703", line_of(review, "judgement:", "'1.03'"))
    assert diag.column == 16
    assert "mostly" in diag.message


def test_unknown_and_missing_competencies(review: Path) -> None:
    def change(data: Any) -> None:
        data["competencies"]["1.99"] = data["competencies"].pop("1.01")

    edit(review, change)
    codes = {(d.code, d.line) for d in found(review)}
    assert ("IMH701", line_of(review, "'1.99'")) in codes
    (missing,) = [d for d in found(review) if d.code == "IMH702"]
    assert "1.01" in missing.message and "did you mean" not in missing.message


@pytest.mark.parametrize(
    ("change", "code", "where"),
    [
        (
            then(signed_off, judge_all("met", **{"2.01": "partially-met"})),
            "IMH704",
            ("judgement:", "'2.01'"),
        ),
        (
            lambda d: (judge_all("met")(d), decide("revision-requested")(d)),
            "IMH705",
            ("state:", ""),
        ),
        (
            lambda d: (
                judge_all("met")(d),
                decide(
                    "not-approved",
                    feed_forward=[{"text": "More on groups", "competencies": ["1.01"]}],
                )(d),
            ),
            "IMH706",
            ("1.01", "competencies: ["),
        ),
        (
            lambda d: d["feedback"]["feed_up"].__setitem__("level", "self"),
            "IMH707",
            ("level: self", ""),
        ),
        (
            lambda d: (judge_all("met")(d), decide("signed-off")(d), d.__setitem__("date", None)),
            "IMH104",
            ("state:", ""),
        ),
        (
            lambda d: (
                judge_all("met")(d),
                decide("signed-off")(d),
                d["feedback"]["feed_back"].__setitem__("text", " "),
            ),
            "IMH712",
            ("text:", "feed_back"),
        ),
    ],
    ids=["704", "705", "706", "707", "104", "712"],
)
def test_decision_rules(
    review: Path, change: Callable[[Any], None], code: str, where: tuple[str, str]
) -> None:
    edit(review, change)
    diags = found(review)
    assert [d.code for d in diags] == [code], diags
    assert diags[0].line == line_of(review, *where)


def test_a_revision_with_a_next_step_for_a_partly_met_competency_is_clean(review: Path) -> None:
    step = {"text": "Bring a reflection on a group.", "level": "process", "competencies": ["3.04"]}
    edit(review, judge_all("met", **{"3.04": "partially-met"}))
    edit(review, decide("revision-requested", feed_forward=[step]))
    assert found(review) == []


def test_bundle_rules(review: Path, bundle: Path, tmp_path: Path) -> None:
    def change(data: Any) -> None:
        signed_off(data)
        data["date"] = dt.date(2026, 11, 1)
        data["competencies"]["1.04"]["evidence"].append("entries/2025/not-there.md")

    edit(review, change)
    codes = [(d.code, d.line) for d in found(review, bundle)]
    assert codes == [
        ("IMH710", line_of(review, "date:")),
        ("IMH708", line_of(review, "not-there")),
    ]
    other = make_bundle_at(make_folio(tmp_path / "f2"), tmp_path / "o", date=dt.date(2026, 12, 1))
    assert [d.code for d in found(review, other)] == ["IMH709", "IMH710", "IMH708"]


def test_a_renamed_bundle_is_named(review: Path, bundle: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.zip"
    renamed.write_bytes(bundle.read_bytes())
    diags = [d for d in found(review, renamed) if d.path.endswith("review.yaml")]
    assert [(d.code, d.line) for d in diags] == [("IMH709", line_of(review, "bundle:"))]


def test_an_unknown_key_is_a_warning_and_the_rules_still_run(review: Path) -> None:
    edit(review, lambda d: (d.__setitem__("verdict", "ok"), d.__setitem__("state", "signed-off")))
    codes = sorted({d.code for d in found(review)})
    assert codes == ["IMH104", "IMH106", "IMH704", "IMH712"]


def test_an_unknown_framework(review: Path) -> None:
    edit(review, lambda d: d.__setitem__("framework", "imhcf-1999"))
    assert [(d.code, d.line) for d in found(review)] == [("IMH205", line_of(review, "framework"))]


@pytest.mark.parametrize("name", list(FINDINGS))
def test_every_format_of_imh_check(run: Run, review: Path, name: str) -> None:
    edit(review, judge_all("met", **{"1.03": "mostly"}))
    ran = run("review", "check", review, "--format", name, expect=1)
    assert "IMH703" in ran.stdout
    if name == "json":
        (diag,) = json.loads(ran.stdout)["diagnostics"]
        assert diag["path"].endswith("review.yaml") and diag["line"] > 1
    if name == "sarif":
        assert json.loads(ran.stdout)["runs"][0]["results"][0]["ruleId"] == "IMH703"
    if name == "junit":
        assert JUnitXml.fromstring(ran.stdout) is not None


def test_warnings_fail_only_under_strict(run: Run, review: Path) -> None:
    edit(review, lambda d: d["feedback"]["feed_up"].__setitem__("level", "self"))
    run("review", "check", review)
    run("review", "check", review, "--strict", expect=1)


def test_identifiers_in_a_review_are_errors_without_repeating_them(run: Run, review: Path) -> None:
    edit(review, judge_all("met", **{"2.01": "met"}))
    text = review.read_text(encoding="utf-8")
    text = text.replace("comment: Comment on 2.01.", "comment: Seen with baby, NHS 943 476 5919.")
    text = text.replace("comment: Comment on 2.02.", "comment: Mum wrote from mum@example.com")
    review.write_text(text, encoding="utf-8")
    diags = found(review)
    assert [(d.code, d.line) for d in diags] == [
        ("IMH401", line_of(review, "943 476")),
        ("IMH404", line_of(review, "mum@example")),
    ]
    assert diags[0].column == line_of_text(review, "943 476")
    assert all("5919" not in d.message and "mum@example" not in d.message for d in diags)
    ran = run("review", "render", review, expect=1)
    assert "IMH401" in ran.stderr and ran.stdout == ""


def line_of_text(path: Path, needle: str) -> int:
    """The 1-based column of ``needle`` on its line."""
    text = path.read_text(encoding="utf-8")
    at = text.index(needle)
    return at - text.rfind("\n", 0, at)


def test_a_competency_of_another_level_is_named() -> None:
    from imhcli.load.frameworks import load_framework_file
    from imhcli.models.review import Review, ReviewContext
    from imhcli.review.check import run_review_rules

    tiny = load_framework_file(
        Path(__file__).parent / "cases" / "IMH202" / "level-3-only" / "framework.yaml"
    )
    review = Review.model_validate(
        {
            "format": 1,
            "bundle": {"name": "b.zip", "sha256": "0" * 64},
            "practitioner": "Sam Example",
            "level": 2,
            "framework": "tiny",
            "assessor": {"name": "A. Assessor"},
            "state": "in-review",
            "competencies": {"1.02": {"judgement": "met"}, "1.2": {"judgement": "met"}},
        }
    )
    found = list(run_review_rules(ReviewContext(review, tiny)))
    assert [(f.code, f.loc) for f in found] == [
        ("IMH701", ("competencies", "1.02")),
        ("IMH701", ("competencies", "1.2")),
        ("IMH702", ("competencies",)),
    ]
    assert "does not apply at level 2" in found[0].message
    assert "did you mean 1.02" in (found[1].hint or "")
    assert "1.01" in found[2].message
