"""The registry of rules."""

from __future__ import annotations

import pytest

from imhcli import rules


def test_every_rule_module_registers_rules() -> None:
    found = {(r.entry_check or r.portfolio_check).__module__ for r in rules.all_rules()}  # type: ignore[union-attr]
    assert found == {f"imhcli.rules.{name}" for name in rules.RULE_MODULES}


def test_a_rule_module_that_cannot_be_imported_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules, "_loaded", False)
    monkeypatch.setattr(rules, "RULE_MODULES", (*rules.RULE_MODULES, "renamed_away"))
    with pytest.raises(ModuleNotFoundError, match="renamed_away"):
        rules.all_rules()
