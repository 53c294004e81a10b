"""Small portfolios written from Python data, for the coverage, hours and requirement tests."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from imhcli.check.counting import counting_for
from imhcli.load.portfolio import Portfolio, load
from imhcli.models.reflective import NMC_FORM_SECTIONS
from imhcli.models.verdicts import Counting
from tests.conftest import PORTFOLIO_YAML, write_portfolio

#: The key of an entry's fields that holds its body instead of a front-matter field.
BODY = "__body__"


def front_matter(fields: Mapping[str, Any]) -> str:
    """An entry file: each field as JSON (a subset of YAML), ``raw:`` values as written.

    The body is "Body." unless the fields give ``BODY`` (not a front-matter field).
    """
    lines = ["---"]
    for key, value in fields.items():
        if key == BODY:
            continue
        if isinstance(value, Raw):
            lines.append(f"{key}: {value.text}")
        else:
            lines.append(f"{key}: {json.dumps(value, default=str)}")
    lines += ["---", "", str(fields.get(BODY, "Body.")), ""]
    return "\n".join(lines)


class Raw:
    """A front-matter value written exactly as given (``[1.1, 2.02]`` stays unquoted)."""

    def __init__(self, text: str) -> None:
        self.text = text


def write(
    root: Path,
    entries: Mapping[str, Mapping[str, Any]],
    *,
    level: int = 2,
    extra_yaml: str = "",
) -> Path:
    """Write portfolio.yaml and ``entries/<name>.md`` for each entry; return the root."""
    files = {
        f"entries/{name if name.endswith('.md') else name + '.md'}": front_matter(fields)
        for name, fields in entries.items()
    }
    config = PORTFOLIO_YAML.replace("level: 2", f"level: {level}") + extra_yaml
    write_portfolio(root, files, portfolio_yaml=config)
    for fields in entries.values():
        _touch_linked(root, fields)
    return root


def _touch_linked(root: Path, fields: Mapping[str, Any]) -> None:
    """Create the files an entry's `form:` and `evidence:` name, so its paths resolve."""
    form, evidence = fields.get("form"), fields.get("evidence")
    linked = ([form] if isinstance(form, str) else []) + (
        list(evidence) if isinstance(evidence, list) else []
    )
    for rel in linked:
        target = root / rel
        if rel.startswith("evidence/") and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("a signed form\n", encoding="utf-8")


def build(
    root: Path,
    entries: Mapping[str, Mapping[str, Any]],
    *,
    level: int = 2,
    extra_yaml: str = "",
    today: dt.date = dt.date(2026, 11, 23),
) -> Portfolio:
    """Write a portfolio and load it."""
    return load(write(root, entries, level=level, extra_yaml=extra_yaml), today=today)


def cpd(day: str, hours: float, **more: Any) -> dict[str, Any]:
    return {"type": "cpd", "title": f"CPD on {day}", "date": day, "hours": hours, **more}


def entry(entry_type: str, day: str, /, **more: Any) -> dict[str, Any]:
    return {"type": entry_type, "title": f"{entry_type} on {day}", "date": day, **more}


def counted(portfolio: Portfolio) -> Counting:
    """Which entries of a loaded portfolio count, as `imh check` finds them."""
    return counting_for(portfolio)


#: The NMC form's four sections, each with a sentence of the practitioner's own.
NMC_FORM_BODY = "\n".join(f"## {title}\n\nA sentence of my own.\n" for title in NMC_FORM_SECTIONS)


def nmc_reflection(day: str, /, **more: Any) -> dict[str, Any]:
    """A written reflective account on the NMC form, every section written."""
    return entry("reflection", day, model="NMC", **{BODY: NMC_FORM_BODY, **more})


def nmc_discussion(day: str, /, **more: Any) -> dict[str, Any]:
    """A reflective discussion with an NMC registrant, with the signed form."""
    fields = {"partner_register": "NMC", "form": f"evidence/{day}-discussion-form.pdf"}
    return entry("discussion", day, **{**fields, **more})


def confirmation(day: str, /, **more: Any) -> dict[str, Any]:
    """A confirmation by an NMC registrant, with the signed form."""
    fields = {"confirmer_register": "NMC", "form": f"evidence/{day}-confirmation-form.pdf"}
    return entry("confirmation", day, **{**fields, **more})
