"""A SOURCE_DATE_EPOCH that cannot be used, and `imh verify` given a folder: exit 2, clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD_ENTRY, Run


@pytest.mark.parametrize(
    ("epoch", "why"),
    [
        ("99999999999999999", "not a whole number"),
        ("abc", "not a whole number"),
        ("-5", "not a whole number"),
        ("4102444800000", "not a whole number"),
        ("100", "outside the years 1980-2107"),
        ("9999999999", "outside the years 1980-2107"),
    ],
)
def test_bad_source_date_epoch_is_exit_2(
    run: Run,
    portfolio: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
    why: str,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    ran = run("bundle", root, "-o", tmp_path / "b.zip", expect=2)
    assert "SOURCE_DATE_EPOCH" in ran.stderr and why in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not (tmp_path / "b.zip").exists()


def test_good_source_date_epoch_sets_the_date(
    run: Run, portfolio: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    run("bundle", root, "-o", tmp_path / "b.zip")
    ran = run("verify", tmp_path / "b.zip")
    assert "valid" in ran.stderr


def test_verify_a_folder_says_it_is_a_folder(run: Run, portfolio: Callable[..., Path]) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    ran = run("verify", root, expect=2)
    assert "is a folder, not a bundle zip" in ran.stderr
    assert "no such file" not in ran.stderr
