"""What counts as evidence (spec section 8): the same entries everywhere, with reasons."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.analysis.coverage import coverage
from imhcli.analysis.hours import tally
from imhcli.analysis.requirements import evaluate
from imhcli.check.counting import counting_for
from imhcli.load.body import has_own_words, own_words, sections
from imhcli.load.profiles import load_profile
from imhcli.models.verdicts import DRAFT, OUTSIDE_WINDOW, UNFINISHED, has_errors
from imhcli.output.report import render_report
from tests.builders import BODY, build, cpd, entry, write
from tests.conftest import Run

D = dt.date
TEMPLATE = "## What happened\n\n<!-- Roles, not names. -->\n\n## What I make of it\n\n- [ ]\n"


def _mixed() -> dict[str, dict[str, Any]]:
    """One of each: counts, draft, unfinished, with an error; all on competency 1.01."""
    return {
        "good": entry("reflection", "2025-03-01", competencies=["1.02"], hours=1),
        "draft": entry("reflection", "2025-03-02", competencies=["1.01"], status="draft"),
        "empty": entry("reflection", "2025-03-03", competencies=["1.01"], **{BODY: TEMPLATE}),
        "too-long": cpd("2025-03-04", 30, competencies=["1.01"]),
    }


def test_counting_gives_each_reason(tmp_path: Path) -> None:
    p = build(tmp_path, _mixed())
    assert dict(counting_for(p).excluded) == {
        "entries/draft.md": DRAFT,
        "entries/empty.md": UNFINISHED,
        "entries/too-long.md": has_errors(["IMH303"]),
    }


def test_coverage_hours_requirements_and_report_agree(tmp_path: Path) -> None:
    p = build(tmp_path, _mixed())
    counting = counting_for(p)
    cover = {c.id: c for c in coverage(p, counting=counting).competencies}
    assert cover["1.01"].status == "gap" and cover["1.02"].evidence == ["entries/good.md"]
    hours = tally(p, counting=counting)
    assert hours.total == 1 and hours.entries == 1
    nmc = evaluate(p, [load_profile("nmc-revalidation")], D(2025, 6, 1), counting=counting)
    cpd_rule = next(r for r in nmc.profiles[0].rules if r.id == "cpd-hours")
    assert cpd_rule.actual == 0
    assert cpd_rule.not_counted[0].reason == "has errors (IMH303)"
    page = render_report(p, today=D(2025, 6, 1))
    assert "Not included: 1 draft, 1 unfinished entry and 1 entry with errors" in page


def test_gaps_and_hours_commands_leave_the_same_entries_out(run: Run, tmp_path: Path) -> None:
    root = write(tmp_path / "p", _mixed())
    gaps = run("gaps", root, "-f", "json")
    assert "3 entries are not counted" not in gaps.stderr  # drafts are expected not to count
    assert "2 entries are not counted (first: entries/empty.md, unfinished)" in gaps.stderr
    hours = json.loads(run("hours", root, "-f", "json").stdout)
    assert hours["total"] == 1


def test_requirements_json_lists_counted_and_not_counted(run: Run, tmp_path: Path) -> None:
    entries = {
        **_mixed(),
        "old": entry("reflection", "2019-01-01"),
        "later": entry("reflection", "2025-07-01"),
    }
    root = write(tmp_path / "p", entries)
    ran = run("requirements", root, "-P", "swe-cpd", "--as-of", "2025-06-01", "-f", "json")
    rule = json.loads(ran.stdout)["profiles"][0]["rules"][0]
    assert rule["counted"] == ["entries/good.md"]
    assert {n["path"]: n["reason"] for n in rule["not_counted"]} == {
        "entries/old.md": OUTSIDE_WINDOW,
        "entries/draft.md": DRAFT,
        "entries/empty.md": UNFINISHED,
        "entries/too-long.md": "has errors (IMH303)",
        "entries/later.md": OUTSIDE_WINDOW,
    }


def test_requirements_text_shows_entries_and_reasons(run: Run, tmp_path: Path) -> None:
    root = write(tmp_path / "p", {**_mixed(), "old": entry("reflection", "2019-01-01")})
    ran = run("requirements", root, "-P", "swe-cpd", "--as-of", "2025-06-01")
    assert "counted entries/good.md" in ran.stdout
    assert "not counted entries/empty.md: unfinished" in ran.stdout
    assert "not counted entries/too-long.md: has errors (IMH303)" in ran.stdout
    assert "not counted: 1 entry outside the window" in ran.stdout


# --- the body ----------------------------------------------------------------------------


def test_own_words_leave_out_what_imh_new_wrote() -> None:
    assert own_words(TEMPLATE) == ""
    assert not has_own_words("# Title\n\nWhat was said, anonymised.\n\n* [ ]\n1.\n")
    assert has_own_words(TEMPLATE + "\nShe smiled.\n")
    assert has_own_words("<!-- a prompt --> but this is mine")


def test_sections_split_at_headings_with_lines() -> None:
    found = sections("intro\n## One\n<!--\nprompt\n-->\ntext\n### Two\n", first_line=7)
    assert [(s.title, s.line) for s in found] == [("One", 8), ("Two", 13)]
    assert found[0].text.strip() == "text" and not has_own_words(found[1].text)


# --- property: nothing unfinished or broken turns a verdict to met -----------------------

PROFILES = ["nmc-revalidation", "swe-cpd", "hcpc-cpd", "imh-endorsement-ifs"]
NMC = "  registrations:\n    - body: NMC\n      renewal: 2026-03-31\n"
types = st.sampled_from(["reflection", "feedback", "discussion", "cpd", "supervision", "practice"])
days = st.dates(min_value=D(2023, 4, 1), max_value=D(2026, 3, 31))
spoiled = st.sampled_from(["unfinished", "error", "draft"])


def _spoiled(kind: str, entry_type: str, day: dt.date) -> dict[str, Any]:
    fields = entry(entry_type, day.isoformat(), hours=5, participatory=True)
    if entry_type != "cpd":
        fields.pop("participatory")
    if kind == "unfinished":
        fields[BODY] = TEMPLATE
        if entry_type in {"cpd", "supervision", "practice"}:
            fields["hours"] = 30  # their bodies may be empty: spoil them with an error instead
    elif kind == "error":
        fields["hours"] = 30
    else:
        fields["status"] = "draft"
    return fields


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(spoiled, types, days), min_size=1, max_size=6))
def test_spoiled_entries_never_turn_unmet_to_met(
    tmp_path: Path, added: list[tuple[str, str, dt.date]]
) -> None:
    base = {
        "c": cpd("2025-01-10", 10, participatory=True),
        "r": entry("reflection", "2025-02-01"),
        "s": entry("supervision", "2025-03-01", hours=3, kind="reflective"),
    }
    profiles = [load_profile(p) for p in PROFILES]
    for old in (tmp_path / "a", tmp_path / "b"):
        shutil.rmtree(old, ignore_errors=True)  # hypothesis reuses tmp_path
    before = _verdicts(build(tmp_path / "a", base, extra_yaml=NMC), profiles)
    more = {f"x{i}": _spoiled(*spec) for i, spec in enumerate(added)}
    after = _verdicts(build(tmp_path / "b", {**base, **more}, extra_yaml=NMC), profiles)
    for key, met in after.items():
        assert met <= before[key], key


def _verdicts(p: Any, profiles: list[Any]) -> dict[str, bool]:
    report = evaluate(p, profiles, D(2026, 3, 1), counting=counting_for(p))
    return {f"{pr.id}/{r.id}": r.met for pr in report.profiles for r in pr.rules}


def test_hours_by_kind_and_by_mode(tmp_path: Path) -> None:
    p = build(
        tmp_path,
        {
            "one": entry("supervision", "2025-01-10", hours=1.5, kind="reflective"),
            "group": entry("supervision", "2025-02-10", hours=2, kind="group"),  # IMH111
            "safe": entry("supervision", "2025-03-10", hours=1, kind="safeguarding"),
            "gave": entry("supervision", "2025-04-10", hours=1, kind="reflective", role="given"),
            "course": cpd("2025-05-10", 3),
        },
    )
    counting = counting_for(p)
    kinds = {g.key: g.hours for g in tally(p, counting=counting, by="kind").groups}
    assert kinds == {
        "reflective": 3.5,
        "safeguarding": 1,
        "reflective (given)": 1,
        "(cpd)": 3,
    }
    modes = {g.key: g.hours for g in tally(p, counting=counting, by="mode").groups}
    assert modes == {"individual": 2.5, "group": 2, "individual (given)": 1, "(cpd)": 3}
