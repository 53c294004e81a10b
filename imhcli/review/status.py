"""`imh status` as a library call: the bundles a portfolio made, its reviews, where it stands.

The state is the latest bundle's: `submitted` until a review of it (matched by the
bundle's sha256) has been accepted, then that review's state. Without a logged
bundle, the latest accepted review decides; with neither, `not submitted`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """A submission's state and the judgement counts of the review that decides it."""

    state: SubmissionState
    counts: dict[str, int] | None = None


def portfolio_review(root: Path) -> ReviewSummary:
    """The state of the portfolio at ``root`` and the counts of its deciding review."""
    status = portfolio_status(root)
    deciding = _deciding(status.bundles, status.reviews)
    return ReviewSummary(status.state, deciding.counts if deciding else None)


def bundle_review(bundle: Path) -> ReviewSummary:
    """A bundle's review beside it (``NAME.review.yaml``), if it is about this bundle."""
    from imhcli.bundle.verify import file_sha256
    from imhcli.review.init import default_review_path

    path = default_review_path(bundle)
    review = read_review(path).model if path.is_file() else None
    if review is None or review.bundle.sha256 != file_sha256(bundle):
        return ReviewSummary("submitted")
    return ReviewSummary(STATE_WORDS[review.state], review.judgement_counts())


def _deciding(bundles: list[BundleRecord], reviews: list[ReceivedReview]) -> ReceivedReview | None:
    if bundles:
        about = [r for r in reviews if r.bundle_sha256 == bundles[-1].sha256]
        return about[-1] if about else None
    return reviews[-1] if reviews else None


def current_state(bundles: list[BundleRecord], reviews: list[ReceivedReview]) -> SubmissionState:
    """Where the submission stands, from the latest bundle and the reviews of it."""
    deciding = _deciding(bundles, reviews)
    if deciding is not None:
        return STATE_WORDS[deciding.state]
    return "submitted" if bundles else "not submitted"
