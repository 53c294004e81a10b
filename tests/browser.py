"""Headless Chromium for the tests of the pages imh writes: one browser per test run.

Playwright drives the system's Chromium (Debian's ``chromium`` package) over the
DevTools protocol; it needs no browser download. Without Chromium these tests fail,
unless ``IMH_SKIP_BROWSER=1`` says on purpose that this machine has no browser.

The browser is launched once (the ``chromium`` fixture in conftest.py); each test
opens its pages in a context of its own, which shares nothing with any other.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from imhcli.packs.pdf import FLAGS

LOCAL_SCHEMES = ("file:", "data:", "about:")


def chromium_path() -> str:
    """The browser to drive: $IMH_CHROMIUM, else chromium on PATH; fail (or skip) without."""
    found = os.environ.get("IMH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        if os.environ.get("IMH_SKIP_BROWSER") == "1":
            pytest.skip("IMH_SKIP_BROWSER=1 and no Chromium on this machine")
        pytest.fail(
            "Chromium is needed for the report tests: apt-get install chromium "
            "(or set IMH_CHROMIUM, or IMH_SKIP_BROWSER=1 to skip them on purpose)"
        )
    return found


def playwright() -> Any:
    """playwright's sync API; fail (or skip) without it."""
    try:
        import playwright.sync_api as sync_api
    except ImportError:
        if os.environ.get("IMH_SKIP_BROWSER") == "1":
            pytest.skip("IMH_SKIP_BROWSER=1 and playwright is not installed")
        pytest.fail("the report tests need playwright: pip install '.[test]'")
    return sync_api


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium with the flags `imh pack --pdf` uses, closed at the end."""
    executable = chromium_path()
    with playwright().sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_context(browser: Any, **options: Any) -> Iterator[Any]:
    """A fresh browser context (no shared cookies, storage or cache), service workers off."""
    context = browser.new_context(service_workers="block", **options)
    try:
        yield context
    finally:
        context.close()


@dataclass
class Tab:
    """An open page and what the browser saw while it was open."""

    page: Any
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@contextmanager
def opened(browser: Any, page_file: Path) -> Iterator[Tab]:
    """``page_file`` loaded in a fresh context of ``browser``; errors and requests recorded."""
    with new_context(browser) as context:
        tab = Tab(context.new_page())
        tab.page.on("pageerror", lambda e: tab.problems.append(str(e)))
        tab.page.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
        tab.page.on("request", lambda r: tab.requests.append(r.url))
        tab.page.goto(page_file.as_uri(), wait_until="load")
        yield tab
