"""The model of a requirement profile (spec section 6): a window and rules, as data.

A profile says where its numbers come from (``source``), which window its rules
look at, and what each rule asks:

* ``count``: at least ``min`` final entries that match ``filter``;
* ``sum``: at least ``min`` hours of the final entries that match ``filter``;
* ``coverage``: every competency at ``level`` evidenced by at least ``min`` final entries;
* ``gap``: no gap of ``months`` months or more between matching activities.

A filter maps front-matter fields to a value, a list of values (any of them),
or ``{not: value-or-list}``: an entry the filter does not match is no concern
of the rule. An entry it matches is counted, or listed as not counted with the
reason: it is a draft, unfinished or has errors; it is outside the window; it
lacks a section the rule names under ``sections:``; or it fails one of the
rule's ``require:`` conditions, each of which says its own reason.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from imhcli.models.common import Text
from imhcli.models.entries import ENTRY_TYPES, fields_of

_MODEL = ConfigDict(extra="forbid", strict=True, frozen=True)

Scalar = StrictStr | StrictBool | StrictInt | StrictFloat


def _positive_number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a number, written without quotes")
    if not math.isfinite(value) or value > _MOST:
        raise ValueError(f"must be a number no greater than {_MOST:,}")
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


#: The largest minimum a profile may ask for: beyond it a number is a typo, or ``.inf``.
_MOST = 1_000_000


#: A minimum: a number greater than 0, int or float alike.
Number = Annotated[
    float | int,
    PlainValidator(_positive_number),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
]
Count = Annotated[StrictInt, Field(gt=0)]
_ALL_FIELDS = frozenset().union(*(fields_of(t) for t in ENTRY_TYPES)) | {"type"}
_UNFILTERABLE = frozenset({"competencies", "evidence", "about", "tags", "allow", "ratings"})


class Not(BaseModel):
    """A filter value that matches anything except the given value(s)."""

    model_config = _MODEL

    not_: Scalar | list[Scalar] = Field(alias="not")


FilterValue = Scalar | list[Scalar] | Not


class RollingWindow(BaseModel):
    """The ``years`` (or ``months``) ending at an anchor date."""

    model_config = _MODEL

    kind: Literal["rolling"]
    years: Annotated[StrictInt, Field(gt=0, le=100)] | None = None
    months: Annotated[StrictInt, Field(gt=0, le=1200)] | None = None
    anchor: Literal["renewal", "as-of"] = Field(
        default="as-of",
        description="renewal: the registration's renewal date (or --as-of if none); "
        "as-of: the date given with --as-of (default today)",
    )

    @model_validator(mode="after")
    def _one_length(self) -> RollingWindow:
        if (self.years is None) == (self.months is None):
            raise ValueError("give exactly one of `years` or `months`")
        return self

    @property
    def length_months(self) -> int:
        return self.months if self.months is not None else 12 * (self.years or 0)


class CyclicWindow(BaseModel):
    """A registration year: from ``start_day``/``start_month`` to the day before it a year on."""

    model_config = _MODEL

    kind: Literal["cyclic"]
    start_month: Annotated[StrictInt, Field(ge=1, le=12)]
    start_day: Annotated[StrictInt, Field(ge=1, le=31)] = 1


class AllTime(BaseModel):
    """No window: every final entry up to --as-of counts."""

    model_config = _MODEL

    kind: Literal["all"]


class FinalMonths(BaseModel):
    """The last ``months`` of the profile's own window (a rule's window only)."""

    model_config = _MODEL

    kind: Literal["final"]
    months: Count


WindowSpec = Annotated[
    RollingWindow | CyclicWindow | AllTime | FinalMonths, Field(discriminator="kind")
]


class Condition(BaseModel):
    """Something an entry must have to count, and the reason given when it does not."""

    model_config = _MODEL

    when: dict[StrictStr, FilterValue] = Field(
        default={}, description="Applies only to entries that match this filter"
    )
    field: StrictStr | None = Field(default=None, description="The front-matter field to test")
    equals: FilterValue | None = Field(default=None, description="The field matches this value")
    pattern: StrictStr | None = Field(
        default=None, description="The field, as text, matches this regular expression (any case)"
    )
    present: StrictBool | None = Field(default=None, description="The field is given")
    one_of: list[dict[StrictStr, FilterValue]] | None = Field(
        default=None, description="The entry matches at least one of these filters"
    )
    written: StrictBool | None = Field(
        default=None, description="The body holds writing of the practitioner's own"
    )
    rule_met: StrictStr | None = Field(
        default=None, description="Another rule of the profile (listed before this one) is met"
    )
    unknown: Text | None = Field(
        default=None,
        description="When the field is not given, the entry counts with this note instead",
    )
    reason: Text = Field(
        description='Why an entry that fails does not count: "no signed form"; '
        "{value} stands for the field's value"
    )

    @model_validator(mode="after")
    def _something_to_test(self) -> Condition:
        tests = (self.equals, self.pattern, self.present, self.written, self.rule_met, self.one_of)
        if all(t is None for t in tests):
            raise ValueError(
                "give one of `equals`, `pattern`, `present`, `written`, `rule_met`, `one_of`"
            )
        if self.field is None and any(t is not None for t in tests[:3]):
            raise ValueError("`equals`, `pattern` and `present` need `field`")
        if self.pattern is not None:
            import re

            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"`pattern` is not a regular expression ({exc})") from None
        return self


class Span(BaseModel):
    """How long the counted entries must be spread over, first to last day (the
    rule's window bounds how long they may be)."""

    model_config = _MODEL

    min_months: Count


class RuleBase(BaseModel):
    model_config = _MODEL

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    description: Text
    window: WindowSpec | None = Field(
        default=None, description="A window for this rule only (default: the profile's)"
    )
    needed: Text | None = Field(
        default=None,
        description='How what is still needed reads, with {n} for the amount: "{n} CPD hours"',
    )


class FilteredRule(RuleBase):
    filter: dict[StrictStr, FilterValue] = Field(
        default={}, description="Front-matter field -> value, list of values, or {not: ...}"
    )

    @field_validator("filter")
    @classmethod
    def _known_fields(cls, value: dict[str, FilterValue]) -> dict[str, FilterValue]:
        for name in value:
            if name in _UNFILTERABLE or name not in _ALL_FIELDS:
                from imhcli.base.words import closest

                usable = sorted(_ALL_FIELDS - _UNFILTERABLE)
                match = closest(name, usable)
                advice = f"did you mean {match!r}?" if match else f"fields: {', '.join(usable)}"
                raise ValueError(f"cannot use field {name!r} ({advice})")
        wanted = value.get("type")
        types = [wanted] if isinstance(wanted, str) else wanted if isinstance(wanted, list) else []
        for entry_type in types:
            if entry_type not in ENTRY_TYPES:
                raise ValueError(f"names {entry_type!r}, which is not an entry type")
        return value

    sections: list[Text] = Field(
        default=[], description="Headings the body must have, each with writing under it"
    )
    require: list[Condition] = Field(
        default=[], description="Conditions an entry must meet to count, each with its reason"
    )


class CountRule(FilteredRule):
    kind: Literal["count"]
    min: Count
    part_of: StrictStr | None = None
    needed_part: Text | None = None
    show: Count | None = Field(
        default=None, description="List up to this many counted entries (a statement's choice)"
    )


class SumRule(FilteredRule):
    kind: Literal["sum"]
    min: Number
    part_of: StrictStr | None = Field(
        default=None, description="Another rule of the profile whose amount includes this one's"
    )
    needed_part: Text | None = Field(
        default=None, description='How it reads after the other rule: "{n} of them participatory"'
    )
    per_part: StrictBool = Field(
        default=False,
        description="`min` for each part of the registration (`parts:`), "
        "by the entries' `register_part`",
    )
    span: Span | None = Field(
        default=None, description="The counted entries must be spread over this long"
    )


class VarietyRule(FilteredRule):
    kind: Literal["variety"]
    distinct: StrictStr = Field(description="The field whose different values are counted")
    min: Count


class CoverageRule(RuleBase):
    kind: Literal["coverage"]
    level: StrictInt | None = Field(default=None, description="Default: the portfolio's level")
    min: Count = 1


class GapRule(FilteredRule):
    kind: Literal["gap"]
    months: Annotated[StrictInt, Field(gt=0, le=1200)] = Field(
        description="A gap of this many months or more breaks the rule"
    )
    explained_by: dict[StrictStr, FilterValue] | None = Field(
        default=None, description="Entries (a `break`, say) whose dates explain a gap"
    )


Rule = Annotated[
    CountRule | SumRule | CoverageRule | GapRule | VarietyRule, Field(discriminator="kind")
]
Declaration = Literal["health_character", "indemnity"]


class RequirementProfile(BaseModel):
    """A requirement profile: where its rules come from, a window, and the rules."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, title="imh requirement profile"
    )

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Text
    source: Text = Field(description="Where the rules and numbers come from")
    registration: Text | None = Field(
        default=None, description="The registration body (NMC, SWE, HCPC) whose renewal anchors"
    )
    notes: Text | None = None
    declarations: list[Declaration] = Field(
        default=[], description="Declarations of the registration shown as reminders with dates"
    )
    window: WindowSpec
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> RequirementProfile:
        if isinstance(self.window, FinalMonths):
            raise ValueError("`window: {kind: final}` is for a rule, within the profile's window")
        ids = [r.id for r in self.rules]
        for rule in self.rules:
            if ids.count(rule.id) > 1:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            parent = getattr(rule, "part_of", None)
            if parent is not None and parent not in ids:
                raise ValueError(f"rule {rule.id!r} is `part_of` {parent!r}, which is no rule here")
            earlier = ids[: ids.index(rule.id)]
            for cond in getattr(rule, "require", []):
                if cond.rule_met is not None and cond.rule_met not in earlier:
                    raise ValueError(
                        f"rule {rule.id!r} requires `rule_met: {cond.rule_met}`, "
                        "which is no rule listed before it"
                    )
        return self


def matches(value: Any, wanted: FilterValue) -> bool:
    """Does a front-matter value match a filter value?"""
    if isinstance(wanted, Not):
        return not matches(value, wanted.not_)
    if isinstance(wanted, list):
        return any(_same(value, w) for w in wanted)
    return _same(value, wanted)


def _same(value: Any, wanted: Any) -> bool:
    if isinstance(value, bool) or isinstance(wanted, bool):
        return value is wanted
    return bool(value == wanted)
