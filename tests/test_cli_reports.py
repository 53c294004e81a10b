"""`imh gaps`, `imh hours` and `imh requirements` through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.builders import Raw, cpd, entry, write
from tests.conftest import Run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ANSI = "\x1b["


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write(
        tmp_path / "p",
        {
            "2025/r": entry("reflection", "2025-01-10", competencies=Raw("[1.1, 6.02]")),
            "2025/c": cpd(
                "2025-03-30", 12, end="2025-04-02", participatory=True, activity="course"
            ),
            "2025/d": cpd("2025-05-01", 0.1, status="draft"),
            "2025/s": entry("supervision", "2025-06-01", hours=1.5, kind="peer"),
            "2025/sa": entry("self-assessment", "2025-01-01", ratings={"1.02": "achieved"}),
        },
        extra_yaml=(
            "  registrations:\n    - body: NMC\n      renewal: 2027-03-31\n"
            "requirements: [nmc-revalidation, swe-cpd]\n"
        ),
    )


def test_gaps_text_has_a_grid_and_where_to_next(run: Run, sample: Path) -> None:
    out = run("gaps", sample).stdout
    assert "Coverage at level 2 of imhcf-2019: 2 of 63 evidenced" in out
    assert "●" in out and "◐" in out and "·" in out
    assert "Where to next (60 gaps)" in out
    assert "evidence it with: supervision, reflection, discussion" in out
    assert "Rated achieved but not yet evidenced: 1.02" in out
    assert ANSI not in out


def test_gaps_says_what_of_the_framework_is_imhs_own(run: Run, sample: Path) -> None:
    lines = run("gaps", sample).stdout.splitlines()
    assert lines[1].startswith("In framework imhcf-2019, part of the structure")
    assert "imh's own, not the publisher's" in lines[1]
    md = run("gaps", sample, "--format", "markdown").stdout
    assert "_In framework imhcf-2019, part of the structure" in md
    notice = json.loads(run("gaps", sample, "--format", "json").stdout)["framework_notice"]
    assert "20 of the 21 group headings" in notice


def test_gaps_colour_when_asked(run: Run, sample: Path) -> None:
    assert ANSI in run("gaps", sample, "--color", "always").stdout


def test_gaps_json_shape(run: Run, sample: Path) -> None:
    data = json.loads(run("gaps", sample, "--format", "json").stdout)
    assert {"portfolio", "framework", "level", "competencies", "summary"} <= set(data)
    assert data["summary"] == {
        "total": 63,
        "evidenced": 2,
        "claimed": 1,
        "planned": 0,
        "gaps": 60,
        "percent": 3.2,
    }
    first = data["competencies"][0]
    assert {"id", "domain", "status", "evidence", "self_assessment"} <= set(first)
    ten = next(c for c in data["competencies"] if c["id"] == "1.10")
    assert ten["evidence"] == ["entries/2025/r.md"] and ten["status"] == "evidenced"


def test_gaps_csv_and_markdown(run: Run, sample: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("gaps", sample, "-f", "csv", "-d", "1").stdout)))
    assert len(rows) == 10 and rows[1]["status"] == "claimed"
    md = run("gaps", sample, "--format", "markdown", "--level", "3").stdout
    assert md.startswith("# Coverage at level 3 (imhcf-2019)")
    assert "| 1.10 Keeping the infant in mind | evidenced | `entries/2025/r.md` | – |" in md


def test_gaps_plan_writes_drafts_and_prints_paths(run: Run, sample: Path) -> None:
    ran = run("gaps", sample, "--plan", "-c", "4.02", "-c", "1.02", "--due", "2027-01-31")
    paths = [Path(line) for line in ran.stdout.splitlines()]
    assert len(paths) == 2 and all(p.is_file() for p in paths)
    assert "due: 2027-01-31" in paths[0].read_text(encoding="utf-8")
    again = run("gaps", sample, "--plan", "-c", "4.02")
    assert again.stdout == "" and "skipped 4.02: already planned" in again.stderr
    assert run("check", sample).exit_code == 0


def test_gaps_plan_options_need_plan(run: Run, sample: Path) -> None:
    assert "go with --plan" in run("gaps", sample, "--due", "2027-01-01", expect=2).stderr


def test_gaps_outside_a_portfolio(run: Run, tmp_path: Path) -> None:
    assert "not inside a portfolio" in run("gaps", tmp_path, expect=2).stderr


def test_gaps_notes_unreadable_entries(run: Run, sample: Path) -> None:
    (sample / "entries/broken.md").write_text("---\ntype: [\n---\n", encoding="utf-8")
    ran = run("gaps", sample, "-f", "json")
    assert "1 entry is not counted (entries/broken.md, has errors (IMH102))" in ran.stderr
    assert "imh check" in ran.stderr
    json.loads(ran.stdout)


def test_hours_text(run: Run, sample: Path) -> None:
    out = run("hours", sample, "--as-of", "2026-11-23").stdout
    assert "Hours by type, all dates to 23 November 2026" in out
    assert "CPD: 12 participatory, 0 non-participatory" in out
    assert "Supervision: 1.5 received, 0 given" in out
    assert "13.5" in out and "█" in out
    assert "Month by month, 2025-03 to 2026-11: █··▁···" in out


def test_hours_json_and_spread(run: Run, sample: Path) -> None:
    data = json.loads(
        run(
            "hours",
            sample,
            "--by",
            "month",
            "--spread",
            "--format",
            "json",
            "--as-of",
            "2026-01-01",
        ).stdout
    )
    assert data["by"] == "month" and data["from"] is None and data["to"] == "2026-01-01"
    assert data["total"] == 13.5
    assert [(g["key"], g["hours"]) for g in data["groups"]] == [
        ("2025-03", 6),
        ("2025-04", 6),
        ("2025-06", 1.5),
    ]


def test_hours_last_period_and_csv(run: Run, sample: Path) -> None:
    out = run("hours", sample, "--last", "12m", "--as-of", "2026-03-31", "-f", "csv").stdout
    assert out.splitlines() == ["key,label,hours,entries", '"supervision","","1.5","1"']


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--last", "12m", "--from", "2025-01-01"), "cannot be combined"),
        (("--last", "a year"), "not a period"),
        (("--from", "2026-02-30"), "not a date"),
        (("--from", "2026-01-02", "--to", "2026-01-01"), "is after"),
    ],
)
def test_hours_bad_windows(run: Run, sample: Path, args: tuple[str, ...], words: str) -> None:
    assert words in run("hours", sample, *args, expect=2).stderr


def test_requirements_text_and_strict(run: Run, sample: Path) -> None:
    ran = run("requirements", sample, "--as-of", "2026-11-23")
    assert "NMC revalidation (nmc-revalidation): not met" in ran.stdout
    assert "window: 1 April 2024 to 31 March 2027, 128 days left" in ran.stdout
    assert "Still needed: 450 practice hours, 23 CPD hours, 8 of them participatory" in ran.stdout
    run("requirements", sample, "--strict", expect=1)


def test_requirements_json_for_one_profile(run: Run, sample: Path) -> None:
    ran = run("requirements", sample, "-P", "swe-cpd", "--as-of", "2025-04-01", "-f", "json")
    data = json.loads(ran.stdout)
    assert data["as_of"] == "2025-04-01"
    assert [p["id"] for p in data["profiles"]] == ["swe-cpd"]
    records = data["profiles"][0]["rules"][0]
    # any learning entry with a written reflection is a record, not only cpd entries
    assert records["counted"] == ["entries/2025/r.md", "entries/2025/c.md"]
    assert records["actual"] == 2


def test_requirements_strict_passes_when_met(run: Run, tmp_path: Path) -> None:
    root = write(
        tmp_path / "p", {"a": cpd("2026-01-05", 1, peer_reflection=True), "b": cpd("2026-02-05", 1)}
    )
    ran = run("requirements", root, "-P", "swe-cpd", "--as-of", "2026-03-01", "--strict")
    assert "Social Work England CPD (registration year) (swe-cpd): met" in ran.stdout


def test_requirements_unknown_profile_exits_2(run: Run, sample: Path) -> None:
    ran = run("requirements", sample, "--profile", "nmc", expect=2)
    assert "unknown requirement profile 'nmc'" in ran.stderr


def test_requirements_without_profiles(run: Run, tmp_path: Path) -> None:
    root = write(tmp_path / "p", {})
    assert "--profile" in run("requirements", root, expect=2).stderr


@pytest.mark.parametrize(
    "example", sorted(p.parent.name for p in EXAMPLES.glob("*/portfolio.yaml"))
)
def test_examples_report_cleanly(run: Run, example: str) -> None:
    root = EXAMPLES / example
    assert run("check", root).exit_code == 0
    gaps = json.loads(run("gaps", root, "-f", "json").stdout)
    assert gaps["summary"]["evidenced"] > 0
    hours = json.loads(run("hours", root, "-f", "json", "--by", "competency").stdout)
    assert sum(g["hours"] for g in hours["groups"]) == pytest.approx(hours["total"])
    data = json.loads(run("requirements", root, "-f", "json", "--as-of", "2026-11-23").stdout)
    assert len(data["profiles"]) == 2 if example != "level-1-early-years" else 1


@pytest.mark.parametrize("command", ["gaps", "hours", "requirements"])
def test_help_has_examples(run: Run, command: str) -> None:
    assert "Examples" in run(command, "--help").stdout
