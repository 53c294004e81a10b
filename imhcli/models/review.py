"""The model of a review file (spec section 11): an assessor's judgement of one bundle.

A review names the bundle it is about (file name and sha256), says what the assessor
decided (``state``) and when, judges every competency at the level, and answers
Hattie and Timperley's three feedback questions. It is signed with an SSH key in a
detached ``REVIEW.yaml.sig`` (namespace :data:`SIGNATURE_NAMESPACE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from imhcli.diagnostics import CheckReport
from imhcli.models.common import CompetencyRef, Date, RelPath, Text
from imhcli.models.framework import Framework

Judgement = Literal["not-assessed", "not-met", "partially-met", "met"]
ReviewState = Literal["in-review", "revision-requested", "signed-off", "not-approved"]
FeedbackLevel = Literal["task", "process", "self-regulation", "self"]

JUDGEMENTS: tuple[Judgement, ...] = ("not-assessed", "not-met", "partially-met", "met")
STATES: tuple[ReviewState, ...] = ("in-review", "revision-requested", "signed-off", "not-approved")
FEEDBACK_LEVELS: tuple[FeedbackLevel, ...] = ("task", "process", "self-regulation", "self")
#: Judgements below `met` that ask the practitioner for more work.
BELOW_MET: frozenset[str] = frozenset({"not-met", "partially-met"})
#: States that are a decision, which needs a `date`.
DECISIONS: frozenset[str] = frozenset({"revision-requested", "signed-off", "not-approved"})

#: The namespace of review signatures (``ssh-keygen -Y sign -n imh-review``).
SIGNATURE_NAMESPACE = "imh-review"
#: The review format this model reads and `imh review init` writes.
REVIEW_FORMAT = 1

_MODEL = ConfigDict(extra="forbid", strict=True, frozen=True)

Sha256 = Annotated[
    StrictStr,
    Field(pattern=r"^[0-9a-f]{64}$", description="A SHA-256 digest in lower-case hex"),
]


class BundleRef(BaseModel):
    model_config = _MODEL

    name: Text = Field(description="The bundle's file name, as the assessor received it")
    sha256: Sha256


class Assessor(BaseModel):
    model_config = _MODEL

    name: Text
    role: Text | None = None
    email: Text | None = None


class CompetencyJudgement(BaseModel):
    model_config = _MODEL

    judgement: Judgement = Field(description="not-assessed, not-met, partially-met or met")
    comment: StrictStr = Field(default="", description="The assessor's words on this competency")
    evidence: list[RelPath] = Field(
        default=[], description="Paths in the bundle (relative to data/) the judgement rests on"
    )


class FeedbackText(BaseModel):
    model_config = _MODEL

    text: StrictStr = ""
    level: FeedbackLevel | None = Field(
        default=None,
        description="Hattie and Timperley's level: task, process, self-regulation, self",
    )


class FeedForward(FeedbackText):
    competencies: list[CompetencyRef] = Field(
        default=[], description="Competencies this step works towards"
    )


class Feedback(BaseModel):
    """Hattie and Timperley (2007): where am I going, how am I going, where to next."""

    model_config = _MODEL

    feed_up: FeedbackText = FeedbackText()
    feed_back: FeedbackText = FeedbackText()
    feed_forward: list[FeedForward] = []


class PreviousReview(BaseModel):
    model_config = _MODEL

    sha256: Sha256 = Field(description="The sha256 of the review file this one follows")
    name: Text | None = Field(default=None, description="That review's file name, for people")


class Review(BaseModel):
    """A review file: an assessor's judgement of one bundle."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        title="imh review",
        json_schema_extra={"description": "An assessor's review of one imh bundle, format 1"},
    )

    format: Literal[1] = Field(description="The review format version; this is format 1")
    bundle: BundleRef
    practitioner: Text
    level: StrictInt
    framework: Text
    assessor: Assessor
    state: ReviewState = Field(
        description="in-review, revision-requested, signed-off or not-approved"
    )
    date: Date | None = Field(default=None, description="The date of the decision")
    competencies: dict[StrictStr | float | StrictInt, CompetencyJudgement] = Field(
        default={}, description="Competency id to judgement; every competency at the level"
    )
    feedback: Feedback = Feedback()
    previous: PreviousReview | None = Field(
        default=None, description="The review this one follows, for a resubmission"
    )

    def judgement_counts(self) -> dict[str, int]:
        """How many competencies have each judgement, in :data:`JUDGEMENTS` order."""
        counts: dict[str, int] = dict.fromkeys(JUDGEMENTS, 0)
        for item in self.competencies.values():
            counts[item.judgement] += 1
        return counts


class BundleFacts(BaseModel):
    """What a review check needs to know about the bundle it is about."""

    name: str
    sha256: str
    bagging_date: dt.date | None
    #: Payload paths relative to ``data/``.
    payload: frozenset[str]


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """What review rules look at: the review, its framework and, if given, its bundle."""

    review: Review
    framework: Framework | None = None
    bundle: BundleFacts | None = None
    #: The review file's text, for rules that read it as written (privacy).
    text: str = ""


class SignatureCheck(BaseModel):
    """Whether a review's detached signature verifies, and who made it."""

    review: str
    signature: str
    valid: bool
    #: The principal (an e-mail, say) the allowed-signers file names for the key.
    signer: str | None = None
    #: The key's type and fingerprint, as ssh-keygen prints them.
    key: str | None = None
    verifier: Literal["ssh-keygen", "sshsig"]
    report: CheckReport


# --- the practitioner's side: bundles made, reviews received -------------------------------

SubmissionState = Literal[
    "not submitted", "submitted", "in review", "revision requested", "signed off", "not approved"
]
#: A review's state as a submission's state reads.
STATE_WORDS: dict[str, SubmissionState] = {
    "in-review": "in review",
    "revision-requested": "revision requested",
    "signed-off": "signed off",
    "not-approved": "not approved",
}


class BundleRecord(BaseModel):
    """One line of the portfolio's log of bundles made (`imh bundle` appends it)."""

    name: str
    sha256: Sha256
    date: dt.date
    files: int
    made: str = Field(description="When it was written, UTC, ISO 8601")


class ReceivedReview(BaseModel):
    """A review kept under reviews/ in the portfolio."""

    path: str
    bundle: str
    bundle_sha256: str
    state: ReviewState
    date: dt.date | None
    assessor: str
    signed: bool
    counts: dict[str, int]


class StatusReport(BaseModel):
    """`imh status`: the submission history of one portfolio and where it stands."""

    portfolio: str
    state: SubmissionState
    bundles: list[BundleRecord]
    reviews: list[ReceivedReview]


class AcceptResult(BaseModel):
    """What `imh review accept` stored and wrote in the portfolio."""

    stored: str
    signature: str | None
    signer: str | None
    feedback: str | None
    plans: list[str]
    already: bool = Field(default=False, description="The same review was accepted before")
