"""JSON Schemas (Draft 2020-12) generated from the models."""

from __future__ import annotations

import functools
from typing import Any

SCHEMA_KINDS = ("portfolio", "entry", "framework", "profile", "review")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    from pydantic import TypeAdapter

    if kind == "portfolio":
        from imhcli.models.portfolio import PortfolioConfig

        body = PortfolioConfig.model_json_schema()
        title = "imh portfolio.yaml (format 1)"
    elif kind == "entry":
        from imhcli.models.entries import AnyEntry

        body = TypeAdapter(AnyEntry).json_schema()
        title = "imh entry front matter (format 1)"
    elif kind == "framework":
        from imhcli.models.framework import Framework

        body = Framework.model_json_schema()
        title = "imh competency framework"
    elif kind == "profile":
        from imhcli.models.requirement_profile import RequirementProfile

        body = RequirementProfile.model_json_schema(by_alias=True)
        title = "imh requirement profile"
    elif kind == "review":
        from imhcli.models.review import Review

        body = Review.model_json_schema()
        title = "imh review (format 1)"
    else:
        raise ValueError(f"unknown schema {kind!r}")
    body.pop("title", None)
    return {"$schema": DIALECT, "$id": f"{kind}.schema.json", "title": title, **body}


@functools.cache
def dumps(kind: str) -> str:
    """The schema as JSON text; made once per process (the models do not change)."""
    import json

    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
