"""Every example portfolio checks clean: no errors, no warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from imhcli.check.run import check

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent for p in (ROOT / "examples").glob("*/portfolio.yaml"))


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_checks_clean(example: Path) -> None:
    report = check([example])
    shown = "\n".join(f"{d.path}:{d.line} {d.code} {d.message}" for d in report.diagnostics)
    assert report.diagnostics == [], shown
    assert report.exit_code(strict=True) == 0
    assert report.summary.files > 1
