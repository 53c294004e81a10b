"""The entry types in one table, and the choices of their fields, without pydantic.

:data:`ENTRY_KINDS` is the one place an entry type is described for people: its
section heading in the report, how a count of it reads, and which `imh new`
options belong to it. The ``Literal`` choices here are the ones the models in
:mod:`imhcli.models.entries` use, so the command line derives its choices from
them (``typing.get_args``) and ``imh --help`` does not pay for pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntryTypeName = Literal[
    "reflection",
    "practice",
    "cpd",
    "supervision",
    "feedback",
    "discussion",
    "confirmation",
    "break",
    "self-assessment",
    "plan",
]
Activity = Literal[
    "course", "workshop", "conference", "e-learning", "reading", "shadowing", "other"
]
SupervisionKind = Literal[
    "reflective", "clinical", "safeguarding", "restorative", "managerial", "peer"
]
SupervisionMode = Literal["individual", "group"]
SupervisionRole = Literal["received", "given"]
Register = Literal["NMC", "HCPC", "SWE", "GMC", "other"]
RegisterPart = Literal["nursing", "midwifery", "nursing-associate", "scphn"]
FeedbackSource = Literal["parent", "colleague", "manager", "student", "assessor", "other"]


@dataclass(frozen=True, slots=True)
class EntryKind:
    """One entry type as people meet it: ``type:`` value, report heading, nouns, options."""

    name: str
    heading: str
    noun: str
    nouns: str
    #: `imh new` options that set a field of this type only (``with_role`` for --with-role).
    options: tuple[str, ...] = ()

    def counted(self, count: int) -> str:
        """The noun for ``count`` of this type: ``reflection`` or ``reflections``."""
        return self.noun if count == 1 else self.nouns


#: Every entry type, in the order the report shows them.
ENTRY_KINDS: tuple[EntryKind, ...] = (
    EntryKind("reflection", "Reflective accounts", "reflection", "reflections", ("model",)),
    EntryKind(
        "practice", "Practice", "practice record", "practice records", ("setting", "register_part")
    ),
    EntryKind(
        "cpd",
        "CPD activities",
        "CPD activity",
        "CPD activities",
        ("activity", "participatory", "provider", "peer_reflection"),
    ),
    EntryKind(
        "supervision",
        "Supervision",
        "supervision session",
        "supervision sessions",
        ("kind", "role", "mode", "provider_qualified"),
    ),
    EntryKind("feedback", "Feedback", "piece of feedback", "pieces of feedback", ("source",)),
    EntryKind(
        "discussion",
        "Reflective discussions",
        "reflective discussion",
        "reflective discussions",
        ("with_role", "partner_register", "form"),
    ),
    EntryKind(
        "confirmation",
        "Confirmations",
        "confirmation",
        "confirmations",
        ("confirmer_role", "confirmer_register", "form"),
    ),
    EntryKind(
        "break", "Breaks from practice", "break from practice", "breaks from practice", ("reason",)
    ),
    EntryKind("self-assessment", "Self-assessments", "self-assessment", "self-assessments"),
    EntryKind("plan", "Development plans", "plan", "plans", ("due",)),
)

KIND_OF: dict[str, EntryKind] = {kind.name: kind for kind in ENTRY_KINDS}
