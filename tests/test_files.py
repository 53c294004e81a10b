"""Files that are awkward to commit: encodings, line endings, links, large files.

They are built in tmp_path and checked like the data-driven cases.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from imhcli.check.run import check
from imhcli.load.portfolio import MAX_ENTRY_BYTES
from imhcli.output.findings import FINDINGS
from tests.conftest import GOOD_ENTRY, PORTFOLIO_YAML, TODAY, assert_findings

Build = Callable[..., Path]
E = "entries/entry.md"
BAD_HOURS = "---\ntype: cpd\ntitle: A course\ndate: 2025-03-04\nhours: 0\n---\n\nBody.\n"


def findings(root: Path) -> list[tuple[str, str, int | None, int | None]]:
    return [(d.code, d.path, d.line, d.column) for d in check([root], today=TODAY).diagnostics]


def test_bom_is_accepted(portfolio: Build) -> None:
    root = portfolio({E: b"\xef\xbb\xbf" + GOOD_ENTRY.encode()})
    assert findings(root) == []


def test_bom_keeps_positions(portfolio: Build) -> None:
    root = portfolio({E: b"\xef\xbb\xbf" + BAD_HOURS.encode()})
    assert findings(root) == [("IMH105", E, 5, 8)]


def test_crlf_is_accepted(portfolio: Build) -> None:
    root = portfolio({E: GOOD_ENTRY.replace("\n", "\r\n")})
    assert findings(root) == []


def test_crlf_keeps_positions(portfolio: Build) -> None:
    root = portfolio({E: BAD_HOURS.replace("\n", "\r\n")})
    assert findings(root) == [("IMH105", E, 5, 8)]


def test_crlf_portfolio_yaml(portfolio: Build) -> None:
    root = portfolio(
        {E: GOOD_ENTRY},
        portfolio_yaml=PORTFOLIO_YAML.replace("level: 2", "level: 9").replace("\n", "\r\n"),
    )
    assert findings(root) == [("IMH105", "portfolio.yaml", 3, 8)]


def test_invalid_utf8_reports_line(portfolio: Build) -> None:
    text = GOOD_ENTRY.replace("What I noticed", "Caf\xe9 visit").encode("latin-1")
    root = portfolio({E: text})
    assert_findings(
        check([root], today=TODAY), [{"code": "IMH108", "path": E, "line": 8, "column": 4}]
    )


def test_utf16(portfolio: Build) -> None:
    root = portfolio({E: GOOD_ENTRY.encode("utf-16")})
    report = check([root], today=TODAY)
    assert_findings(report, [{"code": "IMH108", "path": E, "line": None}])
    assert "UTF-16" in report.diagnostics[0].message


def test_binary_file(portfolio: Build) -> None:
    root = portfolio({E: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    report = check([root], today=TODAY)
    assert_findings(report, [{"code": "IMH108", "path": E, "line": 3, "column": 1}])
    assert "binary" in report.diagnostics[0].message


def test_latin1_portfolio_yaml(portfolio: Build) -> None:
    root = portfolio({}, portfolio_yaml=None)
    latin1 = PORTFOLIO_YAML.replace("Sam Example", "Zo\xeb").encode("latin-1")
    (root / "portfolio.yaml").write_bytes(latin1)
    assert findings(root) == [("IMH108", "portfolio.yaml", 5, 11)]


def test_too_large(portfolio: Build) -> None:
    root = portfolio({E: GOOD_ENTRY + "x" * MAX_ENTRY_BYTES})
    assert [f[:3] for f in findings(root)] == [("IMH109", E, None)]


def test_link_outside(portfolio: Build, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(GOOD_ENTRY)
    root = portfolio({})
    os.symlink(outside, root / "entries" / "link.md")
    assert [f[:2] for f in findings(root)] == [("IMH109", "entries/link.md")]


def test_link_into_private(portfolio: Build) -> None:
    root = portfolio({"private/secret.md": GOOD_ENTRY})
    os.symlink(root / "private" / "secret.md", root / "entries" / "link.md")
    assert [f[:2] for f in findings(root)] == [("IMH109", "entries/link.md")]


def test_link_inside_is_read(portfolio: Build) -> None:
    root = portfolio({"shared/entry.md": BAD_HOURS})
    os.symlink("../shared/entry.md", root / "entries" / "link.md")
    assert findings(root) == [("IMH105", "entries/link.md", 5, 8)]


def test_broken_link(portfolio: Build) -> None:
    root = portfolio({})
    os.symlink("nowhere.md", root / "entries" / "broken.md")
    assert [f[:2] for f in findings(root)] == [("IMH109", "entries/broken.md")]


def test_link_loop(portfolio: Build) -> None:
    root = portfolio({})
    os.symlink("b.md", root / "entries" / "a.md")
    os.symlink("a.md", root / "entries" / "b.md")
    assert [f[:2] for f in findings(root)] == [
        ("IMH109", "entries/a.md"),
        ("IMH109", "entries/b.md"),
    ]


def test_directory_link_loop(portfolio: Build) -> None:
    root = portfolio({"entries/2025/entry.md": GOOD_ENTRY})
    os.symlink("..", root / "entries" / "2025" / "up")
    os.symlink(".", root / "entries" / "here")
    assert findings(root) == []


def test_evidence_link_outside(portfolio: Build, tmp_path: Path) -> None:
    (tmp_path / "cert.pdf").write_text("pdf")
    root = portfolio({E: GOOD_ENTRY.replace("---\n\n", "evidence: [evidence/cert.pdf]\n---\n\n")})
    (root / "evidence").mkdir()
    os.symlink(tmp_path / "cert.pdf", root / "evidence" / "cert.pdf")
    assert findings(root) == [("IMH204", E, 6, 12)]


def test_evidence_broken_link(portfolio: Build) -> None:
    root = portfolio({E: GOOD_ENTRY.replace("---\n\n", "evidence: [evidence/cert.pdf]\n---\n\n")})
    (root / "evidence").mkdir()
    os.symlink("gone.pdf", root / "evidence" / "cert.pdf")
    assert findings(root) == [("IMH203", E, 6, 12)]


def test_names_not_utf8(portfolio: Build) -> None:
    root = portfolio({"entries/ok.md": GOOD_ENTRY})
    entries = os.fsencode(root / "entries")
    with open(entries + b"/caf\xe9.md", "wb") as handle:
        handle.write(b"no front matter\n")
    os.mkdir(entries + b"/d\xe9j\xe0")
    with open(entries + b"/d\xe9j\xe0/a.md", "wb") as handle:
        handle.write(b"no front matter\n")
    report = check([root], today=TODAY)
    assert [(d.code, d.path) for d in report.diagnostics] == [
        ("IMH108", "entries/caf?.md"),
        ("IMH108", "entries/d?j?"),
    ]
    for name in ("text", "json"):
        out = io.StringIO()
        FINDINGS[name](report, out=out, color=False)
        out.getvalue().encode("utf-8")  # no lone surrogates left to print


def test_portfolio_folder_name_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/portfolio-\xff"
    os.mkdir(folder)
    root = Path(os.fsdecode(folder))
    (root / "portfolio.yaml").write_text(PORTFOLIO_YAML.replace("level: 2", "level: 7"))
    report = check([root], today=TODAY)
    assert [d.code for d in report.diagnostics] == ["IMH105"]
    out = io.StringIO()
    FINDINGS["json"](report, out=out, color=False)
    out.getvalue().encode("utf-8")
