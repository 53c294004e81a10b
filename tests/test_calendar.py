"""`imh calendar`: deadlines as iCalendar, parsed back with the icalendar package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.builders import entry, write
from tests.conftest import Run

SWE = "Social Work England CPD (registration year): end of the window"

REGISTRATIONS = """\
  registrations:
    - {body: NMC, renewal: 2027-03-31}
    - {body: HCPC, renewal: 2027-08-31}
requirements: [nmc-revalidation, swe-cpd, hcpc-cpd, imhcf-level-2, imh-endorsement-ifs]
"""
ENTRIES = {
    "plan-open": entry("plan", "2026-10-01", due="2027-01-15", competencies=["1.04"]),
    "plan-draft": entry("plan", "2026-10-02", due="2027-02-01", status="draft"),
    "plan-done": entry("plan", "2026-10-03", due="2026-12-01", state="done"),
    "plan-undated": entry("plan", "2026-10-04"),
    "cpd": entry("cpd", "2026-05-01", hours=3),
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write(tmp_path / "p", ENTRIES, extra_yaml=REGISTRATIONS)


def events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT") if isinstance(e, icalendar.Event)}


def test_every_deadline_is_an_all_day_event_with_a_reminder(run: Run, root: Path) -> None:
    text = run("calendar", str(root), "--as-of", "2026-11-30").stdout
    found = events(text)
    want = {
        "Due: plan on 2026-10-01": dt.date(2027, 1, 15),
        "Due: plan on 2026-10-02": dt.date(2027, 2, 1),
        "NMC registration renewal": dt.date(2027, 3, 31),
        "HCPC registration renewal": dt.date(2027, 8, 31),
        "NMC revalidation: end of the window": dt.date(2027, 3, 31),
        "Social Work England CPD (registration year): end of the window": dt.date(2026, 11, 30),
        "HCPC CPD (two years before renewal): end of the window": dt.date(2027, 8, 31),
    }
    assert {s: e.decoded("DTSTART") for s, e in found.items()} == want
    for summary, event in found.items():
        start = event.decoded("DTSTART")
        assert type(start) is dt.date, f"{summary} is all-day"
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
        assert str(event["UID"]).endswith("@imh")
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-14)
    assert "competencies 1.04" in str(found["Due: plan on 2026-10-01"]["DESCRIPTION"])
    assert len({str(e["UID"]) for e in found.values()}) == len(found)


def test_uids_are_stable_and_the_file_is_the_same(run: Run, root: Path) -> None:
    first = run("calendar", str(root), "--as-of", "2026-11-30").stdout
    assert run("calendar", str(root), "--as-of", "2026-11-30").stdout == first
    later = run("calendar", str(root), "--as-of", "2026-12-20").stdout
    before, after = events(first), events(later)
    assert {str(e["UID"]) for e in before.values()} - {str(e["UID"]) for e in after.values()} == {
        str(before[SWE]["UID"])
    }, "only the SWE year rolled over on 1 December"
    assert before[SWE].decoded("DTSTART") == dt.date(2026, 11, 30)
    assert after[SWE].decoded("DTSTART") == dt.date(2027, 11, 30)


def test_swe_year_ends_on_30_november(run: Run, root: Path) -> None:
    found = events(
        run("calendar", str(root), "--as-of", "2027-12-01", "--profile", "swe-cpd").stdout
    )
    assert found[SWE].decoded("DTSTART") == dt.date(2028, 11, 30)


def test_no_renewal_date_means_no_window_deadline(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = write(tmp_path / "p", {}, extra_yaml="requirements: [nmc-revalidation, imhcf-level-2]\n")
    text = run("calendar", str(root), "--remind", "3").stdout
    assert events(text) == {}


def test_remind_output_and_json(run: Run, root: Path) -> None:
    run("calendar", str(root), "-o", "deadlines.ics", "--remind", "30", "--as-of", "2026-11-30")
    found = events(Path("deadlines.ics").read_text("utf-8"))
    assert all(
        e.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(days=-30) for e in found.values()
    )
    assert "already exists" in run("calendar", str(root), "-o", "deadlines.ics", expect=2).stderr
    import json

    data = json.loads(run("calendar", str(root), "-f", "json", "--as-of", "2026-11-30").stdout)
    assert [d["kind"] for d in data["deadlines"]].count("plan") == 2


def test_an_identifier_in_a_plan_stops_the_calendar(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = entry("plan", "2026-10-01", due="2027-01-15", title="Call back on 07700 900123")
    root = write(tmp_path / "p", {"plan": plan})
    ran = run("calendar", str(root), "-o", "deadlines.ics", expect=1)
    assert "IMH403" in ran.stdout + ran.stderr and "refused to write the calendar" in ran.stderr
    assert "07700 900123" not in ran.stdout + ran.stderr
    assert not (tmp_path / "deadlines.ics").exists()
