"""Every example portfolio checks clean, and evidences what its mapping table says."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from imhcli.analysis.coverage import coverage
from imhcli.check.run import check
from imhcli.load.portfolio import load
from imhcli.scaffold.templates import GITIGNORE
from tests.builders import counted

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/portfolio.yaml"))


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_checks_clean(example: Path) -> None:
    report = check([example])
    shown = "\n".join(f"{d.path}:{d.line} {d.code} {d.message}" for d in report.diagnostics)
    assert report.diagnostics == [], shown
    assert report.exit_code(strict=True) == 0
    assert report.summary.files > 1


# --- the mapping table in examples/README.md -------------------------------------------

MAPPING = ROOT / "examples" / "README.md"
ROW = re.compile(r"^\| `(?P<entry>[^`]+)` \| (?P<ids>[^|]*) \| (?P<why>[^|]+) \|$")


def mapping_tables() -> dict[str, dict[str, list[str]]]:
    """Per example folder, each entry (below entries/) and the competencies its row lists."""
    tables: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in MAPPING.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## .*\(`(?P<folder>[^`/]+)/`\)$", line)
        if heading:
            current = tables.setdefault(heading["folder"], {})
        elif (row := ROW.match(line)) and current is not None:
            ids = row["ids"].strip()
            current[row["entry"]] = [] if ids == "–" else [i.strip() for i in ids.split(",")]
    return tables


def front_matter_ids(example: Path) -> dict[str, list[str]]:
    portfolio = load(example)
    return {
        e.rel.removeprefix("entries/"): [str(c) for c in e.model.competencies]
        for e in portfolio.entries
        if e.model is not None
    }


def test_mapping_table_covers_every_example() -> None:
    assert set(mapping_tables()) == {p.name for p in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_mapping_table_agrees_with_front_matter(example: Path) -> None:
    table = mapping_tables()[example.name]
    actual = front_matter_ids(example)
    assert sorted(table) == sorted(actual), "every entry has one row, and every row an entry"
    wrong = {entry: (table[entry], ids) for entry, ids in actual.items() if table[entry] != ids}
    assert not wrong, f"table and front matter differ (table, front matter): {wrong}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_mapping_table_states_the_coverage(example: Path) -> None:
    portfolio = load(example)
    report = coverage(portfolio, counting=counted(portfolio))
    text = MAPPING.read_text(encoding="utf-8")
    section = text[text.index(f"(`{example.name}/`)") :]
    expected = (
        f"Coverage at level {report.level}: {report.summary.evidenced} of "
        f"{report.summary.total} competencies evidenced."
    )
    assert expected in section.split("\n## ")[0]


# --- what every example carries -----------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_ignores_private_as_imh_init_does(example: Path) -> None:
    assert (example / ".gitignore").read_text(encoding="utf-8") == GITIGNORE


#: The shape of a real NMC PIN: two digits, a month letter A-L, four digits, a letter.
NMC_PIN = re.compile(r"^\d{2}[A-L]\d{4}[A-Z]$")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_registration_numbers_cannot_be_real(example: Path) -> None:
    portfolio = load(example)
    assert portfolio.config is not None
    text = (example / "portfolio.yaml").read_text(encoding="utf-8")
    for reg in portfolio.config.practitioner.registrations:
        assert reg.number is not None
        assert not NMC_PIN.match(reg.number), reg.number
        assert "made-up" in text, "a comment says the number is made up"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_supervision_logs_add_up(example: Path) -> None:
    """A log that says "N sessions of H hours" (or M minutes) records N x H hours."""
    logs = 0
    for entry in load(example).entries:
        if entry.model is None or entry.type != "supervision":
            continue
        said = SESSIONS.search(entry.body)
        if said is None:
            continue
        logs += 1
        each = float(said["length"]) / (60 if said["unit"] == "minutes" else 1)
        assert entry.model.hours == WORDS[said["count"].lower()] * each, entry.rel
    assert logs >= 2, "the example keeps its supervision as logs"


SESSIONS = re.compile(
    r"(?P<count>\w+)\s+sessions\s+of\s+(?P<length>\d+(?:\.\d+)?)\s+(?P<unit>hours?|minutes)"
)
WORDS = {
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11
}  # fmt: skip


# --- the level 2 example is a complete NMC revalidation ------------------------------------


def test_level_2_meets_nmc_revalidation_under_every_rule() -> None:
    from imhcli.analysis.requirements import evaluate
    from imhcli.load.profiles import load_profile
    from tests.builders import counted

    example = ROOT / "examples" / "level-2-health-visitor"
    portfolio = load(example)
    report = evaluate(
        portfolio,
        [load_profile("nmc-revalidation")],
        dt.date(2026, 11, 29),
        counting=counted(portfolio),
    )
    nmc = report.profiles[0]
    unmet = [r.id for r in nmc.rules if not r.met]
    assert nmc.met and not unmet, f"rules not met: {unmet}"
    rules = {r.id: r for r in nmc.rules}
    accounts = rules["reflective-accounts"]
    assert len(accounts.counted) == 5, "five accounts on the NMC form, with its four sections"
    assert [n.reason for n in accounts.not_counted] == ["draft"], "only the draft is left out"
    assert {r.id for r in nmc.rules} >= {"reflective-discussion", "confirmation"}
    assert len(rules["reflective-discussion"].counted) == 1
    assert len(rules["confirmation"].counted) == 1
