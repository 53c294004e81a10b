"""The model of a framework file, and lookups over it."""

from __future__ import annotations

import difflib
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from imhcli.models.common import Text


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: StrictInt
    title: Text
    audience: Text


class Competency(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: Text
    group: Text | None = None
    statement: Text
    levels: dict[StrictInt, str | None] = Field(
        description="The levels the competency applies at, each with an optional descriptor"
    )


class Domain(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: StrictInt
    title: Text
    summary: Text
    competencies: list[Competency]


Origin = Literal["published", "imh"]


class ProvenanceItem(BaseModel):
    """Where one part of a framework file comes from: a public source, or imh.

    An item is about the file's ``structure`` (what there is and how it is arranged)
    or its ``wording`` (the text), never both. ``published`` needs a ``source``.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    field: Text = Field(description="The field or fields of the framework file it is about")
    covers: Text = Field(description="What that part holds, in plain words")
    structure: Origin | None = Field(
        default=None, description="published: from the source named; imh: imh's own arrangement"
    )
    wording: Origin | None = Field(
        default=None, description="published: the publisher's words; imh: imh's own summaries"
    )
    source: Text | None = Field(default=None, description="The public source it follows")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_aspect_with_its_source(self) -> ProvenanceItem:
        if (self.structure is None) == (self.wording is None):
            raise ValueError(f"{self.field}: give either structure: or wording:, not both")
        if self.origin == "published" and not self.source:
            raise ValueError(f"{self.field}: {self.aspect}: published needs a source:")
        return self

    @property
    def aspect(self) -> Literal["structure", "wording"]:
        return "structure" if self.structure is not None else "wording"

    @property
    def origin(self) -> Origin:
        return self.structure or self.wording or "imh"


class Framework(BaseModel):
    """A competency framework: domains of competencies graded at levels."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, ignored_types=(cached_property,)
    )

    id: Text
    version: Text
    title: Text
    publisher: Text
    wording: Literal["official", "summary"]
    wording_note: Text | None = None
    source: Text | None = None
    provenance: list[ProvenanceItem] = Field(
        default=[], description="Field by field, what follows a public source and what is imh's own"
    )
    levels: list[Level] = Field(min_length=1)
    domains: list[Domain] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        level_ids = [lv.id for lv in self.levels]
        if len(set(level_ids)) != len(level_ids):
            raise ValueError("level ids must be unique")
        domain_ids = [d.id for d in self.domains]
        if len(set(domain_ids)) != len(domain_ids):
            raise ValueError("domain ids must be unique")
        seen: dict[str, str] = {}
        numeric: dict[float, str] = {}
        for comp in self.competencies:
            if comp.id in seen:
                raise ValueError(f"competency id {comp.id} is used twice")
            seen[comp.id] = comp.id
            value = _as_number(comp.id)
            if value is not None:
                if value in numeric:
                    raise ValueError(
                        f"competency ids {numeric[value]} and {comp.id} are the same number; "
                        "an unquoted id in a portfolio could not tell them apart"
                    )
                numeric[value] = comp.id
            unknown = set(comp.levels) - set(level_ids)
            if unknown:
                raise ValueError(
                    f"competency {comp.id} names level {min(unknown)}, which the framework "
                    f"does not define (levels: {', '.join(map(str, level_ids))})"
                )
        return self

    def own_parts(self, aspect: Literal["structure", "wording"]) -> list[ProvenanceItem]:
        """The provenance items of one aspect that are imh's own, not the publisher's."""
        return [p for p in self.provenance if p.aspect == aspect and p.origin == "imh"]

    def notice(self) -> str | None:
        """One line saying what of the framework is imh's own, or None when nothing is."""
        structure = [p.covers for p in self.own_parts("structure")]
        parts = []
        if structure:
            parts.append(f"part of the structure ({'; '.join(structure)})")
        if self.wording == "summary":
            parts.append("the competency statements")
        elif self.own_parts("wording"):
            parts.append("; ".join(p.covers for p in self.own_parts("wording")))
        if not parts:
            return None
        verb = "are" if len(parts) > 1 else "is"
        return (
            f"In framework {self.id}, {' and '.join(parts)} {verb} imh's own, "
            "not the publisher's (see its provenance)."
        )

    @property
    def competencies(self) -> list[Competency]:
        return [c for d in self.domains for c in d.competencies]

    @cached_property
    def _by_id(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    @cached_property
    def _by_number(self) -> dict[float, Competency]:
        out: dict[float, Competency] = {}
        for comp in self.competencies:
            value = _as_number(comp.id)
            if value is not None:
                out[value] = comp
        return out

    @cached_property
    def _domain_of(self) -> dict[str, Domain]:
        return {c.id: d for d in self.domains for c in d.competencies}

    def level(self, level_id: int) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def resolve(self, ref: str | float | int) -> Competency | None:
        """The competency a portfolio's reference means, or None.

        Strings match exactly; numbers (unquoted ids) match by value, so 1.1 is 1.10.
        """
        if isinstance(ref, bool):
            return None
        if isinstance(ref, str):
            return self._by_id.get(ref.strip())
        return self._by_number.get(float(ref))

    def resolved_ids(self, refs: list[str | float | int]) -> list[str]:
        """The ids that references name, each once, in order; unknown ones left out."""
        found: dict[str, None] = {}
        for ref in refs:
            comp = self.resolve(ref)
            if comp is not None:
                found.setdefault(comp.id)
        return list(found)

    def domain_of(self, competency: Competency) -> Domain:
        return self._domain_of[competency.id]

    def at_level(self, level_id: int) -> list[Competency]:
        return [c for c in self.competencies if level_id in c.levels]

    def suggest(self, ref: str | float | int) -> list[str]:
        """Close matches for an unknown reference, best first."""
        text = str(ref).strip()
        ids = list(self._by_id)
        found = difflib.get_close_matches(text, ids, n=3, cutoff=0.6)
        if "." in text:
            head, _, tail = text.partition(".")
            padded = f"{head}.{tail.zfill(2)}"
            if padded in self._by_id and padded not in found:
                found.insert(0, padded)
        return found


def _as_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
