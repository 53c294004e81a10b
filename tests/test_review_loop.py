"""The assessor's whole loop on an example, then a resubmission that is signed off.

bundle -> review init -> judgements -> review check -> sign (a throw-away ed25519 key
made by ssh-keygen) -> verify -> render (opened in headless Chromium) -> accept ->
plans written -> status; then a second bundle, a review that follows the first, and
a sign-off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from imhcli.check.run import check
from imhcli.load.portfolio import load
from imhcli.load.review import read_review
from imhcli.models.entries import Feedback, Plan
from tests.browser import opened
from tests.conftest import Run
from tests.reviews import decide, edit, judge_all, signed_off, then

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "level-2-health-visitor"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The example portfolio (a copy), an assessor's folder and a throw-away key."""
    folio = tmp_path / "portfolio"
    shutil.copytree(EXAMPLE, folio)
    assessor = tmp_path / "assessor"
    assessor.mkdir()
    key = assessor / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "assessor", "-f", key], check=True
    )
    kind, blob = (assessor / "id_ed25519.pub").read_text().split()[:2]
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'assessor@example.org namespaces="imh-review" {kind} {blob}\n')
    monkeypatch.chdir(assessor)
    return {"folio": folio, "assessor": assessor, "key": key, "allowed": allowed}


def bundle(run: Run, world: dict[str, Path], day: str) -> Path:
    out = world["assessor"] / f"sam-example-level2-{day}.zip"
    run("bundle", world["folio"], "--date", day, "-o", out)
    return out


def revision(data: Any) -> None:
    judge_all("met", **{"3.04": "partially-met", "1.05": "not-met"})(data)
    step = {"text": "Write up a group session <b>and</b> what changed.", "competencies": ["3.04"]}
    decide("revision-requested", day="2026-12-10", feed_forward=[step])(data)
    data["feedback"]["feed_forward"][0]["level"] = "process"
    data["competencies"]["1.05"]["comment"] = "Show how you relate to the baby directly."


@pytest.mark.slow
@pytest.mark.browser
def test_the_whole_loop_and_a_resubmission(run: Run, world: dict[str, Path], chromium: Any) -> None:
    folio, key, allowed = world["folio"], world["key"], world["allowed"]
    first = bundle(run, world, "2026-11-30")
    assert json.loads(run("status", folio, "-f", "json").stdout)["state"] == "submitted"

    run(
        "review",
        "init",
        first,
        "--assessor-name",
        "A. Assessor",
        "--assessor-email",
        "assessor@example.org",
    )
    review = first.with_name(first.stem + ".review.yaml")
    edit(review, revision)
    run("review", "check", review, "--bundle", first)
    run("review", "sign", review, "--key", key)
    ran = run("review", "verify", review, "--allowed-signers", allowed)
    assert "by assessor@example.org" in ran.stdout
    run("review", "render", review, "-o", "feedback.html")
    _open_in_chromium(chromium, world["assessor"] / "feedback.html")

    ran = run("review", "accept", review, "-a", allowed, "--portfolio", folio, "-f", "json")
    accepted = json.loads(ran.stdout)
    assert accepted["stored"] == f"reviews/{review.name}"
    assert accepted["signature"] == f"reviews/{review.name}.sig"
    assert accepted["signer"] == "assessor@example.org"
    portfolio = load(folio)
    written = {e.rel: e.model for e in portfolio.entries if e.rel in accepted["plans"]}
    assert len(written) == 3  # one feed-forward item, one partially met, one not met
    assert all(isinstance(m, Plan) and m.state == "open" for m in written.values())
    assert sorted(c for m in written.values() if m for c in m.competencies) == [
        "1.05",
        "3.04",
        "3.04",
    ]
    summary = next(e for e in portfolio.entries if e.rel == accepted["feedback"])
    assert isinstance(summary.model, Feedback) and summary.model.source == "assessor"
    assert accepted["stored"] in summary.body
    assert [
        d for d in check([folio], today=dt.date(2026, 12, 20)).diagnostics if d.severity == "error"
    ] == []
    status = json.loads(run("status", folio, "-f", "json").stdout)
    assert status["state"] == "revision requested"
    assert [b["name"] for b in status["bundles"]] == [first.name]

    # The practitioner revises and bundles again; the assessor's new review follows the first.
    second = bundle(run, world, "2027-01-15")
    assert json.loads(run("status", folio, "-f", "json").stdout)["state"] == "submitted"
    run(
        "review",
        "init",
        second,
        "--previous",
        review,
        "--assessor-name",
        "A. Assessor",
        "--assessor-email",
        "assessor@example.org",
    )
    again = second.with_name(second.stem + ".review.yaml")
    edit(again, then(signed_off, lambda d: d.__setitem__("date", dt.date(2027, 1, 20))))
    run("review", "sign", again, "--key", key)
    run("review", "accept", again, "-a", allowed, "--portfolio", folio)
    model = read_review(again).model
    assert model is not None and model.previous is not None
    assert model.previous.sha256 == hashlib.sha256(review.read_bytes()).hexdigest()
    status = json.loads(run("status", folio, "-f", "json").stdout)
    assert status["state"] == "signed off"
    assert [r["state"] for r in status["reviews"]] == ["revision-requested", "signed-off"]
    assert all(r["signed"] for r in status["reviews"])
    text = run("status", folio).stdout
    assert "signed off" in text and second.name in text


def _open_in_chromium(chromium: Any, page_file: Path) -> None:
    """The feedback page renders in a real browser, loads nothing and logs no errors."""
    with opened(chromium, page_file) as tab:
        page = tab.page
        assert page.title() == "Feedback on your portfolio: Sam Example"
        assert "Revision requested" in page.locator("#outcome").inner_text()
        steps = page.locator("ol.steps li").all_inner_texts()
        assert steps[0].startswith("Write up a group session <b>and</b> what changed.")
        assert page.locator("#next b").count() == 0
        assert page.locator("table.judgements tbody tr").count() == 63
        color = "e => getComputedStyle(e).color"
        not_met = page.locator("td.judgement.not-met").first.evaluate(color)
        assert not_met != page.locator("td.judgement.met").first.evaluate(color)
        assert tab.problems == [] and tab.remote_requests() == []
