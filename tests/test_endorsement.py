"""IMH Endorsement: reflective supervision or consultation as the Alliance defines it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imhcli.analysis.requirements import evaluate
from imhcli.load.profiles import load_profile
from imhcli.models.verdicts import ProfileResult, RuleResult
from tests.builders import build, counted, cpd, entry

D = dt.date
AS_OF = D(2026, 11, 23)  # the RSC window: 24 November 2024 to 23 November 2026


def rsc(day: str, hours: float = 12, **more: Any) -> dict[str, Any]:
    fields = {"kind": "reflective", "provider_qualified": True, "hours": hours, **more}
    return entry("supervision", day, **fields)


def complete() -> dict[str, dict[str, Any]]:
    return {
        "training": cpd("2023-05-01", 30, end="2023-05-05"),
        "rsc-1": rsc("2025-01-10"),
        "rsc-2": rsc("2026-01-20", mode="group"),  # a group counts as well as one to one
    }


def endorsement(
    tmp_path: Path, entries: dict[str, dict[str, Any]], profile: str = "imh-endorsement-ifs"
) -> ProfileResult:
    p = build(tmp_path, entries)
    report = evaluate(p, [load_profile(profile)], AS_OF, counting=counted(p))
    return report.profiles[0]


def rsc_rule(profile: ProfileResult) -> RuleResult:
    return next(r for r in profile.rules if r.id == "rsc-hours")


def test_a_complete_application_meets_every_rule(tmp_path: Path) -> None:
    profile = endorsement(tmp_path, complete())
    assert profile.met, [r.still_needed for r in profile.rules]
    assert rsc_rule(profile).counted == ["entries/rsc-1.md", "entries/rsc-2.md"]


def test_one_hour_less_is_unmet(tmp_path: Path) -> None:
    entries = complete()
    entries["rsc-2"]["hours"] = 11
    profile = endorsement(tmp_path, entries)
    assert [r.id for r in profile.rules if not r.met] == ["rsc-hours"]
    assert profile.still_needed == (
        "1 hour of reflective supervision or consultation"
        " in the window 24 November 2024 to 23 November 2026"
    )


@pytest.mark.parametrize(
    "kind", ["clinical", "safeguarding", "managerial", "restorative", "peer", None]
)
def test_only_reflective_supervision_counts(tmp_path: Path, kind: str | None) -> None:
    entries = complete()
    if kind is None:
        del entries["rsc-2"]["kind"]
    else:
        entries["rsc-2"]["kind"] = kind
    found = rsc_rule(endorsement(tmp_path, entries))
    assert not found.met
    shown = kind or "not set"
    assert [(n.path, n.reason) for n in found.not_counted] == [
        ("entries/rsc-2.md", f"not reflective supervision or consultation (kind: {shown})")
    ]


def test_a_provider_not_qualified_does_not_count_and_unknown_is_listed(tmp_path: Path) -> None:
    entries = complete()
    del entries["rsc-1"]["provider_qualified"]
    found = rsc_rule(endorsement(tmp_path / "unknown", entries))
    assert found.met
    assert [(c.path, c.note) for c in found.caveats] == [
        ("entries/rsc-1.md", "provider not confirmed")
    ]
    entries["rsc-1"]["provider_qualified"] = False
    found = rsc_rule(endorsement(tmp_path / "not", entries))
    assert not found.met
    assert found.not_counted[0].reason == (
        "provider not qualified to give reflective supervision or consultation"
    )


def test_given_supervision_is_no_rsc_received(tmp_path: Path) -> None:
    entries = complete()
    entries["rsc-2"]["role"] = "given"
    found = rsc_rule(endorsement(tmp_path, entries))
    assert not found.met and found.not_counted == []  # not received: not the rule's concern


def test_the_hours_span_at_least_a_year_and_at_most_two(tmp_path: Path) -> None:
    entries = complete()
    entries["rsc-1"] = rsc("2026-01-10")  # 24 hours in ten days: too quick
    found = rsc_rule(endorsement(tmp_path / "quick", entries))
    assert not found.met and found.actual == 24
    assert found.still_needed == "hours gathered over at least 12 months"
    entries["rsc-1"] = rsc("2024-11-23")  # a day more than two years before --as-of
    found = rsc_rule(endorsement(tmp_path / "old", entries))
    assert not found.met
    assert [(n.path, n.reason) for n in found.not_counted] == [
        ("entries/rsc-1.md", "outside the window")
    ]
    entries["rsc-1"] = rsc("2024-11-24")  # the window's first day
    assert rsc_rule(endorsement(tmp_path / "edge", entries)).met


def test_imhs_asks_for_fifty_hours(tmp_path: Path) -> None:
    entries = complete()
    entries["rsc-3"] = rsc("2025-06-01", hours=26, end="2025-06-30")
    assert endorsement(tmp_path / "50", entries, "imh-endorsement-imhs").met
    entries["rsc-3"]["hours"] = 25.5
    assert not endorsement(tmp_path / "49.5", entries, "imh-endorsement-imhs").met


@pytest.mark.parametrize(
    ("profile", "rules"),
    [
        ("imh-endorsement-ifa-renewal", {"training-hours": 15}),
        ("imh-endorsement-ifs-renewal", {"training-hours": 15, "rsc-hours": 12}),
        ("imh-endorsement-imhs-renewal", {"training-hours": 15, "rsc-hours": 12}),
    ],
)
def test_renewal_each_year(tmp_path: Path, profile: str, rules: dict[str, int]) -> None:
    yaml = "  registrations:\n    - body: IMH Endorsement\n      renewal: 2027-01-31\n"
    entries = {
        "training": cpd("2026-03-02", 15, end="2026-03-04"),
        "rsc": rsc("2026-05-01"),
        "last-year": cpd("2026-01-31", 10),  # the year is 1 February 2026 to 31 January 2027
    }
    p = build(tmp_path, entries, extra_yaml=yaml)
    result = evaluate(p, [load_profile(profile)], AS_OF, counting=counted(p)).profiles[0]
    assert {r.id: int(r.required) for r in result.rules} == rules
    assert result.met and result.warnings == []
    assert (result.window.start, result.window.end) == (D(2026, 2, 1), D(2027, 1, 31))
