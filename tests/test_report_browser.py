"""The report in a real headless Chromium: it renders, loads nothing, and logs no errors.

How the browser is driven, and what happens without one: tests/browser.py.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from imhcli.load.portfolio import load
from imhcli.output.report import render_report
from tests.browser import LOCAL_SCHEMES, new_context
from tests.report_sample import REPORT_DAY, write_sample

pytestmark = pytest.mark.browser


@dataclass
class Visit:
    """What the browser saw while the page was open."""

    page: Any
    title: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_sample(tmp_path_factory.mktemp("browser") / "sample")
    target = root.parent / "report.html"
    target.write_text(render_report(load(root), today=REPORT_DAY), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def visit(report_file: Path, chromium: Any) -> Iterator[Visit]:
    with new_context(chromium, viewport={"width": 1100, "height": 1400}) as context:
        page = context.new_page()
        seen = Visit(page=page, title="")
        context.on("request", lambda r: seen.requests.append(r.url))
        page.on("console", lambda m: _console(seen, m))
        page.on("pageerror", lambda e: seen.problems.append(f"page error: {e}"))
        page.goto(report_file.as_uri(), wait_until="load")
        seen.title = page.title()
        yield seen


def _console(seen: Visit, message: Any) -> None:
    if message.type in ("error", "warning"):
        seen.problems.append(f"console {message.type}: {message.text}")


def test_page_makes_no_network_requests_and_logs_no_errors(visit: Visit) -> None:
    remote = [url for url in visit.requests if not url.startswith(LOCAL_SCHEMES)]
    assert remote == []
    assert visit.problems == []
    assert visit.requests, "the browser recorded no request at all, so the listener is broken"


def test_page_renders_title_grid_and_chart(visit: Visit) -> None:
    page = visit.page
    assert visit.title == "CPD portfolio: Sam <b>Example</b> & Co"
    for selector in ("ul.cells", "svg.chart", "svg.chart rect.bar", "#entries article.entry"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, selector
    assert page.locator("li.cell").count() == 63
    assert page.locator("script").count() == 0


def test_hostile_entry_text_stays_text(visit: Visit) -> None:
    page = visit.page
    body = page.locator("#entries").inner_text()
    assert '<script>alert("body")</script>' in body
    assert "<img src=x onerror=" in body
    assert page.locator("#entries img").count() == 0
    assert visit.title != "pwned"


def test_stylesheet_applies(visit: Visit) -> None:
    page = visit.page
    gap = page.locator("li.cell.gap").first
    evidenced = page.locator("li.cell.evidenced").first
    assert gap.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert evidenced.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    background = "e => getComputedStyle(e).backgroundColor"
    assert gap.evaluate(background) != evidenced.evaluate(background)


def test_screenshot_is_a_real_png(visit: Visit, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    visit.page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1100 and height > 3000
    assert len(data) > 50_000


def test_print_layout(visit: Visit, tmp_path: Path) -> None:
    page = visit.page
    page.emulate_media(media="print")
    try:
        entries = page.locator("#entries")
        assert entries.evaluate("e => getComputedStyle(e).breakBefore") == "page"
        assert page.locator("nav.toc").is_hidden()
        symbol = page.locator("li.cell.gap .symbol").first
        assert symbol.is_visible() and symbol.inner_text() == "✕"
        pdf = tmp_path / "report.pdf"
        page.pdf(path=str(pdf), format="A4")
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        page.emulate_media(media="screen")
    assert visit.problems == []
