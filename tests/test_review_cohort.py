"""`imh cohort` with reviews: who waits for review, who must revise, who is signed off."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from imhcli.review.accept import accept_review
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


def test_rows_carry_review_state_and_judgement_counts(tmp_path: Path, run: Run) -> None:
    top = tmp_path / "cohort"
    waiting = make_bundle_at(make_folio(tmp_path / "w"), top / "waiting")
    done = make_bundle_at(make_folio(tmp_path / "d"), top / "done")
    edit(start_review(done), signed_off)
    revise = make_bundle_at(make_folio(tmp_path / "r"), top / "revise")
    step = {"text": "More on groups.", "competencies": ["3.04"]}
    edit(
        start_review(revise),
        lambda d: (
            judge_all("met", **{"3.04": "partially-met"})(d),
            decide("revision-requested", feed_forward=[step])(d),
        ),
    )
    other = make_bundle_at(make_folio(tmp_path / "o"), top / "other")
    edit(start_review(other), signed_off)
    other.write_bytes(other.read_bytes() + b"\0")  # the review is not about these bytes any more
    folio = make_folio(top / "folio")
    review = start_review(make_bundle_at(folio, tmp_path / "sent"))
    edit(review, signed_off)
    assert accept_review(review, root=folio, today=dt.date(2026, 12, 20)).result is not None

    ran = run("cohort", top, "--jobs", "1", "--format", "json", "--fail-on", "never")
    rows = {Path(r["path"]).parent.name or r["path"]: r for r in json.loads(ran.stdout)["rows"]}
    by_name = {Path(r["path"]).name: r for r in json.loads(ran.stdout)["rows"]}
    assert by_name[waiting.name]["not_met"] is None
    states = {k: (r["review"], r["met"], r["partially_met"]) for k, r in rows.items()}
    assert states["waiting"] == ("submitted", None, None)
    assert states["done"] == ("signed off", 63, 0)
    assert states["revise"] == ("revision requested", 62, 1)
    assert by_name["folio"]["review"] == "signed off" and by_name["folio"]["met"] == 63
    assert states["other"][0] == "submitted"

    table = run("cohort", top, "--jobs", "1", "--format", "csv", "--fail-on", "never").stdout
    header, *lines = list(csv.reader(io.StringIO(table)))
    assert header[-5:] == ["review", "met", "partially_met", "not_met", "not_assessed"]
    assert sorted(line[-5] for line in lines) == [
        "revision requested",
        "signed off",
        "signed off",
        "submitted",
        "submitted",
    ]
    text = run("cohort", top, "--jobs", "1", "--fail-on", "never").stdout
    assert "signed off (63/63 met)" in text and "revision requested (62/63 met)" in text
