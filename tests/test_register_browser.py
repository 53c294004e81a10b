"""The register page in a real headless Chromium: search filters, headings sort, nothing loads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imhcli.models.register import Issuer, Listing, Register
from imhcli.output.register.page import page
from tests.browser import LOCAL_SCHEMES, opened

pytestmark = pytest.mark.browser


def listing(n: int, name: str, level: int, day: str) -> Listing:
    titles = {1: "General knowledge and skills", 2: "Advanced knowledge and skills"}
    return Listing(
        id=f"00000000-0000-5000-8000-00000000000{n}",
        name=name,
        level=level,
        level_title=titles[level],
        framework="imhcf-2019",
        framework_title="Infant Mental Health Competency Framework",
        recognised=dt.date.fromisoformat(day),
    )


REGISTER = Register(
    issuer=Issuer(name="Example Register", url="https://register.example.org"),
    listings=[
        listing(1, "Ada L.", 2, "2026-12-10"),
        listing(2, "Bea <img src=x onerror=alert(1)>", 1, "2025-03-01"),
        listing(3, "Zoë Ñuñez", 2, "2026-01-20"),
    ],
    left_out={},
    base_uri="urn:imh:",
)


def test_search_filters_rows_and_headings_sort(tmp_path: Path, chromium: Any) -> None:
    target = tmp_path / "index.html"
    target.write_text(page(REGISTER), encoding="utf-8")
    with opened(chromium, target) as opened_tab:
        tab = opened_tab.page
        problems = opened_tab.problems
        requests = opened_tab.requests

        def names() -> list[str]:
            shown: list[str] = tab.locator(
                "tbody tr:not([hidden]) td:first-child"
            ).all_inner_texts()
            return shown

        assert names() == ["Ada L.", "Bea <img src=x onerror=alert(1)>", "Zoë Ñuñez"]
        search = tab.get_by_label("Search the register")
        search.fill("zoe nunez")
        assert names() == ["Zoë Ñuñez"], "accents and case are ignored"
        assert tab.locator("#shown").inner_text() == "Showing 1 of 3."
        search.fill("level 1")
        assert names() == [], "every word must match"
        search.fill("general")
        assert names() == ["Bea <img src=x onerror=alert(1)>"]
        search.fill("")
        assert len(names()) == 3
        tab.get_by_role("button", name="Recognised").click()
        assert names()[0].startswith("Bea")
        tab.get_by_role("button", name="Level").click()
        tab.get_by_role("button", name="Level").click()
        assert names()[-1].startswith("Bea"), "level 1 last when descending"
        assert tab.locator("th[aria-sort]").all_inner_texts() == ["Level"]
        assert tab.locator("img").count() == 0
        assert problems == []
        assert [u for u in requests if not u.startswith(LOCAL_SCHEMES)] == []
