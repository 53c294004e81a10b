"""The registry of rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import pytest

from imhcli import rules


def test_every_rule_module_registers_rules() -> None:
    found = {_check_of(rule).__module__ for rule in rules.all_rules()}
    assert found == {f"imhcli.rules.{name}" for name in rules.RULE_MODULES}


def _check_of(rule: rules.Rule) -> Callable[..., object]:
    """The one check function a rule has, whatever kind of rule it is."""
    checks = [getattr(rule, f.name) for f in fields(rule) if f.name.endswith("_check")]
    (check,) = [c for c in checks if c is not None]
    return check  # type: ignore[no-any-return]


def test_a_rule_module_that_cannot_be_imported_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules, "_loaded", False)
    monkeypatch.setattr(rules, "RULE_MODULES", (*rules.RULE_MODULES, "renamed_away"))
    with pytest.raises(ModuleNotFoundError, match="renamed_away"):
        rules.all_rules()
