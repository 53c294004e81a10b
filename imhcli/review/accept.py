"""`imh review accept` as a library call: the practitioner keeps a review and acts on it.

The review must be about this portfolio: the same practitioner, level and
framework, and a bundle this portfolio made (its sha256 is in the bundle log) or
can make again (rebuilt for the bundle's date, to a temporary file, and hashed).
With an allowed-signers file its signature must verify. Then it is stored under
reviews/ with its .sig, and entries are written: one `feedback` entry (source:
assessor) summarising it, and one open `plan` per feed-forward item and per
competency judged not-met or partially-met, in the assessor's words. Nothing is
ever overwritten; accepting the same review twice writes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from imhcli.base.files import safe_read, write_numbered
from imhcli.diagnostics import CheckReport
from imhcli.errors import NotThisPortfolioError, UnsafeFileError, UsageError
from imhcli.load.portfolio import Portfolio, load
from imhcli.load.review import REVIEW_FILE, ReviewFile
from imhcli.models.review import AcceptResult, Review
from imhcli.review.signature import read_signature
from imhcli.review.status import REVIEWS_DIR

_BUNDLE_DATE = re.compile(r"-(\d{4}-\d{2}-\d{2})\.zip$")


@dataclass(slots=True)
class AcceptOutcome:
    """Findings that stopped the acceptance (review errors, a bad signature), or the result."""

    report: CheckReport
    result: AcceptResult | None


def accept_review(
    path: Path,
    *,
    root: Path,
    allowed_signers: Path | None = None,
    today: dt.date | None = None,
) -> AcceptOutcome:
    """Check, verify and store the review at ``path`` in the portfolio at ``root``."""
    from imhcli.review.check import check_review
    from imhcli.review.signature import signature_path, verify_review

    checked = check_review(path)
    review = checked.review.model
    if review is None or checked.report.summary.errors:
        return AcceptOutcome(checked.report, None)
    portfolio = load(root, today=today)
    kept = already_kept(portfolio.root, checked.review.raw)
    if kept is not None:
        done = AcceptResult(
            stored=kept, signature=None, signer=None, feedback=None, plans=[], already=True
        )
        return AcceptOutcome(checked.report, done)
    about_this_portfolio(review, portfolio)
    signer = None
    if allowed_signers is not None:
        verified = verify_review(path, allowed_signers=allowed_signers)
        if not verified.valid:
            return AcceptOutcome(verified.report, None)
        signer = verified.signer
    sig = signature_path(path)
    result = _store(portfolio, checked.review, sig if sig.is_file() else None, today)
    _gate(root, result, today)
    return AcceptOutcome(checked.report, result.model_copy(update={"signer": signer}))


def _gate(root: Path, result: AcceptResult, today: dt.date | None) -> None:
    """Run the privacy gate on the entries just written; on a finding, take back everything."""
    from imhcli.check.gate import privacy_gate
    from imhcli.errors import PrivacyRefusedError
    from imhcli.rules.privacy_files import shown_path

    written = [p for p in (result.feedback, *result.plans) if p]
    portfolio = load(root, today=today)
    shown = {shown_path(portfolio, rel) for rel in written}
    try:
        privacy_gate(portfolio, entries=[e for e in portfolio.entries if e.rel in written])
    except PrivacyRefusedError as exc:
        found = [d for d in exc.report.diagnostics if d.path in shown]
        if not found:
            return
        for rel in (*written, result.stored, result.signature):
            if rel:
                (root / rel).unlink(missing_ok=True)
        report = CheckReport.build(found, portfolios=1, files=len({d.path for d in found}))
        raise PrivacyRefusedError(action="accept the review", report=report) from None


def about_this_portfolio(review: Review, portfolio: Portfolio) -> None:
    """Raise :class:`NotThisPortfolioError` unless the review is about ``portfolio``."""
    config = portfolio.config
    if config is None:
        raise UsageError("portfolio.yaml has problems; run `imh check` first")
    if " ".join(review.practitioner.split()) != " ".join(config.practitioner.name.split()):
        raise NotThisPortfolioError(f"it reviews {review.practitioner!r}")
    if (review.level, review.framework) != (config.level, config.framework):
        raise NotThisPortfolioError(
            f"it is about level {review.level} of {review.framework}, "
            f"the portfolio is level {config.level} of {config.framework}"
        )
    if not made_here(review, portfolio.root):
        raise NotThisPortfolioError(
            f"this portfolio did not make {review.bundle.name} (it is not in its bundle log) "
            "and cannot make it again byte for byte"
        )


def made_here(review: Review, root: Path) -> bool:
    """Whether the portfolio logged the review's bundle, or rebuilds it with the same sha256."""
    from imhcli.bundle.log import read_log

    if any(record.sha256 == review.bundle.sha256 for record in read_log(root)):
        return True
    return rebuilt_sha256(root, review.bundle.name) == review.bundle.sha256


def rebuilt_sha256(root: Path, name: str) -> str | None:
    """The sha256 of the bundle ``name`` made again now (its date is in its name)."""
    from imhcli.bundle.build import plan_bundle, write_bundle

    found = _BUNDLE_DATE.search(name)
    if found is None or not name.endswith(".zip") or "/" in name:
        return None
    try:
        day = dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None
    plan = plan_bundle(root, date=day)
    if plan.refused:
        return None
    with tempfile.TemporaryDirectory(prefix="imh-rebuild-") as tmp:
        return write_bundle(plan, Path(tmp) / name).sha256


def _store(
    portfolio: Portfolio, review: ReviewFile, sig: Path | None, today: dt.date | None
) -> AcceptResult:
    """Keep the review (and .sig) under reviews/ and write its entries; once only."""
    from imhcli.review.entries import feedback_entry, plan_entries

    folder = portfolio.root / REVIEWS_DIR
    stem = review.name.removesuffix(".yaml").removesuffix(".yml") or "review"
    stored = write_numbered(folder, _safe(stem), ".yaml", review.raw)
    copied = None
    if sig is not None:
        copied = write_numbered(folder, stored.name, ".sig", read_signature(sig))
    model = review.model
    assert model is not None
    day = today or dt.date.today()
    rel = _rel(portfolio, stored)
    feedback = feedback_entry(portfolio, model, rel, day)
    plans = plan_entries(portfolio, model, rel, day)
    return AcceptResult(
        stored=rel,
        signature=_rel(portfolio, copied) if copied else None,
        signer=None,
        feedback=_rel(portfolio, feedback),
        plans=[_rel(portfolio, p) for p in plans],
    )


def already_kept(root: Path, raw: bytes) -> str | None:
    """The path under reviews/ of a kept review with exactly these bytes, if any."""
    folder = root / REVIEWS_DIR
    for kept in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            same = safe_read(kept, REVIEW_FILE, root=root) == raw
        except UnsafeFileError:
            continue
        if same:
            return f"{REVIEWS_DIR}/{kept.name}"
    return None


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-") or "review"


def _rel(portfolio: Portfolio, path: Path) -> str:
    return path.relative_to(portfolio.root).as_posix()
