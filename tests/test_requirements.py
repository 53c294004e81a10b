"""Requirement profiles: the bundled ones, windows, each kind of rule, and broken profiles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.analysis.requirements import RequirementsReport, RuleResult, evaluate
from imhcli.base import resources
from imhcli.check.run import check
from imhcli.errors import ProfileError
from imhcli.load.profiles import load_profile, profiles_for, read_profile
from tests.builders import build, confirmation, counted, cpd, entry, nmc_discussion, nmc_reflection

D = dt.date
NMC = """\
  registrations:
    - body: NMC
      renewal: {renewal}
"""
BUNDLED = [
    "hcpc-cpd",
    "imh-endorsement-ifa",
    "imh-endorsement-ifa-renewal",
    "imh-endorsement-ifs",
    "imh-endorsement-ifs-renewal",
    "imh-endorsement-imhs",
    "imh-endorsement-imhs-renewal",
    "imhcf-level-1",
    "imhcf-level-2",
    "imhcf-level-3",
    "nmc-revalidation",
    "swe-cpd",
]


def run(
    tmp_path: Path,
    profile: str,
    entries: dict[str, dict[str, Any]],
    as_of: dt.date,
    *,
    extra_yaml: str = "",
    level: int = 2,
) -> RequirementsReport:
    p = build(tmp_path, entries, extra_yaml=extra_yaml, level=level)
    return evaluate(p, [load_profile(profile)], as_of, counting=counted(p))


def rule(report: RequirementsReport, rule_id: str) -> RuleResult:
    return next(r for r in report.profiles[0].rules if r.id == rule_id)


def test_every_bundled_profile_loads_and_says_where_it_comes_from() -> None:
    assert resources.bundled_profiles() == BUNDLED
    for profile_id in BUNDLED:
        profile = load_profile(profile_id)
        assert profile.id == profile_id
        assert len(profile.source) > 40


def test_nmc_window_ends_at_the_renewal_date(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "nmc-revalidation",
        {
            "too-early": cpd("2024-03-31", 10),
            "first-day": cpd("2024-04-01", 1),
            "after-as-of": cpd("2026-12-01", 100),
        },
        D(2026, 11, 23),
        extra_yaml=NMC.format(renewal="2027-03-31"),
    )
    profile = report.profiles[0]
    assert (profile.window.start, profile.window.end) == (D(2024, 4, 1), D(2027, 3, 31))
    assert profile.days_left == 128
    assert rule(report, "cpd-hours").actual == 1


def test_nmc_still_needed_in_words(tmp_path: Path) -> None:
    entries = {
        "c1": cpd("2025-01-10", 20.5, participatory=True),
        "c2": cpd("2025-02-10", 8),
        "p": entry("practice", "2025-03-01", end="2025-12-31", hours=460),
        "d": nmc_discussion("2025-04-01"),
        "k": confirmation("2026-10-01"),
    }
    entries |= {f"f{i}": entry("feedback", f"2025-05-0{i + 1}") for i in range(5)}
    entries |= {f"r{i}": nmc_reflection(f"2025-06-0{i + 1}") for i in range(3)}
    entries["draft"] = entry("reflection", "2025-07-01", status="draft")
    report = run(
        tmp_path,
        "nmc-revalidation",
        entries,
        D(2026, 11, 23),
        extra_yaml=NMC.format(renewal="2027-03-31"),
    )
    profile = report.profiles[0]
    assert not profile.met
    assert profile.still_needed == (
        "6.5 CPD hours and 2 reflective accounts before 31 March 2027, in 128 days"
    )


def test_the_sentence_in_the_issue(tmp_path: Path) -> None:
    entries = {
        "c1": cpd("2025-01-10", 16, participatory=True),
        "c2": cpd("2025-02-10", 12.5),
        "p": entry("practice", "2025-03-01", end="2025-12-31", hours=460),
        "d": nmc_discussion("2025-04-01"),
        "k": confirmation("2026-10-01"),
    }
    entries |= {f"f{i}": entry("feedback", f"2025-05-0{i + 1}") for i in range(5)}
    entries |= {f"r{i}": nmc_reflection(f"2025-06-0{i + 1}") for i in range(3)}
    report = run(
        tmp_path,
        "nmc-revalidation",
        entries,
        D(2026, 11, 23),
        extra_yaml=NMC.format(renewal="2027-03-31"),
    )
    assert report.profiles[0].still_needed == (
        "6.5 CPD hours, 4 of them participatory, and 2 reflective accounts"
        " before 31 March 2027, in 128 days"
    )


def test_participatory_shortfall_reads_as_part_of_the_cpd_hours(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "nmc-revalidation",
        {"c1": cpd("2025-01-10", 16, participatory=True), "c2": cpd("2025-02-10", 12.5)},
        D(2026, 11, 23),
        extra_yaml=NMC.format(renewal="2027-03-31"),
    )
    assert report.profiles[0].still_needed is not None
    assert report.profiles[0].still_needed.startswith(
        "450 practice hours, 6.5 CPD hours, 4 of them participatory, 5 pieces of feedback"
    )


def test_a_past_renewal_rolls_forward_to_the_next(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "nmc-revalidation",
        {},
        D(2026, 11, 23),
        extra_yaml=NMC.format(renewal="2024-03-31"),
    )
    window = report.profiles[0].window
    assert (window.start, window.end) == (D(2024, 4, 1), D(2027, 3, 31))


def test_without_a_renewal_the_window_ends_at_as_of(tmp_path: Path) -> None:
    report = run(tmp_path, "nmc-revalidation", {}, D(2028, 2, 29))
    window = report.profiles[0].window
    assert (window.start, window.end) == (D(2025, 3, 1), D(2028, 2, 29))
    assert report.profiles[0].still_needed is not None
    assert "in the window 1 March 2025 to 29 February 2028" in report.profiles[0].still_needed


@pytest.mark.parametrize(
    ("as_of", "met"),
    [(D(2026, 11, 30), True), (D(2026, 12, 1), False)],
)
def test_swe_year_turns_on_1_december(tmp_path: Path, as_of: dt.date, met: bool) -> None:
    report = run(
        tmp_path,
        "swe-cpd",
        {
            "a": cpd("2025-12-01", 1, peer_reflection=True),
            "b": cpd("2026-11-30", 2),
            "old": cpd("2025-11-30", 2, peer_reflection=True),
        },
        as_of,
    )
    assert report.profiles[0].met is met


def test_swe_needs_peer_reflection(tmp_path: Path) -> None:
    report = run(
        tmp_path, "swe-cpd", {"a": cpd("2026-01-05", 1), "b": cpd("2026-02-05", 1)}, D(2026, 3, 1)
    )
    assert rule(report, "cpd-records").met
    assert not rule(report, "peer-reflection").met
    assert report.profiles[0].still_needed == (
        "a CPD record reflected on with a peer before 30 November 2026, in 274 days"
    )


def _hcpc(tmp_path: Path, days: list[str], as_of: dt.date) -> RuleResult:
    entries = {f"a{i}": cpd(day, 1) for i, day in enumerate(days)}
    report = run(tmp_path, "hcpc-cpd", entries, as_of)
    return rule(report, "continuous-record")


def test_hcpc_gap_of_exactly_three_months_counts(tmp_path: Path) -> None:
    # Window 2 March 2025 to 1 March 2027 (as of); each step is 3 months less a day
    # (31 August plus 3 months is 30 November: a shorter month clamps).
    days = [
        "2025-03-02",
        "2025-06-01",
        "2025-08-31",
        "2025-11-29",
        "2026-02-27",
        "2026-05-26",
        "2026-08-25",
        "2026-11-24",
        "2027-02-23",
    ]
    ok = _hcpc(tmp_path / "ok", days, D(2027, 3, 1))
    assert ok.met, ok.detail
    gap = _hcpc(tmp_path / "gap", [*days[:4], "2026-03-01", *days[5:]], D(2027, 3, 1))
    assert not gap.met
    assert gap.detail == ["explain this gap: 29 November 2025 to 1 March 2026"]
    clamped = _hcpc(tmp_path / "clamped", [*days[:3], "2025-11-30", *days[4:]], D(2027, 3, 1))
    assert clamped.detail == ["explain this gap: 31 August 2025 to 30 November 2025"]


def test_hcpc_reports_the_gap_since_the_last_activity(tmp_path: Path) -> None:
    result = _hcpc(tmp_path, ["2026-01-10"], D(2026, 6, 1))
    assert (
        result.detail[-1] == "explain this gap: 10 January 2026 to 1 June 2026 (no activity since)"
    )
    assert result.actual == 2  # and the leading gap from the window's start


def test_multi_day_activity_closes_a_gap_from_its_last_day(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "hcpc-cpd",
        {
            "a": cpd("2023-03-02", 1),
            "b": cpd("2023-05-01", 30, end="2024-12-20"),
            "c": cpd("2025-02-01", 1),
        },
        D(2025, 3, 1),
    )
    assert rule(report, "continuous-record").detail == []


def test_endorsement_rsc_excludes_peer_supervision(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "imh-endorsement-ifs",
        {
            "t": cpd("2020-01-01", 30, end="2020-01-05"),
            "peer": entry("supervision", "2026-01-01", hours=20, kind="peer"),
            "rsc": entry("supervision", "2026-02-01", hours=20, kind="reflective"),
            "unsaid": entry("supervision", "2026-03-01", hours=3),
            "given": entry("supervision", "2026-04-01", hours=9, kind="reflective", role="given"),
        },
        D(2026, 11, 23),
    )
    assert rule(report, "training-hours").met  # training counts from any time
    rsc = rule(report, "rsc-hours")
    # only the reflective hours received count: not peer, not given, not without a kind
    assert (rsc.actual, rsc.required, rsc.met) == (20, 24, False)
    assert rsc.window.start == D(2024, 11, 24)


def test_imhcf_level_profile_needs_coverage_self_assessment_and_plan(tmp_path: Path) -> None:
    report = run(
        tmp_path,
        "imhcf-level-1",
        {
            "r": entry("reflection", "2025-01-01", competencies=["1.01"]),
            "s": entry("self-assessment", "2025-01-01", ratings={"1.02": "achieved"}),
        },
        D(2026, 1, 1),
        level=1,
    )
    coverage = rule(report, "coverage")
    assert coverage.actual == 1 and coverage.required > 50
    assert rule(report, "self-assessment").met and not rule(report, "development-plan").met
    assert report.profiles[0].still_needed == (
        f"evidence for {coverage.required - 1} more competencies and a plan entry"
    )


def test_json_shape(tmp_path: Path) -> None:
    report = run(tmp_path, "swe-cpd", {}, D(2026, 3, 1))
    data = json.loads(report.model_dump_json())
    assert data["as_of"] == "2026-03-01"
    profile = data["profiles"][0]
    assert {"id", "title", "met", "rules"} <= set(profile)
    first = profile["rules"][0]
    assert {"id", "description", "window", "required", "actual", "met"} <= set(first)
    assert first["window"] == {"start": "2025-12-01", "end": "2026-11-30"}
    assert first["required"] == 2 and first["actual"] == 0


# --- profiles by path and broken profiles ----------------------------------------------

GOOD_PROFILE = """\
id: our-course
title: Our course
source: The course handbook, section 3
window: {kind: rolling, months: 18}
rules:
  - id: reflections
    kind: count
    filter: {type: reflection, model: [Gibbs, Driscoll]}
    min: 2
    description: Reflections written with a named model
"""


def test_profile_by_path(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "a": entry("reflection", "2025-06-01", model="Gibbs"),
            "b": entry("reflection", "2025-07-01", model="NMC form"),
            "c": entry("reflection", "2025-08-01", model="Driscoll"),
        },
        extra_yaml="requirements: [profiles/course.yaml]\n",
    )
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles/course.yaml").write_text(GOOD_PROFILE, encoding="utf-8")
    report = evaluate(p, profiles_for(p), D(2026, 11, 23), counting=counted(p))
    assert report.met
    assert report.profiles[0].rules[0].actual == 2


def test_unknown_profile_id() -> None:
    with pytest.raises(ProfileError, match="unknown requirement profile 'nmc'") as info:
        load_profile("nmc")
    assert "nmc-revalidation" in (info.value.hint or "")


def test_no_profiles_to_evaluate(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no requirement profiles"):
        profiles_for(build(tmp_path, {}))


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("min: 2", "min: two"), 9, "`rules[0].min` must be a whole number"),
        (("filter: {type: reflection,", "filter: {typ: reflection,"), 8, "did you mean 'type'"),
        (("kind: count", "kind: tally"), 7, "`rules[0].kind` must be one of count, sum"),
        (("months: 18", "months: 18, years: 1"), 4, "exactly one of"),
        (("title: Our course\n", ""), 1, "`title` is missing"),
        (("    min: 2\n", "    min: 2\n    colour: red\n"), 10, "colour"),
        (("source: The", "source: [The"), 4, "YAML syntax error"),
    ],
)
def test_profile_mistakes_are_reported_with_their_line(
    tmp_path: Path, change: tuple[str, str], line: int, words: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD_PROFILE.replace(*change), encoding="utf-8")
    profile, problems = read_profile(path)
    assert profile is None
    assert problems[0].line == line, problems
    assert words in str(problems[0])


def test_check_reports_a_broken_profile_file_as_imh205(tmp_path: Path) -> None:
    build(tmp_path, {}, extra_yaml="requirements:\n  - imhcf-level-2\n  - profiles/course.yaml\n")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles/course.yaml").write_text(
        GOOD_PROFILE.replace("min: 2", "min: -2"), encoding="utf-8"
    )
    report = check([tmp_path])
    found = [(d.code, d.path, d.line) for d in report.diagnostics]
    assert found == [("IMH205", "portfolio.yaml", 8)]
    message = report.diagnostics[0].message
    assert "profiles/course.yaml:9:10" in message and "greater than 0" in message


def test_check_reports_an_unknown_profile_id(tmp_path: Path) -> None:
    build(tmp_path, {}, extra_yaml="requirements: [nmc-revalidaton]\n")
    report = check([tmp_path])
    assert [(d.code, d.line) for d in report.diagnostics] == [("IMH205", 6)]
    assert "nmc-revalidation" in (report.diagnostics[0].hint or "")


def test_the_profile_in_the_docs_is_valid(tmp_path: Path) -> None:
    page = (Path(__file__).resolve().parent.parent / "docs/requirements.md").read_text("utf-8")
    section = page.split("### Writing a profile", 1)[1]
    text = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "doc.yaml").write_text(text, encoding="utf-8")
    profile, problems = read_profile(tmp_path / "doc.yaml")
    assert problems == [] and profile is not None
    p = build(tmp_path / "p", {"a": cpd("2026-01-05", 12, participatory=True)})
    result = evaluate(p, [profile], D(2026, 11, 23), counting=counted(p)).profiles[0]
    assert result.still_needed is not None
    assert "18 CPD hours" in result.still_needed


profile_text = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda a, b: GOOD_PROFILE.replace(a, b, 1),
        st.sampled_from(["min: 2", "kind: count", "rolling", "type: reflection", "id: our"]),
        st.sampled_from(["", "[", "min: {a: 1}", "kind: [", "- x", "true", "1.5", "not: x"]),
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile_text)
def test_no_profile_text_makes_it_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    profile, problems = read_profile(path)
    assert (profile is None) == bool(problems)
    assert all(p.message for p in problems)


def test_bundled_profiles_follow_the_committed_json_schema() -> None:
    from jsonschema import Draft202012Validator

    from imhcli.load.yaml_loaders import load_fast

    root = Path(__file__).resolve().parent.parent
    schema = json.loads((root / "schema/profile.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    for profile_id in BUNDLED:
        path = resources.bundled_profile(profile_id)
        assert path is not None
        data = load_fast(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], profile_id
