"""The model of portfolio.yaml (spec section 2)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)

from imhcli.models.common import Date, RelPath, Text
from imhcli.models.entry_types import RegisterPart

_MODEL = ConfigDict(extra="forbid", strict=True, frozen=True)


class Declarations(BaseModel):
    """The dates a registrant last made the declarations a regulator asks for."""

    model_config = _MODEL

    health_character: Date | None = Field(
        default=None, description="The health and character declaration"
    )
    indemnity: Date | None = Field(
        default=None, description="The declaration of professional indemnity"
    )


class Registration(BaseModel):
    model_config = _MODEL

    body: Text = Field(description="Regulator or register: NMC, SWE, HCPC, ...")
    number: Text | None = None
    renewal: Date | None = Field(
        default=None, description="Renewal date; anchors rolling requirement windows"
    )
    parts: list[RegisterPart] = Field(
        default=[], description="The parts of the register held (NMC: nursing, midwifery, ...)"
    )
    declarations: Declarations = Field(
        default_factory=lambda: Declarations(),
        description="When each declaration of the registration was last made",
    )


class Practitioner(BaseModel):
    model_config = _MODEL

    name: Text
    role: Text | None = None
    organisation: Text | None = None
    organisation_address: Text | None = Field(
        default=None, description="Where you practise, for the NMC practice hours log"
    )
    email: Text | None = Field(
        default=None, description="The practitioner's own address; never flagged by privacy rules"
    )
    registrations: list[Registration] = []
    summary_of_practice: RelPath | None = Field(
        default=None,
        description="A Markdown file with your summary of practice, for the HCPC CPD profile",
    )


class Register(BaseModel):
    model_config = _MODEL

    listed: StrictBool = Field(
        default=False, description="Consent to be named on a recognition register"
    )
    display_name: Text | None = None


class Privacy(BaseModel):
    model_config = _MODEL

    deny_list: RelPath | None = Field(
        default=None, description="A file of terms, one per line, that bodies must not contain"
    )
    deny_list_published: bool = Field(
        default=False,
        description="The deny-list holds invented names and is published on purpose (an "
        "example portfolio); IMH407 then leaves the deny-list itself alone. Never in a real "
        "portfolio.",
    )


def _format_version(value: Any) -> int | float:
    if isinstance(value, bool) or value not in (1, 1.1):
        raise ValueError("must be 1 or 1.1, written without quotes")
    return value  # type: ignore[no-any-return]


#: ``format:``: 1, or 1.1 (format 1 with the additions of spec sections 8-12).
FormatVersion = Annotated[
    int | float,
    PlainValidator(_format_version),
    WithJsonSchema({"enum": [1, 1.1], "description": "1, or 1.1"}),
]


class PortfolioConfig(BaseModel):
    """portfolio.yaml: who, which framework, which level, which requirements."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        populate_by_name=True,
        title="imh portfolio.yaml",
        json_schema_extra={"description": "An imh portfolio, format 1.1"},
    )

    # `register` would shadow BaseModel.register; the YAML key is still `register`.

    format: FormatVersion = Field(
        description="The portfolio format version: 1, or 1.1 (format 1 with the additions)"
    )
    framework: Text = Field(description="A bundled framework id or a relative path to one")
    level: StrictInt = Field(description="A level the framework defines")
    practitioner: Practitioner
    register_: Register = Field(default=Register(), alias="register")
    requirements: list[Text] = Field(
        default=[], description="Requirement-profile ids or relative paths"
    )
    privacy: Privacy = Privacy()
    extra_fields: list[Text] = Field(
        default=[], description="Extra front-matter keys to accept without a warning"
    )


#: The keys portfolio.yaml may have, as written in YAML.
PORTFOLIO_KEYS: frozenset[str] = frozenset(
    field.alias or name for name, field in PortfolioConfig.model_fields.items()
)
