"""The cohort page in a real headless Chromium: clicking a heading sorts the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imhcli.models.cohort import Row
from imhcli.output.cohort_page import page
from tests.browser import opened

pytestmark = pytest.mark.browser

ROWS = [
    Row(path="cohort/a", kind="portfolio", practitioner="Zoe", level=2, errors=10, coverage=5.5),
    Row(path="cohort/b", kind="portfolio", practitioner="Amir", level=1, errors=9),
    Row(path="cohort/c", kind="portfolio", practitioner="Mo", level=3, errors=0, coverage=80.0),
]


def test_headings_sort_numbers_as_numbers_and_empty_cells_last(
    tmp_path: Path, chromium: Any
) -> None:
    target = tmp_path / "cohort.html"
    target.write_text(page(ROWS, "3 portfolios"), encoding="utf-8")
    with opened(chromium, target) as tab:

        def first_column() -> list[str]:
            texts: list[str] = tab.page.locator("tbody tr td:first-child").all_inner_texts()
            return texts

        assert first_column() == ["cohort/a", "cohort/b", "cohort/c"]
        tab.page.get_by_role("button", name="Errors").click()
        assert first_column() == ["cohort/c", "cohort/b", "cohort/a"], "10 after 9"
        tab.page.get_by_role("button", name="Errors").click()
        assert first_column() == ["cohort/a", "cohort/b", "cohort/c"]
        tab.page.get_by_role("button", name="Coverage").click()
        assert first_column() == ["cohort/a", "cohort/c", "cohort/b"], "empty last"
        sorted_by = tab.page.locator("th[aria-sort]").all_inner_texts()
        assert sorted_by == ["Coverage"]
        assert tab.problems == []
        assert tab.remote_requests() == []
