"""`imh register build`: who goes on the register, from reviews, bundles and consent.

A review lists its practitioner only when every check passes: the review is
valid and `signed-off`, its signature verifies against the allowed signers, the
bundle it names is found with the sha256 it records and verifies as a bag,
`imh review check` finds no error in the review against it, the bundle's
portfolio.yaml agrees with the review on level and framework, and it says
`register: {listed: true}`. Anything else is counted, by reason, and never named.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from imhcli.models.framework import Framework
from imhcli.models.register import Issuer, LeftOutReason, Listing, Register
from imhcli.register.discover import Found, discover

#: uuid5 namespace of listing ids: a listing's id is opaque and the same on every build.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:imh:register")


@dataclass(frozen=True, slots=True)
class Accepted:
    """A listing, and the framework its badge aligns to."""

    listing: Listing
    framework: Framework


def build_register(
    paths: Sequence[Path], *, allowed_signers: Path, issuer: Issuer, base_uri: str
) -> Register:
    """The register the reviews and bundles under ``paths`` give."""
    found = discover(paths)
    left_out: Counter[str] = Counter()
    accepted: dict[str, Accepted] = {}
    for review in found.reviews:
        outcome = _judge(review, found, allowed_signers)
        if isinstance(outcome, str):
            left_out[outcome] += 1
        else:
            accepted[outcome.listing.id] = outcome
    listings = sorted(
        (a.listing for a in accepted.values()),
        key=lambda item: (item.name.casefold(), item.level, item.recognised, item.id),
    )
    return Register(
        issuer=issuer,
        listings=listings,
        left_out=dict(sorted(left_out.items())),
        base_uri=base_uri,
        frameworks={a.framework.id: a.framework for a in accepted.values()},
    )


def _judge(review_path: Path, found: Found, allowed_signers: Path) -> Accepted | LeftOutReason:
    from imhcli.load.review import read_review
    from imhcli.review.signature import verify_review

    review_file = read_review(review_path)
    review = review_file.model
    if review is None:
        return "review invalid"
    if review.state != "signed-off" or review.date is None:
        return "not signed off"
    if not verify_review(review_path, allowed_signers=allowed_signers).valid:
        return "signature not verified"
    bundle = _bundle(review_path, review.bundle.name, found)
    if bundle is None:
        return "bundle missing"
    return _checked(review_path, bundle, review_file.sha256)


def _bundle(review_path: Path, name: str, found: Found) -> Path | None:
    """The bundle a review names: beside the review first, else anywhere under the paths."""
    beside = review_path.with_name(name)
    candidates = found.bundles.get(name, [])
    if beside in candidates:
        return beside
    return candidates[0] if candidates else None


def _checked(review_path: Path, bundle: Path, review_sha256: str) -> Accepted | LeftOutReason:
    """Check the review against its bundle (`imh review check`), then read the consent.

    A bundle that is not the one reviewed lists nobody; but when it withdraws
    consent (a newer bundle with ``listed: false``), that is the reason counted.
    """
    from imhcli.errors import UnreadableBundleError
    from imhcli.review.check import check_review

    try:
        checked = check_review(review_path, bundle=bundle)
    except UnreadableBundleError:
        return "bundle does not verify"
    review, opened = checked.review.model, checked.bundle
    assert review is not None and opened is not None
    portfolio = opened.portfolio
    config = portfolio.config if portfolio is not None else None
    if opened.facts.sha256 != review.bundle.sha256.lower():
        withdrawn = config is not None and not config.register_.listed
        return "no consent" if withdrawn else "bundle sha256 differs"
    if not opened.verified.valid or portfolio is None or config is None:
        return "bundle does not verify"
    if checked.report.summary.errors:
        return "review has errors"
    framework = portfolio.framework
    level = framework.level(review.level) if framework is not None else None
    if framework is None or level is None or config.level != review.level:
        return "review and bundle disagree"
    if framework.id != review.framework:
        return "review and bundle disagree"
    if not config.register_.listed:
        return "no consent"
    assert review.date is not None
    return Accepted(
        listing=Listing(
            id=str(uuid.uuid5(_NAMESPACE, review_sha256)),
            name=config.register_.display_name or config.practitioner.name,
            level=review.level,
            level_title=level.title,
            framework=framework.id,
            framework_title=framework.title,
            recognised=review.date,
        ),
        framework=framework,
    )
