"""`imh status` as a library call: the bundles a portfolio made, its reviews, where it stands.

The state is the latest bundle's: `submitted` until a review of it (matched by the
bundle's sha256) has been accepted, then that review's state. Without a logged
bundle, the latest accepted review decides; with neither, `not submitted`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imhcli.bundle.log import read_log
from imhcli.load.review import read_review
from imhcli.models.review import (
    STATE_WORDS,
    BundleRecord,
    ReceivedReview,
    StatusReport,
    SubmissionState,
)

REVIEWS_DIR = "reviews"


def portfolio_status(root: Path, *, label: str | None = None) -> StatusReport:
    """The submission history of the portfolio at ``root``."""
    bundles = read_log(root)
    reviews = received_reviews(root)
    return StatusReport(
        portfolio=label if label is not None else str(root),
        state=current_state(bundles, reviews),
        bundles=bundles,
        reviews=reviews,
    )


def received_reviews(root: Path) -> list[ReceivedReview]:
    """Every valid review under reviews/, in the order of their decisions."""
    folder = root / REVIEWS_DIR
    if not folder.is_dir():
        return []
    found: list[ReceivedReview] = []
    for path in sorted(folder.glob("*.yaml")):
        review = read_review(path).model if path.is_file() else None
        if review is None:
            continue
        found.append(
            ReceivedReview(
                path=f"{REVIEWS_DIR}/{path.name}",
                bundle=review.bundle.name,
                bundle_sha256=review.bundle.sha256,
                state=review.state,
                date=review.date,
                assessor=review.assessor.name,
                signed=path.with_name(path.name + ".sig").is_file(),
                counts=review.judgement_counts(),
            )
        )
    return sorted(found, key=lambda r: (r.date is not None, r.date or dt.date.min, r.path))


def current_state(bundles: list[BundleRecord], reviews: list[ReceivedReview]) -> SubmissionState:
    """Where the submission stands, from the latest bundle and the reviews of it."""
    if bundles:
        latest = bundles[-1].sha256
        about = [r for r in reviews if r.bundle_sha256 == latest]
        return STATE_WORDS[about[-1].state] if about else "submitted"
    if reviews:
        return STATE_WORDS[reviews[-1].state]
    return "not submitted"
