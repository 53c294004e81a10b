"""Deadlines a practitioner works to, as `imh calendar` exports them."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Deadline(BaseModel):
    """One all-day deadline: a plan's due date, a renewal, or a requirement window's end.

    ``uid`` is stable: the same deadline exported again has the same uid.
    """

    model_config = ConfigDict(frozen=True)

    uid: str
    day: dt.date
    kind: Literal["plan", "registration", "requirement"]
    summary: str
    description: str


class Deadlines(BaseModel):
    """Every deadline of a portfolio as of a date, in date order."""

    portfolio: str
    as_of: dt.date
    deadlines: list[Deadline]
