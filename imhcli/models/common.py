"""Field types shared by the models, strict enough to agree with the JSON Schemas.

The models are strict where YAML would otherwise surprise a practitioner:
``participatory: yes`` is the text "yes" in YAML 1.2 and must be an error, not
quietly true; ``title: 2024`` is a number and must be quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import Field, PlainValidator, StrictStr, WithJsonSchema

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_only(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date without a time, written YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar date") from None
    raise ValueError("must be a date written YYYY-MM-DD")


#: A calendar date, as YAML writes it (``2025-03-04``) or as a quoted string.
Date = Annotated[
    dt.date,
    PlainValidator(_date_only),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def _competency_ref(value: Any) -> str | float | int:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError('must be a competency id such as "1.01"')
    return value


#: A competency id: the framework's string, or a number with the same value.
CompetencyRef = Annotated[
    str | float | int,
    PlainValidator(_competency_ref),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}],
            "description": 'A competency id such as "1.01"; unquoted numbers match by value',
        }
    ),
]

#: Most hours one entry may give: more is a typo (or ``.inf``, ``1e309``), never a finding's
#: arithmetic overflowing further down.
MAX_HOURS = 100_000

Hours = Annotated[
    float,
    Field(
        gt=0,
        le=MAX_HOURS,
        allow_inf_nan=False,
        description=f"Decimal hours, greater than 0 and at most {MAX_HOURS:,}",
    ),
]

Text = Annotated[StrictStr, Field(min_length=1)]


RelPath = Annotated[
    Text,
    Field(description="A path relative to the folder holding portfolio.yaml, POSIX style"),
]
