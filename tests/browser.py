"""Opening a page in headless Chromium, for the tests of the pages imh writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imhcli.packs.pdf import FLAGS
from tests.test_report_browser import LOCAL_SCHEMES, _playwright, chromium_path


@dataclass
class Tab:
    """An open page and what the browser saw while it was open."""

    page: Any
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@contextmanager
def opened(page_file: Path) -> Iterator[Tab]:
    """``page_file`` loaded in a fresh headless Chromium; errors and requests recorded."""
    sync_api = _playwright()
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=FLAGS)
        try:
            tab = Tab(browser.new_page())
            tab.page.on("pageerror", lambda e: tab.problems.append(str(e)))
            tab.page.on(
                "console", lambda m: tab.problems.append(m.text) if m.type == "error" else None
            )
            tab.page.on("request", lambda r: tab.requests.append(r.url))
            tab.page.goto(page_file.as_uri(), wait_until="load")
            yield tab
        finally:
            browser.close()
