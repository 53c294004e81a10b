"""The committed JSON Schemas are current, and agree with `imh check`.

Agreement is tested on the schema-level findings (IMH104 missing, IMH105 wrong
type or value, IMH106 unknown field): for the examples both find nothing, and
for bad front matter both name the same fields.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from imhcli.diagnostics import Finding
from imhcli.load import frontmatter
from imhcli.load.validate import validate_entry, validate_portfolio
from imhcli.load.yaml_loaders import load_fast
from imhcli.models.entries import ENTRY_TYPES
from imhcli.output.json_schemas import SCHEMA_KINDS, dumps

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/portfolio.yaml"))
SCHEMA_CODES = {"IMH104", "IMH105", "IMH106"}


def schema(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
    return data


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_is_current(kind: str) -> None:
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == dumps(kind), (
        f"schema/{kind}.schema.json is stale; regenerate it with "
        f"`imh schema {kind} > schema/{kind}.schema.json`"
    )


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    Draft202012Validator.check_schema(schema(kind))


# --- helpers --------------------------------------------------------------------


def as_json(value: Any) -> Any:
    """YAML data as JSON would hold it: dates become ISO strings, keys strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(kind: str, entry_type: str | None = None) -> Draft202012Validator:
    """A validator for ``kind``; for entries, the branch of the union for ``entry_type``."""
    body = schema(kind)
    if entry_type is not None:
        body = {"$ref": f"#/$defs/{ENTRY_TYPES[entry_type].__name__}", "$defs": body["$defs"]}
    return Draft202012Validator(body, format_checker=FormatChecker())


def schema_fields(kind: str, data: dict[Any, Any]) -> set[str]:
    """The dotted fields the JSON Schema objects to."""
    entry_type = data.get("type") if kind == "entry" else None
    found: set[str] = set()
    for error in validator(kind, entry_type).iter_errors(as_json(data)):
        path = [str(p) for p in error.absolute_path]
        if error.validator == "required":
            found |= {
                ".".join([*path, k]) for k in error.validator_value if k not in error.instance
            }
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            found |= {".".join([*path, k]) for k in error.instance if k not in known}
        else:
            found.add(".".join(path))
    return found


def imh_fields(findings: list[Finding]) -> set[str]:
    """The dotted fields imh's schema-level findings name."""
    found: set[str] = set()
    for finding in findings:
        if finding.code not in SCHEMA_CODES:
            continue
        if finding.code == "IMH104":
            name = re.search(r"`([^`]+)`", finding.message)
            assert name is not None, finding
            found.add(re.sub(r"\[(\d+)\]", r".\1", name.group(1)))
        else:
            found.add(".".join(str(p) for p in finding.loc))
    return found


def front_matter(path: Path) -> dict[Any, Any]:
    text = frontmatter.decode(path.read_bytes())
    assert isinstance(text, str), path
    parts = frontmatter.split(text)
    assert parts.yaml is not None, path
    data = load_fast(parts.yaml)
    assert isinstance(data, dict), path
    return data


# --- the examples: both validators find nothing ---------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_portfolio_yaml(example: Path) -> None:
    data = load_fast((example / "portfolio.yaml").read_text(encoding="utf-8"))
    assert schema_fields("portfolio", data) == set()
    assert imh_fields(validate_portfolio(data)[1]) == set()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_entries(example: Path) -> None:
    entries = sorted((example / "entries").rglob("*.md"))
    assert entries
    for path in entries:
        data = front_matter(path)
        assert schema_fields("entry", data) == set(), path
        assert imh_fields(validate_entry(data)[1]) == set(), path
        assert not validator("entry").is_valid(as_json({**data, "type": "nonsense"}))
        assert validator("entry").is_valid(as_json(data)), path


def test_bundled_framework() -> None:
    data = load_fast((ROOT / "framework" / "imhcf-2019.yaml").read_text(encoding="utf-8"))
    assert list(validator("framework").iter_errors(as_json(data))) == []


def test_framework_schema_rejects_a_bad_framework() -> None:
    data = load_fast((ROOT / "framework" / "imhcf-2019.yaml").read_text(encoding="utf-8"))
    data["wording"] = "paraphrase"
    del data["domains"][0]["title"]
    paths = {tuple(e.absolute_path) for e in validator("framework").iter_errors(as_json(data))}
    assert paths == {("wording",), ("domains", 0)}


# --- bad front matter: both name the same fields ---------------------------------

BASE = "type: cpd\ntitle: A course\ndate: 2025-03-04\nhours: 3\n"

BAD_ENTRIES = {
    "missing-hours": ("type: cpd\ntitle: A course\ndate: 2025-03-04\n", {"hours"}),
    "participatory-no": (BASE + "participatory: no\n", {"participatory"}),
    "misspelt-title": (
        "type: cpd\ntitel: A course\ndate: 2025-03-04\nhours: 3\n",
        {"titel", "title"},
    ),
    "status-done": (BASE + "status: done\n", {"status"}),
    "competencies-scalar": (BASE + 'competencies: "1.04"\n', {"competencies"}),
    "competency-bool": (BASE + 'competencies: ["1.04", true]\n', {"competencies.1"}),
    "impossible-date": ("type: cpd\ntitle: A course\ndate: 2025-02-30\nhours: 3\n", {"date"}),
    "zero-hours": ("type: cpd\ntitle: A course\ndate: 2025-03-04\nhours: 0\n", {"hours"}),
    "numeric-title": ("type: cpd\ntitle: 2024\ndate: 2025-03-04\nhours: 3\n", {"title"}),
    "bad-rating": (
        'type: self-assessment\ndate: 2025-03-04\nratings:\n  "1.01": done\n',
        {"ratings.1.01"},
    ),
    "evidence-empty-path": (BASE + 'evidence: [""]\n', {"evidence.0"}),
    "unknown-allow": (BASE + "allow: [nhs]\n", {"allow.0"}),
}


@pytest.mark.parametrize("name", sorted(BAD_ENTRIES))
def test_bad_entry_agreement(name: str) -> None:
    text, fields = BAD_ENTRIES[name]
    data = load_fast(text)
    assert schema_fields("entry", data) == fields
    assert imh_fields(validate_entry(data)[1]) == fields


PORTFOLIO = "format: 1\nframework: imhcf-2019\nlevel: 2\npractitioner:\n  name: Sam\n"

BAD_PORTFOLIOS = {
    "no-name": (
        PORTFOLIO.replace("  name: Sam\n", "  role: Health visitor\n"),
        {"practitioner.name"},
    ),
    "format-2": (PORTFOLIO.replace("format: 1", "format: 2"), {"format"}),
    "level-text": (PORTFOLIO.replace("level: 2", 'level: "2"'), {"level"}),
    "unknown-key": (PORTFOLIO + "requirments: []\n", {"requirments"}),
    "nested-unknown": (PORTFOLIO + "  organization: Trust\n", {"practitioner.organization"}),
    "listed-yes": (PORTFOLIO + "register:\n  listed: yes\n", {"register.listed"}),
    "renewal-date": (
        PORTFOLIO + "  registrations:\n    - body: NMC\n      renewal: 2027-02-30\n",
        {"practitioner.registrations.0.renewal"},
    ),
    "no-framework": (PORTFOLIO.replace("framework: imhcf-2019\n", ""), {"framework"}),
}


@pytest.mark.parametrize("name", sorted(BAD_PORTFOLIOS))
def test_bad_portfolio_agreement(name: str) -> None:
    text, fields = BAD_PORTFOLIOS[name]
    data = load_fast(text)
    assert schema_fields("portfolio", data) == fields
    assert imh_fields(validate_portfolio(data)[1]) == fields
