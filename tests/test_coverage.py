"""Coverage: one status per competency, drafts ignored, plans written without overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imhcli.analysis.coverage import coverage
from imhcli.errors import UsageError
from imhcli.load.portfolio import load
from imhcli.scaffold.plans import write_plans
from tests.builders import Raw, build, counted, cpd, entry


def status(report: object, comp_id: str) -> str:
    from imhcli.analysis.coverage import CoverageReport

    assert isinstance(report, CoverageReport)
    return next(c.status for c in report.competencies if c.id == comp_id)


def test_each_status(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "r": entry("reflection", "2025-01-10", competencies=["1.01"]),
            "s": entry("self-assessment", "2025-01-01", ratings={"1.02": "achieved"}),
            "plan": entry("plan", "2025-01-01", competencies=["1.03"]),
        },
    )
    report = coverage(p, counting=counted(p))
    assert [status(report, c) for c in ("1.01", "1.02", "1.03", "1.04")] == [
        "evidenced",
        "claimed",
        "planned",
        "gap",
    ]
    first = report.competencies[0]
    assert first.evidence == ["entries/r.md"]
    assert first.evidence_types == {"reflection": 1}


def test_drafts_count_for_nothing(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "r": entry("reflection", "2025-01-10", competencies=["1.01"], status="draft"),
            "s": entry(
                "self-assessment", "2025-01-01", ratings={"1.02": "achieved"}, status="draft"
            ),
            "plan": entry("plan", "2025-01-01", competencies=["1.03"], status="draft"),
        },
    )
    report = coverage(p, counting=counted(p))
    assert {status(report, c) for c in ("1.01", "1.02", "1.03")} == {"gap"}
    assert report.summary.evidenced == 0


def test_unquoted_ids_match_by_value(tmp_path: Path) -> None:
    p = build(tmp_path, {"r": entry("reflection", "2025-01-10", competencies=Raw("[1.1, 2.02]"))})
    report = coverage(p, counting=counted(p))
    assert status(report, "1.10") == "evidenced"
    assert status(report, "2.02") == "evidenced"
    assert status(report, "1.01") == "gap"


def test_self_assessments_and_plans_are_not_evidence(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "s": entry("self-assessment", "2025-01-01", competencies=["1.01"]),
            "plan": entry("plan", "2025-01-01", competencies=["1.02"], state="done"),
        },
    )
    report = coverage(p, counting=counted(p))
    assert status(report, "1.01") == "gap"
    assert status(report, "1.02") == "gap"  # a done plan is no longer "planned"


def test_latest_self_assessment_wins(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "old": entry("self-assessment", "2025-01-01", ratings={"1.02": "achieved"}),
            "new": entry("self-assessment", "2025-06-01", ratings={"1.02": "working-towards"}),
        },
    )
    report = coverage(p, counting=counted(p))
    assert status(report, "1.02") == "gap"
    assert next(c for c in report.competencies if c.id == "1.02").self_assessment == (
        "working-towards"
    )


def test_evidence_wins_over_a_claim_and_counts_by_type(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "a": cpd("2025-01-01", 2, competencies=["6.01"]),
            "b": entry("supervision", "2025-02-01", hours=1, competencies=["6.01"]),
            "c": entry("supervision", "2025-03-01", hours=1, competencies=["6.01"]),
            "s": entry("self-assessment", "2025-01-01", ratings={"6.01": "achieved"}),
        },
    )
    comp = next(c for c in coverage(p, counting=counted(p)).competencies if c.id == "6.01")
    assert comp.status == "evidenced"
    assert comp.evidence_types == {"cpd": 1, "supervision": 2}
    assert comp.self_assessment == "achieved"


def test_summary_and_domains_add_up(tmp_path: Path) -> None:
    p = build(tmp_path, {"r": entry("reflection", "2025-01-10", competencies=["1.01", "2.01"])})
    report = coverage(p, counting=counted(p))
    assert report.summary.total == len(report.competencies)
    assert sum(d.total for d in report.domains) == report.summary.total
    assert sum(d.evidenced for d in report.domains) == 2
    assert report.summary.percent == round(100 * 2 / report.summary.total, 1)


def test_domain_and_level_filters(tmp_path: Path) -> None:
    p = build(tmp_path, {})
    report = coverage(p, counting=counted(p), domain=6, level=3)
    assert report.level == 3
    assert {c.domain for c in report.competencies} == {6}
    assert [d.id for d in report.domains] == [6]


@pytest.mark.parametrize(("option", "value"), [("level", 9), ("domain", 42)])
def test_unknown_level_or_domain(tmp_path: Path, option: str, value: int) -> None:
    p = build(tmp_path, {})
    with pytest.raises(UsageError, match=f"no {option} {value}"):
        coverage(p, counting=counted(p), **{option: value})


def test_broken_portfolio_yaml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "portfolio.yaml").write_text("format: [\n", encoding="utf-8")
    with pytest.raises(UsageError, match="has problems"):
        q = load(tmp_path)
        coverage(q, counting=counted(q))


def test_write_plans_for_gaps_never_overwrites(tmp_path: Path) -> None:
    p = build(tmp_path, {"r": entry("reflection", "2025-01-10", competencies=["1.01"])})
    report = coverage(p, counting=counted(p), domain=1)
    result = write_plans(p, report, due=dt.date(2027, 1, 31), today=dt.date(2026, 11, 23))
    assert len(result.created) == report.summary.gaps == 9
    text = (tmp_path / result.created[0]).read_text(encoding="utf-8")
    assert "status: draft" in text and "due: 2027-01-31" in text and '"1.02"' in text
    again = load(tmp_path)
    second = write_plans(
        again, coverage(again, counting=counted(again), domain=1), today=dt.date(2026, 11, 23)
    )
    assert second.created == []
    assert len(second.skipped) == 9


def test_write_plans_for_chosen_competencies(tmp_path: Path) -> None:
    p = build(tmp_path, {})
    result = write_plans(
        p, coverage(p, counting=counted(p)), competencies=["4.02", "1.1"], today=dt.date(2026, 1, 1)
    )
    assert len(result.created) == 2
    assert "1-10" in result.created[1] and result.created[1].startswith("entries/2026/")
    plans = [e for e in load(tmp_path).entries if e.type == "plan"]
    assert all(e.findings == [] for e in plans)


def test_write_plans_unknown_competency(tmp_path: Path) -> None:
    p = build(tmp_path, {})
    with pytest.raises(UsageError, match="did you mean"):
        write_plans(p, coverage(p, counting=counted(p)), competencies=["1.011"])
