"""`imh review init` as a library call: verify a bundle, then write its review skeleton."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from imhcli.base.files import require_output_folder, write_atomic
from imhcli.errors import RefuseOverwriteError, UsageError
from imhcli.models.bundle import VerifyResult
from imhcli.models.review import Assessor

#: What a review of ``NAME.zip`` is called by default, beside the bundle.
REVIEW_SUFFIX = ".review.yaml"


class InitResult(BaseModel):
    """A review skeleton written: where, for which bundle, how many competencies."""

    path: str
    bundle: str
    sha256: str
    competencies: int
    previous: str | None


@dataclass(slots=True)
class InitOutcome:
    """The bundle's verification and, if it was valid, the review written."""

    verified: VerifyResult
    result: InitResult | None


def default_review_path(bundle: Path) -> Path:
    """``NAME.review.yaml`` beside ``NAME.zip``: where `imh cohort` looks for it."""
    return bundle.with_name(bundle.name.removesuffix(".zip") + REVIEW_SUFFIX)


def init_review(
    bundle: Path,
    *,
    assessor: Assessor,
    out: Path | None = None,
    previous: Path | None = None,
    today: dt.date | None = None,
) -> InitOutcome:
    """Verify ``bundle`` and write a review skeleton for it; never over an existing file.

    An invalid bundle writes nothing: the outcome's ``verified`` says why.
    ``previous`` is the review of an earlier bundle that this one answers.
    """
    from imhcli.analysis.coverage import coverage
    from imhcli.check.counting import counting_for
    from imhcli.review.bundle import opened_bundle
    from imhcli.review.skeleton import skeleton

    out = out or default_review_path(bundle)
    if out.exists():
        raise RefuseOverwriteError(path=out)
    with opened_bundle(bundle, today=today) as opened:
        portfolio = opened.portfolio
        if not opened.verified.valid or portfolio is None or portfolio.config is None:
            return InitOutcome(opened.verified, None)
        before = _previous(previous, portfolio.config.practitioner.name)
        report = coverage(portfolio, counting=counting_for(portfolio))
    text = skeleton(
        opened.facts,
        report,
        practitioner=portfolio.config.practitioner.name,
        assessor=assessor,
        file_name=out.name,
        previous=before,
    )
    require_output_folder(out)
    write_atomic(out, text)
    result = InitResult(
        path=str(out),
        bundle=opened.facts.name,
        sha256=opened.facts.sha256,
        competencies=len(report.competencies),
        previous=before[0] if before else None,
    )
    return InitOutcome(opened.verified, result)


def _previous(path: Path | None, practitioner: str) -> tuple[str, str] | None:
    """(name, sha256) of the earlier review, after checking it is about the same person."""
    from imhcli.load.review import read_review

    if path is None:
        return None
    earlier = read_review(path)
    if earlier.model is None:
        raise UsageError(
            f"{path} is not a valid review; nothing was written",
            hint=f"run `imh review check {path}`",
        )
    if earlier.model.practitioner != practitioner:
        raise UsageError(
            f"{path} is a review of {earlier.model.practitioner!r}, "
            f"but this bundle is {practitioner!r}'s; nothing was written"
        )
    return path.name, earlier.sha256
