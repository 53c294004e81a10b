"""Data-driven cases: tests/cases/<CODE>/<case>/ is a portfolio; expected.yaml lists findings.

Each finding is ``{code, path, line}`` with optional ``column``, ``hint_contains`` and
``message_contains``. The check must report exactly the listed findings, so a case
with ``findings: []`` is a portfolio that must check clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from imhcli.check.run import check
from tests.conftest import CASES, TODAY, assert_findings, copy_case

CASE_DIRS = sorted(p.parent for p in CASES.glob("*/*/expected.yaml"))


def load_expected(case: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(case / "expected.yaml")
    return data


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path: Path) -> None:
    expected = load_expected(case)
    root = copy_case(case, tmp_path / case.name)
    report = check([root], today=TODAY)
    assert_findings(report, expected["findings"])


def test_every_code_has_a_case() -> None:
    from imhcli.codes import CODES

    wanted = {c for c in CODES if c[3] in "1235" and c != "IMH108" and c != "IMH109"}
    have = {p.parent.name for p in CASE_DIRS}
    assert wanted <= have, sorted(wanted - have)


def test_cases_are_described() -> None:
    for case in CASE_DIRS:
        assert load_expected(case)["description"], case
