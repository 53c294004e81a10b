"""Models of entry front matter (spec section 3), one per entry type."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from imhcli.models.common import CompetencyRef, Date, Hours, RelPath, Text

PrivacyRule = Literal["nhs-number", "postcode", "phone", "email", "date-of-birth", "deny-list"]
Rating = Literal["not-started", "working-towards", "achieved"]

_MODEL = ConfigDict(extra="forbid", strict=True, frozen=True)


class EntryBase(BaseModel):
    """Fields every entry type has."""

    model_config = _MODEL

    title: Text
    date: Date = Field(description="When it happened; the start date of a multi-day activity")
    end: Date | None = Field(default=None, description="Last day of a multi-day activity")
    competencies: list[CompetencyRef] = []
    hours: Hours | None = None
    status: Literal["draft", "final"] = "final"
    evidence: list[RelPath] = []
    about: list[RelPath] = []
    tags: list[StrictStr] = []
    allow: list[PrivacyRule] = Field(
        default=[], description="Privacy findings the practitioner has checked and accepts"
    )

    @property
    def is_final(self) -> bool:
        return self.status == "final"


class Reflection(EntryBase):
    type: Literal["reflection"]
    model: Text | None = Field(default=None, description="Gibbs, Driscoll, NMC form, ...")


class Practice(EntryBase):
    type: Literal["practice"]
    setting: Text | None = None


class Cpd(EntryBase):
    type: Literal["cpd"]
    hours: Hours
    activity: (
        Literal["course", "workshop", "conference", "e-learning", "reading", "shadowing", "other"]
        | None
    ) = None
    participatory: StrictBool = Field(default=False, description="Learning with others")
    provider: Text | None = None
    peer_reflection: StrictBool = False


class Supervision(EntryBase):
    type: Literal["supervision"]
    hours: Hours
    kind: Literal["reflective", "clinical", "group", "peer"] | None = None
    role: Literal["received", "given"] = "received"


class Feedback(EntryBase):
    type: Literal["feedback"]
    source: Literal["parent", "colleague", "manager", "student", "other"] | None = None


class Discussion(EntryBase):
    type: Literal["discussion"]
    with_role: Text | None = None


class SelfAssessment(EntryBase):
    type: Literal["self-assessment"]
    title: Text | None = None  # type: ignore[assignment]
    ratings: dict[StrictStr | StrictFloat | StrictInt, Rating] = Field(
        default={}, description="Competency id to rating"
    )


class Plan(EntryBase):
    type: Literal["plan"]
    due: Date | None = None
    state: Literal["open", "done"] = "open"


EntryModel = (
    Reflection | Practice | Cpd | Supervision | Feedback | Discussion | SelfAssessment | Plan
)

#: The discriminated union, as the JSON Schema describes it.
AnyEntry = Annotated[EntryModel, Field(discriminator="type")]

ENTRY_TYPES: dict[str, type[EntryBase]] = {
    "reflection": Reflection,
    "practice": Practice,
    "cpd": Cpd,
    "supervision": Supervision,
    "feedback": Feedback,
    "discussion": Discussion,
    "self-assessment": SelfAssessment,
    "plan": Plan,
}


def fields_of(entry_type: str) -> frozenset[str]:
    """The front-matter keys an entry of this type may have (``type`` included)."""
    return _FIELDS[entry_type]


_FIELDS = {name: frozenset(model.model_fields) for name, model in ENTRY_TYPES.items()}
