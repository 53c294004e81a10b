"""The recognition register: who is listed, and how many were left out and why."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from imhcli.models.framework import Framework

#: Why a review did not put anyone on the register, as the build counts them.
LeftOutReason = Literal[
    "review invalid",
    "not signed off",
    "signature not verified",
    "bundle missing",
    "bundle sha256 differs",
    "bundle does not verify",
    "review has errors",
    "review and bundle disagree",
    "no consent",
    "privacy finding",
]


class Issuer(BaseModel):
    """Who keeps the register and issues its badges."""

    model_config = ConfigDict(frozen=True)

    name: str
    url: str


class Listing(BaseModel):
    """One recognition on the register: all that is published about a practitioner."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    level: int
    level_title: str
    framework: str
    framework_title: str
    recognised: dt.date


class Register(BaseModel):
    """What `imh register build` publishes, and what it counted but left out."""

    issuer: Issuer
    listings: list[Listing]
    left_out: dict[str, int]
    #: The CASE base URI the badges' alignments point into.
    base_uri: str
    #: The frameworks the listings name, by id, for the badges' alignments.
    frameworks: dict[str, Framework] = Field(default_factory=dict, exclude=True)

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())
