"""The packs in a real headless Chromium, on screen and printed to PDF.

Each pack renders, loads nothing, logs no errors and starts every form on a new
printed page; `--pdf` prints through the same browser, and `pdftotext` (Debian's
poppler-utils) reads the forms' headings and the counted entries back.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imhcli.packs.make import make_pack
from tests.browser import LOCAL_SCHEMES, chromium_path, new_context
from tests.pack_sample import AS_OF, write_sample

pytestmark = pytest.mark.browser

KINDS = {"nmc": None, "hcpc": None, "swe": None, "endorsement": "ifs"}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = write_sample(tmp_path_factory.mktemp("pack-browser") / "portfolio")
    out = {}
    for kind, category in KINDS.items():
        html = make_pack(root, kind, as_of=AS_OF, category=category).html
        assert html is not None, kind
        out[kind] = root.parent / f"{kind}.html"
        out[kind].write_text(html, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Iterator[Any]:
    with new_context(chromium) as context:
        yield context


@pytest.mark.parametrize("kind", list(KINDS))
def test_pack_renders_offline_with_a_page_break_per_form(
    kind: str, pages: dict[str, Path], browser: Any
) -> None:
    requests: list[str] = []
    problems: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(pages[kind].as_uri(), wait_until="load")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.form", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    others = page.eval_on_selector_all(
        "body *:not(section.form)",
        "els => els.filter(e => getComputedStyle(e).breakBefore === 'page').length",
    )
    page.close()
    assert breaks and set(breaks) == {"page"}
    assert others == 0  # one page break per form, and none elsewhere
    assert [u for u in requests if not u.startswith(LOCAL_SCHEMES)] == []
    assert problems == []


@pytest.mark.slow
def test_pdf_of_the_nmc_pack_holds_every_form(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is needed: apt-get install poppler-utils")
    chromium_path()
    root = write_sample(tmp_path / "portfolio")
    pdf = tmp_path / "nmc.pdf"
    argv = ["pack", "nmc", str(root), "--as-of", AS_OF.isoformat(), "--pdf", str(pdf)]
    # A process of its own, as a user runs it (and apart from this module's browser).
    done = subprocess.run(
        [sys.executable, "-m", "imhcli", *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = " ".join(text.split())
    for words in (
        "Practice hours log",
        "CPD log",
        "Practice-related feedback log",
        "Written reflective account 1",
        "Reflective discussion form",
        "Confirmation form",
        "Course 2 on infant cues",
        "Practice hours year 1",
    ):
        assert words in text, words
    assert "Draft never printed" not in text
