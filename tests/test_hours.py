"""CPD hours: exact sums, windows, multi-day activities, groupings that add up."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.analysis.hours import GROUP_BY, exact, monthly, split, tally
from imhcli.errors import UsageError
from imhcli.load.portfolio import load
from tests.builders import Raw, build, counted, cpd, entry, write

D = dt.date


def test_totals_are_exact_decimals(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-01-01", 0.1), "b": cpd("2025-01-02", 0.2)})
    report = tally(p, counting=counted(p))
    assert report.total == Decimal("0.3")
    assert json.loads(report.model_dump_json())["total"] == 0.3


def test_json_shape(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-01-01", 6)})
    data = json.loads(
        tally(
            p, counting=counted(p), by="month", start=D(2025, 1, 1), end=D(2025, 12, 31)
        ).model_dump_json()
    )
    assert {"from", "to", "by", "total", "groups"} <= set(data)
    assert data["from"] == "2025-01-01" and data["to"] == "2025-12-31"
    assert data["groups"] == [{"key": "2025-01", "label": None, "hours": 6, "entries": 1}]


def test_drafts_and_entries_without_hours_do_not_count(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "a": cpd("2025-01-01", 2, status="draft"),
            "b": entry("reflection", "2025-01-02"),
            "c": entry("practice", "2025-01-03", hours=7.5),
            "plan": entry("plan", "2025-01-04", hours=20),
        },
    )
    report = tally(p, counting=counted(p))
    assert report.total == Decimal("7.5")
    assert [(g.key, g.hours) for g in report.groups] == [("practice", Decimal("7.5"))]


def test_window_boundaries_are_inclusive(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "before": cpd("2025-11-30", 1),
            "first": cpd("2025-12-01", 2),
            "last": cpd("2026-11-30", 4),
            "after": cpd("2026-12-01", 8),
        },
    )
    assert tally(p, counting=counted(p), start=D(2025, 12, 1), end=D(2026, 11, 30)).total == 6


def test_multi_day_activity_counts_once_on_its_start_date(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-03-30", 12, end="2025-04-02")})
    by_month = tally(p, counting=counted(p), by="month")
    assert [(g.key, g.hours) for g in by_month.groups] == [("2025-03", 12)]
    assert tally(p, counting=counted(p), start=D(2025, 4, 1)).total == 0


def test_spread_divides_over_the_days(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-03-30", 12, end="2025-04-02")})
    by_month = tally(p, counting=counted(p), by="month", spread=True)
    assert [(g.key, g.hours) for g in by_month.groups] == [("2025-03", 6), ("2025-04", 6)]
    assert tally(p, counting=counted(p), start=D(2025, 4, 1), spread=True).total == 6
    assert by_month.groups[0].entries == by_month.groups[1].entries == 1


def test_spread_over_a_leap_day(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2028-02-28", 3, end="2028-03-01")})
    days = tally(p, counting=counted(p), by="month", spread=True)
    assert [(g.key, g.hours) for g in days.groups] == [("2028-02", 2), ("2028-03", 1)]


def test_participatory_and_supervision_shown_apart(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "a": cpd("2025-01-01", 3, participatory=True),
            "b": cpd("2025-01-02", 1.5),
            "c": entry("supervision", "2025-01-03", hours=1, kind="reflective"),
            "d": entry("supervision", "2025-01-04", hours=2, kind="reflective", role="given"),
        },
    )
    b = tally(p, counting=counted(p)).breakdown
    assert (b.cpd_participatory, b.cpd_non_participatory) == (3, Decimal("1.5"))
    assert (b.supervision_received, b.supervision_given) == (1, 2)
    kinds = {g.key: g.hours for g in tally(p, counting=counted(p), by="kind").groups}
    assert kinds == {"reflective": 1, "reflective (given)": 2, "(cpd)": Decimal("4.5")}


def test_group_by_activity_and_competency(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "a": cpd("2025-01-01", 3, activity="course", competencies=Raw("[1.1, 2.02, 2.03]")),
            "b": cpd("2025-01-02", 1),
            "c": entry("practice", "2025-01-03", hours=2, competencies=["2.02"]),
        },
    )
    activity = {g.key: g.hours for g in tally(p, counting=counted(p), by="activity").groups}
    assert activity == {"course": 3, "unspecified": 1, "(practice)": 2}
    comps = tally(p, counting=counted(p), by="competency")
    assert [(g.key, g.hours) for g in comps.groups] == [
        ("1.10", 1),
        ("2.02", 3),
        ("2.03", 1),
        ("none", 1),
    ]
    assert comps.groups[0].label == "Keeping the infant in mind"
    domains = {g.key: g.hours for g in tally(p, counting=counted(p), by="domain").groups}
    assert domains == {"1": 1, "2": 4, "none": 1}


def test_quarter_and_year_keys(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-03-31", 1), "b": cpd("2025-04-01", 2)})
    assert [g.key for g in tally(p, counting=counted(p), by="quarter").groups] == [
        "2025-Q1",
        "2025-Q2",
    ]
    assert [g.key for g in tally(p, counting=counted(p), by="year").groups] == ["2025"]


def test_monthly_fills_empty_months(tmp_path: Path) -> None:
    p = build(tmp_path, {"a": cpd("2025-01-15", 1), "b": cpd("2025-04-01", 2)})
    months = monthly(p, counting=counted(p))
    assert [(g.key, g.hours) for g in months] == [
        ("2025-01", 1),
        ("2025-02", 0),
        ("2025-03", 0),
        ("2025-04", 2),
    ]
    assert len(monthly(p, counting=counted(p), start=D(2024, 12, 1), end=D(2025, 12, 31))) == 13
    q = build(tmp_path / "empty", {})
    assert monthly(q, counting=counted(q)) == []


def test_unknown_grouping(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot group"):
        q = build(tmp_path, {})
        tally(q, counting=counted(q), by="colour")


@pytest.mark.parametrize(
    ("amount", "parts", "shares"),
    [
        ("1", 3, ["0.34", "0.33", "0.33"]),
        ("12", 4, ["3", "3", "3", "3"]),
        ("0.125", 2, ["0.063", "0.062"]),
        ("0.01", 3, ["0.01", "0", "0"]),
    ],
)
def test_split_hands_out_the_smallest_unit(amount: str, parts: int, shares: list[str]) -> None:
    assert split(Decimal(amount), parts) == [Decimal(s) for s in shares]


# --- properties ------------------------------------------------------------------------

hours_values = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("40"), places=2).map(float)
days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))
entry_specs = st.lists(
    st.tuples(
        st.sampled_from(["cpd", "supervision", "practice"]),
        days,
        st.integers(min_value=0, max_value=5),
        hours_values,
        st.lists(st.sampled_from(["1.01", "1.10", "2.02", "6.03", "7.09"]), max_size=3),
    ),
    min_size=1,
    max_size=12,
)


def _entries(specs: list[Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i, (kind, start, length, hours, comps) in enumerate(specs):
        fields = entry(kind, start.isoformat(), hours=hours, competencies=comps)
        if length:
            fields["end"] = (start + dt.timedelta(days=length)).isoformat()
        out[f"e{i:02d}"] = fields
    return out


SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(entry_specs, st.randoms(use_true_random=False), st.booleans())
def test_totals_do_not_depend_on_order_or_folders(
    tmp_path: Path, specs: list[Any], rng: Any, spread: bool
) -> None:
    entries = _entries(specs)
    root = tmp_path / "flat"
    shutil.rmtree(root, ignore_errors=True)
    q = load(write(root, entries))
    flat = tally(q, counting=counted(q), by="year", spread=spread)
    names = list(entries)
    rng.shuffle(names)
    nested = {f"{rng.choice(['a', 'b/c', 'd'])}/{i}-{n}": entries[n] for i, n in enumerate(names)}
    root = tmp_path / "nested"
    shutil.rmtree(root, ignore_errors=True)
    q = load(write(root, nested))
    other = tally(q, counting=counted(q), by="year", spread=spread)
    assert other.total == flat.total
    assert [(g.key, g.hours) for g in other.groups] == [(g.key, g.hours) for g in flat.groups]
    # more than 24 hours a day is an error (IMH303): such an entry counts for nothing
    plausible = [s for s in specs if s[3] <= 24 * (s[2] + 1)]
    assert flat.total == sum((exact(s[3]) for s in plausible), Decimal(0))


@SETTINGS
@given(entry_specs, st.booleans(), st.sampled_from(GROUP_BY))
def test_groupings_sum_to_the_total(
    tmp_path: Path, specs: list[Any], spread: bool, by: str
) -> None:
    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    p = load(write(root, _entries(specs)))
    for start, end in ((None, None), (D(2025, 1, 1), D(2025, 12, 31))):
        report = tally(p, counting=counted(p), by=by, spread=spread, start=start, end=end)
        assert sum((g.hours for g in report.groups), Decimal(0)) == report.total
        months = monthly(p, counting=counted(p), spread=spread, start=start, end=end)
        assert sum((g.hours for g in months), Decimal(0)) == (report.total)


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=3),
    st.integers(min_value=1, max_value=400),
)
def test_split_always_adds_up(amount: Decimal, parts: int) -> None:
    shares = split(amount, parts)
    assert len(shares) == parts
    assert sum(shares, Decimal(0)) == amount
    assert max(shares) - min(shares) <= Decimal("0.01")
