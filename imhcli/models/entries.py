"""Models of entry front matter (spec section 3), one per entry type."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from imhcli.models.common import CompetencyRef, Date, Hours, RelPath, Text
from imhcli.models.entry_types import (
    Activity,
    FeedbackSource,
    Register,
    RegisterPart,
    SupervisionKind,
    SupervisionMode,
    SupervisionRole,
)

PrivacyRule = Literal["nhs-number", "postcode", "phone", "email", "date-of-birth", "deny-list"]
Rating = Literal["not-started", "working-towards", "achieved"]
CodeTheme = Literal[
    "prioritise people",
    "practise effectively",
    "preserve safety",
    "promote professionalism and trust",
]
#: The values of a field that are still read, and what to write instead (IMH111).
DEPRECATED: dict[tuple[str, str, str], str] = {
    ("supervision", "kind", "group"): "kind: reflective, mode: group",
}

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
    register_part: RegisterPart | None = Field(
        default=None, description="The part of the register the hours were worked in"
    )


class Cpd(EntryBase):
    type: Literal["cpd"]
    hours: Hours
    activity: Activity | None = None
    participatory: StrictBool = Field(default=False, description="Learning with others")
    provider: Text | None = None
    peer_reflection: StrictBool = False
    code_theme: list[CodeTheme] = Field(
        default=[], description="The NMC Code themes the activity relates to"
    )


class Supervision(EntryBase):
    type: Literal["supervision"]
    hours: Hours
    kind: SupervisionKind | Literal["group"] | None = Field(
        default=None, description="`group` is still read, as kind: reflective, mode: group"
    )
    mode: SupervisionMode = "individual"
    role: SupervisionRole = "received"
    supervisor: Text | None = Field(
        default=None, description="The supervisor's role (or a colleague's name), never a family"
    )
    provider_qualified: StrictBool | None = Field(
        default=None,
        description="The supervisor is endorsed or qualified to give reflective supervision",
    )

    @model_validator(mode="before")
    @classmethod
    def _group_is_a_mode(cls, data: Any) -> Any:
        """`kind: group` (format 1) reads as reflective supervision in a group."""
        if isinstance(data, dict) and data.get("kind") == "group":
            data = {**data, "kind": "reflective", "mode": data.get("mode", "group")}
        return data


class Feedback(EntryBase):
    type: Literal["feedback"]
    source: FeedbackSource | None = Field(
        default=None, description="Who gave it; `assessor` for an accepted review"
    )


class Discussion(EntryBase):
    type: Literal["discussion"]
    with_role: Text | None = None
    partner_register: Register | None = Field(
        default=None, description="The register the discussion partner is on"
    )
    form: RelPath | None = Field(default=None, description="The signed form, under evidence/")


class Confirmation(EntryBase):
    """A revalidation confirmation: a meeting with a confirmer, on a signed form."""

    type: Literal["confirmation"]
    hours: None = None
    confirmer_role: Text | None = None
    confirmer_register: Register | None = None
    form: RelPath | None = Field(default=None, description="The signed form, under evidence/")


class Break(EntryBase):
    """A period away from practice; it counts for no requirement and explains gaps."""

    type: Literal["break"]
    end: Date | None = Field(
        default=None, description="The last day of the break (none yet: it goes on)"
    )
    hours: None = None
    reason: Text | None = Field(default=None, description="Parental leave, illness, ...")


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
    Reflection
    | Practice
    | Cpd
    | Supervision
    | Feedback
    | Discussion
    | Confirmation
    | Break
    | SelfAssessment
    | Plan
)

#: The discriminated union, as the JSON Schema describes it.
AnyEntry = Annotated[EntryModel, Field(discriminator="type")]

#: Entries that list competencies without evidencing them: a claim, an intention, a break.
NOT_EVIDENCE: tuple[type[EntryBase], ...] = (SelfAssessment, Plan, Break)

ENTRY_TYPES: dict[str, type[EntryBase]] = {
    "reflection": Reflection,
    "practice": Practice,
    "cpd": Cpd,
    "supervision": Supervision,
    "feedback": Feedback,
    "discussion": Discussion,
    "confirmation": Confirmation,
    "break": Break,
    "self-assessment": SelfAssessment,
    "plan": Plan,
}


def supervision_kinds() -> tuple[str, ...]:
    """The kinds of supervision a practitioner writes today (without the deprecated one)."""
    return get_args(SupervisionKind)


def fields_of(entry_type: str) -> frozenset[str]:
    """The front-matter keys an entry of this type may have (``type`` included)."""
    return _FIELDS[entry_type]


_FIELDS = {name: frozenset(model.model_fields) for name, model in ENTRY_TYPES.items()}
