"""The command line's choices and the per-type table are the models' own values."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_args

import pytest

from imhcli.cli import options
from imhcli.models.entries import ENTRY_TYPES, Cpd, Feedback, Supervision, fields_of
from imhcli.models.entry_types import ENTRY_KINDS, EntryTypeName


def values(choice: type[StrEnum]) -> list[str]:
    return [str(c.value) for c in choice]


def literal_values(annotation: Any) -> list[str]:
    """The strings a field accepts: the Literal values of its annotation, None left out."""
    found: list[str] = []
    for arg in get_args(annotation) or (annotation,):
        if isinstance(arg, str):
            found.append(arg)
        elif arg is not type(None):
            found.extend(literal_values(arg))
    return found


def test_every_entry_type_is_in_the_table_in_the_models_order() -> None:
    names = [kind.name for kind in ENTRY_KINDS]
    assert names == list(ENTRY_TYPES) == list(get_args(EntryTypeName))
    for name, model in ENTRY_TYPES.items():
        assert literal_values(model.model_fields["type"].annotation) == [name]


def test_imh_new_offers_every_entry_type() -> None:
    assert values(options.EntryType) == list(ENTRY_TYPES)


@pytest.mark.parametrize(
    ("choice", "annotation", "leave_out"),
    [
        (options.Activity, Cpd.model_fields["activity"].annotation, ()),
        (options.SupervisionKind, Supervision.model_fields["kind"].annotation, ("group",)),
        (options.SupervisionRole, Supervision.model_fields["role"].annotation, ()),
        (options.FeedbackSource, Feedback.model_fields["source"].annotation, ()),
    ],
    ids=["activity", "kind", "role", "source"],
)
def test_option_choices_are_the_fields_values(
    choice: type[StrEnum], annotation: Any, leave_out: tuple[str, ...]
) -> None:
    """`group` is still read as a kind of supervision, but no longer offered (IMH111)."""
    expected = [v for v in literal_values(annotation) if v not in leave_out]
    assert values(choice) == expected


def test_every_option_of_a_type_is_a_field_of_that_type() -> None:
    for kind in ENTRY_KINDS:
        for option in kind.options:
            assert option in fields_of(kind.name), (kind.name, option)


def test_each_type_counts_in_words() -> None:
    feedback = next(k for k in ENTRY_KINDS if k.name == "feedback")
    assert (feedback.counted(1), feedback.counted(2)) == ("piece of feedback", "pieces of feedback")
