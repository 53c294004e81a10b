"""The cohort page in a real headless Chromium: clicking a heading sorts the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from imhcli.models.cohort import Row
from imhcli.output.cohort_page import page
from tests.test_report_browser import FLAGS, LOCAL_SCHEMES, _playwright, chromium_path

pytestmark = pytest.mark.browser

ROWS = [
    Row(path="cohort/a", kind="portfolio", practitioner="Zoe", level=2, errors=10, coverage=5.5),
    Row(path="cohort/b", kind="portfolio", practitioner="Amir", level=1, errors=9),
    Row(path="cohort/c", kind="portfolio", practitioner="Mo", level=3, errors=0, coverage=80.0),
]


def test_headings_sort_numbers_as_numbers_and_empty_cells_last(tmp_path: Path) -> None:
    target = tmp_path / "cohort.html"
    target.write_text(page(ROWS, "3 portfolios"), encoding="utf-8")
    sync_api = _playwright()
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=FLAGS)
        try:
            tab = browser.new_page()
            problems: list[str] = []
            requests: list[str] = []
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(target.as_uri(), wait_until="load")

            def first_column() -> list[str]:
                return tab.locator("tbody tr td:first-child").all_inner_texts()

            assert first_column() == ["cohort/a", "cohort/b", "cohort/c"]
            tab.get_by_role("button", name="Errors").click()
            assert first_column() == ["cohort/c", "cohort/b", "cohort/a"], "10 after 9"
            tab.get_by_role("button", name="Errors").click()
            assert first_column() == ["cohort/a", "cohort/b", "cohort/c"]
            tab.get_by_role("button", name="Coverage").click()
            assert first_column() == ["cohort/a", "cohort/c", "cohort/b"], "empty last"
            sorted_by = tab.locator("th[aria-sort]").all_inner_texts()
            assert sorted_by == ["Coverage"]
            assert problems == []
            assert [u for u in requests if not u.startswith(LOCAL_SCHEMES)] == []
        finally:
            browser.close()
