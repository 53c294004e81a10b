"""`imh pack`: each regulator's forms filled from what its profile counted, and nothing else."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from imhcli.packs.make import make_pack
from tests.conftest import Run
from tests.pack_sample import AS_OF, write_sample

DAY = AS_OF.isoformat()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("packs") / "portfolio")


def text_of(html: str) -> str:
    """The page's text, tags removed, entities as written (enough to find words)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_nmc_pack_fills_every_form(sample: Path) -> None:
    outcome = make_pack(sample, "nmc", as_of=AS_OF)
    assert outcome.html is not None, outcome.report.diagnostics
    text = text_of(outcome.html)
    for heading in (
        "NMC revalidation",
        "Requirements: met",
        "Practice hours log",
        "CPD log",
        "Practice-related feedback log",
        "Written reflective account 5",
        "Reflective discussion form",
        "Confirmation form",
        "What is still missing",
    ):
        assert heading in text, heading
    assert "Written reflective account 6" not in text
    assert "1 Example Street, Exampletown" in text
    assert "Course 3 on infant cues" in text and "Practice hours year 3" in text
    assert "I learned to slow down" in text
    assert "Draft never printed" not in text  # drafts never appear
    assert "Nothing is missing." in text


def test_nmc_pack_leaves_the_partners_details_blank(sample: Path) -> None:
    outcome = make_pack(sample, "nmc", as_of=AS_OF)
    assert outcome.html is not None
    discussion = outcome.html.split('id="discussion"')[1].split("</section>")[0]
    assert "Partner&#x27;s NMC PIN" in discussion
    assert discussion.count('class="blank"') == 5
    assert "evidence/discussion-form.pdf" in discussion


def test_nmc_pack_lists_what_was_not_counted_and_what_is_missing(tmp_path: Path) -> None:
    root = write_sample(tmp_path / "p")
    (root / "entries" / "reflection-4.md").unlink()
    outcome = make_pack(root, "nmc", as_of=AS_OF)
    assert outcome.html is not None
    text = text_of(outcome.html)
    assert "Requirements: not yet met" in text
    assert "entries/draft.md" in text and "draft" in text
    missing = outcome.html.split('id="checklist"')[1]
    assert "reflective account" in text_of(missing).lower()
    assert "31 March 2027" in text_of(missing)


def test_same_portfolio_and_date_give_the_same_bytes(sample: Path) -> None:
    for kind, extra in (
        ("nmc", {}),
        ("hcpc", {}),
        ("swe", {}),
        ("endorsement", {"category": "ifs"}),
    ):
        first = make_pack(sample, kind, as_of=AS_OF, **extra).html
        again = make_pack(sample, kind, as_of=AS_OF, **extra).html
        assert first is not None and first == again, kind


def test_hcpc_profile_statement_and_limits(sample: Path) -> None:
    outcome = make_pack(sample, "hcpc", as_of=AS_OF)
    assert outcome.html is not None
    text = text_of(outcome.html)
    for heading in ("Summary of practice", "Personal statement", "Dated list of CPD activities"):
        assert heading in text
    assert "I am a health visitor in a community team." in text
    assert "90 words (at most 500)." in text
    assert "Parental leave" in text  # an explained gap
    statement = text_of(outcome.html.split('id="statement"')[1].split("</section>")[0])
    assert len(re.findall(r"\d{4}-\d\d-\d\d", statement)) >= 4


def test_hcpc_chosen_activities(sample: Path) -> None:
    chosen = ["entries/cpd-2.md", "entries/supervision-1.md"]
    outcome = make_pack(sample, "hcpc", as_of=AS_OF, activities=chosen)
    assert outcome.html is not None
    statement = text_of(outcome.html.split('id="statement"')[1].split("</section>")[0])
    assert "Course 3 on infant cues" in statement and "Supervision 2" in statement
    assert "Account 1" not in statement
    assert "describes 2 activities; the HCPC asks for 4 to 6" in text_of(outcome.html)


def test_hcpc_refuses_an_activity_it_did_not_count(sample: Path, run: Run) -> None:
    ran = run("pack", "hcpc", sample, "--as-of", DAY, "--activity", "entries/draft.md", expect=2)
    assert "is not an activity the HCPC profile counted" in ran.stderr


def test_swe_year_records(sample: Path) -> None:
    outcome = make_pack(sample, "swe", as_of=AS_OF)
    assert outcome.html is not None
    text = text_of(outcome.html)
    assert "Reading group on infant cues" in text
    assert "Reflected on with a peer yes" in text
    assert "Course 1 on infant cues" not in text  # outside the registration year


def test_endorsement_logs_only_reflective_supervision(sample: Path) -> None:
    outcome = make_pack(sample, "endorsement", as_of=AS_OF, category="ifs")
    assert outcome.html is not None
    rsc = text_of(outcome.html.split('id="rsc-log"')[1].split("</section>")[0])
    assert "IMH specialist" in rsc and "individual" in rsc
    assert "2026-04-02" not in rsc  # clinical supervision is not RSC
    assert "Infant Family Specialist" in text_of(outcome.html)


def test_endorsement_needs_a_category(sample: Path, run: Run) -> None:
    ran = run("pack", "endorsement", sample, "--as-of", DAY, expect=2)
    assert "--category" in ran.stderr


@pytest.mark.parametrize("where", ["summary", "file name"])
def test_pack_refused_when_it_would_print_an_identifier(
    tmp_path: Path, where: str, run: Run
) -> None:
    root = write_sample(tmp_path / "p")
    if where == "summary":
        summary = root / "profile" / "summary.md"
        summary.write_text(summary.read_text() + "\nThe NHS number was 943 476 5919.\n")
    else:
        account = root / "entries" / "reflection-0.md"
        account.rename(account.with_name("reflection-kowalski.md"))
    out = tmp_path / "nmc.html"
    ran = run("pack", "nmc", root, "--as-of", DAY, "-o", out, expect=1)
    assert "IMH4" in ran.stderr and "nothing was written" in ran.stderr
    shown = ran.stdout + ran.stderr
    assert "943 476 5919" not in shown and "kowalski" not in shown.lower()
    assert not out.exists()


def test_pack_writes_html_and_refuses_to_overwrite(sample: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "nmc.html"
    run("pack", "nmc", sample, "--as-of", DAY, "-o", out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ran = run("pack", "nmc", sample, "--as-of", DAY, "-o", out, expect=2)
    assert "already exists" in ran.stderr
    run("pack", "nmc", "--portfolio", sample, "--as-of", DAY, "-o", out, "--force")


def test_pdf_without_playwright_is_exit_2_naming_the_package(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    pdf = tmp_path / "nmc.pdf"
    ran = run("pack", "nmc", sample, "--as-of", DAY, "--pdf", pdf, expect=2)
    assert "playwright" in ran.stderr and "imh[pdf]" in ran.stderr
    assert not pdf.exists()


def test_pdf_without_chromium_is_exit_2_naming_it(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setenv("IMH_CHROMIUM", str(tmp_path / "no-such-browser"))
    pdf = tmp_path / "nmc.pdf"
    ran = run("pack", "nmc", sample, "--as-of", DAY, "--pdf", pdf, expect=2)
    assert "Chromium" in ran.stderr and "apt-get install chromium" in ran.stderr
    assert not pdf.exists()


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_level_2_example_makes_a_complete_nmc_pack() -> None:
    outcome = make_pack(EXAMPLES / "level-2-health-visitor", "nmc", as_of=dt.date(2026, 11, 30))
    assert outcome.html is not None
    text = text_of(outcome.html)
    assert "Requirements: met" in text
    assert "Written reflective account 5" in text and "Written reflective account 6" not in text
    assert "Nothing is missing." in text
    assert "Example Health Centre, Example Road, Exampletown" in text
    assert "draft" in text.lower()  # the draft is listed as not counted, by path only
    assert "a family who declined" not in text


@pytest.mark.parametrize(
    ("kind", "category"), [("hcpc", None), ("swe", None), ("endorsement", "imhs")]
)
def test_level_3_example_makes_every_other_pack(kind: str, category: str | None) -> None:
    example = EXAMPLES / "level-3-parent-infant-therapist"
    outcome = make_pack(example, kind, as_of=dt.date(2026, 11, 30), category=category)
    assert outcome.html is not None
    assert outcome.html.count('class="form"') >= 1
