"""HCPC CPD and Social Work England CPD, as their standards say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from imhcli.analysis.requirements import evaluate
from imhcli.load.profiles import load_profile
from imhcli.models.verdicts import ProfileResult, RuleResult
from tests.builders import BODY, build, counted, cpd, entry

D = dt.date
HCPC = "  registrations:\n    - body: HCPC\n      renewal: 2027-01-31\n"
AS_OF = D(2026, 11, 23)  # the HCPC window: 1 February 2025 to 31 January 2027


def evaluated(
    tmp_path: Path, profile: str, entries: dict[str, dict[str, Any]], as_of: dt.date = AS_OF
) -> ProfileResult:
    p = build(tmp_path, entries, extra_yaml=HCPC)
    return evaluate(p, [load_profile(profile)], as_of, counting=counted(p)).profiles[0]


def rule(profile: ProfileResult, rule_id: str) -> RuleResult:
    return next(r for r in profile.rules if r.id == rule_id)


def steady() -> dict[str, dict[str, Any]]:
    """An activity every two months, of four kinds."""
    kinds = ["cpd", "supervision", "reflection", "practice"]
    out: dict[str, dict[str, Any]] = {}
    for i, month in enumerate(range(2, 24, 2)):
        day = dt.date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 10).isoformat()
        kind = kinds[i % 4]
        out[f"a{i:02d}"] = cpd(day, 3) if kind == "cpd" else entry(kind, day, hours=1)
    return out


# --- HCPC --------------------------------------------------------------------------------


def test_hcpc_a_steady_mixed_record_meets_every_rule(tmp_path: Path) -> None:
    profile = evaluated(tmp_path, "hcpc-cpd", steady())
    assert profile.met, [r.still_needed for r in profile.rules]
    assert rule(profile, "mixture").detail == ["type: cpd, practice, reflection, supervision"]
    shown = rule(profile, "activities").detail[0]
    assert shown.startswith("the latest 6 to describe:")


def test_hcpc_an_unexplained_gap_is_listed_and_a_break_explains_it(tmp_path: Path) -> None:
    entries = steady()
    for name in ("a04", "a05"):  # nothing from 10 August 2025 to 10 February 2026
        del entries[name]
    gap = rule(evaluated(tmp_path / "gap", "hcpc-cpd", entries), "continuous-record")
    assert not gap.met
    assert gap.detail == ["explain this gap: 10 August 2025 to 10 February 2026"]
    entries["leave"] = entry("break", "2025-09-01", end="2026-01-31", reason="Parental leave")
    explained = rule(evaluated(tmp_path / "break", "hcpc-cpd", entries), "continuous-record")
    assert explained.met
    assert explained.detail == ["10 August 2025 to 10 February 2026: explained by a break"]


def test_hcpc_a_break_that_covers_only_part_leaves_a_gap(tmp_path: Path) -> None:
    entries = steady()
    for name in ("a04", "a05"):
        del entries[name]
    entries["leave"] = entry("break", "2025-10-01", end="2025-10-31", reason="Illness")
    gap = rule(evaluated(tmp_path, "hcpc-cpd", entries), "continuous-record")
    assert not gap.met  # the break leaves three months and more unexplained after it
    assert gap.detail == ["explain this gap: 31 October 2025 to 10 February 2026"]


def test_hcpc_activities_are_any_learning_and_practice_needs_its_learning(
    tmp_path: Path,
) -> None:
    entries = {
        "course": cpd("2026-01-10", 3),
        "supervision": entry("supervision", "2026-02-10", hours=1),
        "reflection": entry("reflection", "2026-03-10"),
        "log": entry("practice", "2026-04-10", hours=30, end="2026-04-30", **{BODY: ""}),
    }
    profile = evaluated(tmp_path, "hcpc-cpd", entries)
    activities = rule(profile, "activities")
    assert activities.actual == 3 and not activities.met  # one short of four
    assert [(n.path, n.reason) for n in activities.not_counted] == [
        ("entries/log.md", "practice without learning written in it")
    ]


def test_hcpc_one_kind_is_no_mixture(tmp_path: Path) -> None:
    entries = {f"c{i}": cpd(f"2026-0{i + 1}-10", 2) for i in range(5)}
    mixture = rule(evaluated(tmp_path, "hcpc-cpd", entries), "mixture")
    assert not mixture.met and mixture.still_needed == "activities of 1 more kind"


# --- Social Work England -----------------------------------------------------------------

SWE_AS_OF = D(2026, 6, 1)  # the registration year: 1 December 2025 to 30 November 2026


def test_swe_records_are_learning_with_a_written_reflection(tmp_path: Path) -> None:
    entries = {
        "reading": entry("cpd", "2026-01-05", hours=2, activity="reading"),
        "supervision": entry("supervision", "2026-02-05", hours=1, kind="peer"),
        "certificate": cpd("2026-03-05", 6, **{BODY: ""}),
        "unfinished": entry("reflection", "2026-04-05", **{BODY: "## What happened\n"}),
        "last-year": entry("reflection", "2025-11-30"),
    }
    profile = evaluated(tmp_path, "swe-cpd", entries, SWE_AS_OF)
    records = rule(profile, "cpd-records")
    assert records.counted == ["entries/reading.md", "entries/supervision.md"]
    assert {n.path: n.reason for n in records.not_counted} == {
        "entries/last-year.md": "outside the window",
        "entries/certificate.md": "no written reflection on its impact on practice",
        "entries/unfinished.md": "unfinished",
    }
    assert profile.met  # peer supervision is reflection with a peer


def test_swe_needs_one_record_reflected_on_with_a_peer(tmp_path: Path) -> None:
    entries = {
        "course": cpd("2026-01-05", 6),
        "reflection": entry("reflection", "2026-02-05"),
    }
    profile = evaluated(tmp_path / "none", "swe-cpd", entries, SWE_AS_OF)
    peer = rule(profile, "peer-reflection")
    assert not peer.met and {n.reason for n in peer.not_counted} == {"not reflected on with a peer"}
    entries["course"]["peer_reflection"] = True
    assert evaluated(tmp_path / "peer", "swe-cpd", entries, SWE_AS_OF).met
    del entries["reflection"]
    one = evaluated(tmp_path / "one", "swe-cpd", entries, SWE_AS_OF)
    assert [r.id for r in one.rules if not r.met] == ["cpd-records"]


def test_multi_registration_each_profile_uses_its_own_renewal(tmp_path: Path) -> None:
    yaml = (
        "  registrations:\n"
        "    - body: NMC\n      renewal: 2027-03-31\n"
        "    - body: HCPC\n      renewal: 2027-01-31\n"
        "    - body: SWE\n"
    )
    p = build(tmp_path, steady(), extra_yaml=yaml)
    profiles = [load_profile(i) for i in ("nmc-revalidation", "hcpc-cpd", "swe-cpd")]
    report = evaluate(p, profiles, AS_OF, counting=counted(p))
    windows = {r.id: (r.window.start, r.window.end) for r in report.profiles}
    assert windows == {
        "nmc-revalidation": (D(2024, 4, 1), D(2027, 3, 31)),
        "hcpc-cpd": (D(2025, 2, 1), D(2027, 1, 31)),
        "swe-cpd": (D(2025, 12, 1), D(2026, 11, 30)),
    }
    assert all(r.warnings == [] for r in report.profiles)
