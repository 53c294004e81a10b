"""`imh review accept`: only a review of this portfolio, verified when asked, never overwriting."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from imhcli.bundle.log import LOG_FILE, read_log, record_bundle
from imhcli.check.run import check
from imhcli.load.review import read_review
from imhcli.review.accept import accept_review
from imhcli.review.status import portfolio_status
from tests.conftest import Run
from tests.reviews import (
    decide,
    edit,
    judge_all,
    make_bundle_at,
    make_folio,
    signed_off,
    start_review,
)

TODAY = dt.date(2026, 12, 20)


@pytest.fixture
def folio(tmp_path: Path) -> Path:
    return make_folio(tmp_path / "folio")


@pytest.fixture
def review(folio: Path, tmp_path: Path) -> Path:
    """A signed-off review of the portfolio's bundle (made without logging it)."""
    path = start_review(make_bundle_at(folio, tmp_path / "in"))
    edit(path, signed_off)
    return path


def files_in(folio: Path) -> set[str]:
    return {p.relative_to(folio).as_posix() for p in folio.rglob("*") if p.is_file()}


def test_a_bundle_the_portfolio_can_rebuild_is_accepted(folio: Path, review: Path) -> None:
    outcome = accept_review(review, root=folio, today=TODAY)
    assert outcome.result is not None
    assert outcome.result.stored == f"reviews/{review.name}"
    assert outcome.result.plans == [] and outcome.result.feedback is not None
    assert (folio / outcome.result.stored).read_bytes() == review.read_bytes()
    assert portfolio_status(folio).state == "signed off"
    assert check([folio], today=TODAY).summary.errors == 0


def test_a_logged_bundle_is_accepted_without_rebuilding(
    folio: Path, review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imhcli.review import accept

    model = read_review(review).model
    assert model is not None
    record_bundle(folio, name="x.zip", sha256=model.bundle.sha256, date=TODAY, files=4)
    monkeypatch.setattr(accept, "rebuilt_sha256", lambda *a: pytest.fail("rebuilt"))
    assert accept_review(review, root=folio, today=TODAY).result is not None


def test_accepting_twice_writes_nothing_more(run: Run, folio: Path, review: Path) -> None:
    accept_review(review, root=folio, today=TODAY)
    before = files_in(folio)
    ran = run("review", "accept", review, "--portfolio", folio)
    assert "already accepted" in ran.stdout
    assert files_in(folio) == before


def test_another_review_of_the_same_name_is_kept_beside_it(folio: Path, review: Path) -> None:
    (folio / "reviews").mkdir()
    (folio / "reviews" / review.name).write_text("an older review\n")
    outcome = accept_review(review, root=folio, today=TODAY)
    assert outcome.result is not None
    assert outcome.result.stored == f"reviews/{review.stem}-2.yaml"
    assert (folio / "reviews" / review.name).read_text() == "an older review\n"


def test_a_review_of_someone_else_is_refused(run: Run, review: Path, tmp_path: Path) -> None:
    other = make_folio(tmp_path / "other", name="Kim Other")
    ran = run("review", "accept", review, "--portfolio", other, expect=2)
    assert "not about this portfolio" in ran.stderr and "Sam Example" in ran.stderr
    assert not (other / "reviews").exists()


def test_a_bundle_this_portfolio_did_not_make_is_refused(
    run: Run, review: Path, tmp_path: Path
) -> None:
    changed = make_folio(tmp_path / "changed")
    (changed / "entries" / "2025" / "c-new.md").write_text(
        "---\ntype: cpd\ntitle: A course\ndate: 2025-07-01\nhours: 3\n---\n"
    )
    ran = run("review", "accept", review, "--portfolio", changed, expect=2)
    assert "did not make" in ran.stderr
    assert read_log(changed) == [] and not (changed / "reviews").exists()


def test_a_changed_signed_review_is_refused(
    run: Run, folio: Path, review: Path, tmp_path: Path
) -> None:
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key], check=True)
    kind, blob = (tmp_path / "key.pub").read_text().split()[:2]
    allowed = tmp_path / "allowed"
    allowed.write_text(f'a@example.org namespaces="imh-review" {kind} {blob}\n')
    run("review", "sign", review, "--key", key)
    review.write_text(review.read_text().replace("Comment on 1.01.", "Changed."))
    before = files_in(folio)
    ran = run("review", "accept", review, "-a", allowed, "--portfolio", folio, expect=1)
    assert "IMH711" in ran.stderr and "changed after it was signed" in ran.stderr
    assert files_in(folio) == before


def test_a_review_with_errors_is_refused(run: Run, folio: Path, review: Path) -> None:
    edit(review, lambda d: d.__setitem__("state", "revision-requested"))
    ran = run("review", "accept", review, "--portfolio", folio, expect=1)
    assert "IMH705" in ran.stderr and not (folio / "reviews").exists()


def test_hostile_words_stay_in_the_body(folio: Path, review: Path) -> None:
    words = 'x"\n---\ntype: cpd\nhours: 99\n---\n<script>'

    def change(data: object) -> None:
        judge_all("met", **{"1.04": "not-met"})(data)
        decide("revision-requested", feed_forward=[{"text": words, "competencies": ["1.04"]}])(data)
        data["competencies"]["1.04"]["comment"] = words  # type: ignore[index]

    edit(review, change)
    outcome = accept_review(review, root=folio, today=TODAY)
    assert outcome.result is not None and len(outcome.result.plans) == 2
    report = check([folio], today=TODAY)
    assert report.summary.errors == 0, report.diagnostics
    assert all(
        "type: cpd" not in (folio / p).read_text().split("---")[1] for p in outcome.result.plans
    )


def test_bundle_appends_to_the_log_and_status_reads_it(
    run: Run, folio: Path, tmp_path: Path
) -> None:
    run("bundle", folio, "--date", "2026-11-30", "-o", tmp_path / "one.zip")
    run("bundle", folio, "--date", "2026-12-01", "-o", tmp_path / "two.zip")
    log = [json.loads(line) for line in (folio / LOG_FILE).read_text().splitlines()]
    assert [(r["name"], r["date"]) for r in log] == [
        ("one.zip", "2026-11-30"),
        ("two.zip", "2026-12-01"),
    ]
    (folio / LOG_FILE).write_text((folio / LOG_FILE).read_text() + "not json\n[1]\n")
    status = json.loads(run("status", folio, "--format", "json").stdout)
    assert status["state"] == "submitted" and len(status["bundles"]) == 2
    assert run("status", make_folio(tmp_path / "new")).stdout.count("not submitted") == 1


def test_a_deny_listed_name_in_the_review_is_refused_and_nothing_stays(
    run: Run, tmp_path: Path
) -> None:
    folio = make_folio(tmp_path / "folio")
    with (folio / "portfolio.yaml").open("a") as handle:
        handle.write("privacy:\n  deny_list: private/names.txt\n")
    (folio / "private").mkdir()
    (folio / "private" / "names.txt").write_text("Teodora\n")
    review = start_review(make_bundle_at(folio, tmp_path / "in"))

    def change(data: object) -> None:
        judge_all("met", **{"1.04": "partially-met"})(data)
        decide(
            "revision-requested", feed_forward=[{"text": "Write more.", "competencies": ["1.04"]}]
        )(data)
        data["competencies"]["1.04"]["comment"] = "Your visit to Teodora was thoughtful."  # type: ignore[index]

    edit(review, change)
    before = files_in(folio)
    ran = run("review", "accept", review, "--portfolio", folio, expect=1)
    assert "IMH406" in ran.stderr and "refused to accept the review" in ran.stderr
    assert "Teodora" not in ran.stderr
    assert files_in(folio) == before
