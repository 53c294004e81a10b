"""Printing a page to PDF with headless Chromium, the browser the report's tests use.

Playwright drives the system's Chromium over the DevTools protocol (no browser download).
The page is loaded from a string with every request refused, so printing cannot reach
the network; the PDF is written next to its destination and moved into place.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from imhcli.errors import PdfUnavailableError

#: Chromium's flags for a headless run that makes no connection of its own.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The browser to print with: $IMH_CHROMIUM, else chromium on PATH."""
    found = os.environ.get("IMH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        raise PdfUnavailableError(
            "--pdf needs Chromium, which was not found",
            hint="install it (Debian: apt-get install chromium) or set IMH_CHROMIUM",
        )
    return found


def print_pdf(html: str, out: Path, *, overwrite: bool = False) -> None:
    """Print ``html`` to ``out`` as an A4 PDF with backgrounds."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfUnavailableError(
            "--pdf needs the Python package playwright",
            hint="pip install 'imh[pdf]' (it drives the system's Chromium; no download)",
        ) from None
    from imhcli.base.files import write_atomic

    executable = chromium()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=FLAGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    write_atomic(out, data, overwrite=overwrite)
