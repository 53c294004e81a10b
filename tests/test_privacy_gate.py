"""The privacy gate on every path out, and everything it scans (issue: privacy on every path)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from imhcli.check.gate import privacy_gate
from imhcli.check.run import check
from imhcli.errors import PrivacyRefusedError
from imhcli.load.portfolio import load
from tests.conftest import GOOD_ENTRY, PORTFOLIO_YAML, TODAY, Run

DENY_YAML = PORTFOLIO_YAML + "privacy:\n  deny_list: private/names.txt\n"
PHONE = "07700 900123"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _entry(body: str = "What I noticed.\n", *, extra: str = "", title: str = "A visit") -> str:
    return (
        f"---\ntype: reflection\ntitle: {title}\ndate: 2025-03-04\n"
        f'competencies: ["1.04"]\n{extra}---\n\n{body}'
    )


def _codes(root: Path) -> list[tuple[str, str, int | None]]:
    return [(d.code, d.path, d.line) for d in check([root], today=TODAY).diagnostics]


def test_report_refuses_an_entry_with_identifiers(
    run: Run, portfolio: Callable[..., Path], tmp_path: Path
) -> None:
    body = "NHS 943 476 5919, mum on 07700 900123, at LS6 2AB with Kowalski.\n"
    root = portfolio(
        {"entries/a.md": _entry(body), "private/names.txt": "Kowalski\n"}, portfolio_yaml=DENY_YAML
    )
    out = tmp_path / "leak.html"
    ran = run("report", root, "-o", out, expect=1)
    assert not out.exists()
    for code in ("IMH401", "IMH403", "IMH402", "IMH406"):
        assert code in ran.stderr
    assert "refused to write the report" in ran.stderr
    for secret in ("5919", "900123", "2AB", "Kowalski"):
        assert secret not in ran.stderr


def test_a_draft_does_not_block_the_report_but_is_counted(
    run: Run, portfolio: Callable[..., Path], tmp_path: Path
) -> None:
    draft = _entry(f"Call {PHONE}.\n", extra="status: draft\n")
    broken = _entry(extra='competencies: ["9.99"]\n').replace('competencies: ["1.04"]\n', "")
    root = portfolio({"entries/a.md": GOOD_ENTRY, "entries/d.md": draft, "entries/b.md": broken})
    page = run("report", root, "--as-of", "2026-01-01").stdout
    assert "Not included: 1 draft and 1 entry with errors" in page
    assert PHONE not in page


def test_bundle_refuses_identifiers_in_evidence_text(
    run: Run, portfolio: Callable[..., Path], tmp_path: Path
) -> None:
    root = portfolio(
        {
            "entries/a.md": _entry(extra="evidence: [evidence/notes.txt]\n"),
            "evidence/notes.txt": "Seen at home.\nNHS number 943 476 5919\n",
        }
    )
    out = tmp_path / "b.zip"
    ran = run("bundle", root, "-o", out, expect=1)
    assert "evidence/notes.txt:2:12" in ran.stderr and "IMH401" in ran.stderr
    assert not out.exists()


def test_every_front_matter_value_and_comment_is_read(portfolio: Callable[..., Path]) -> None:
    entry = (
        "---\ntype: cpd\ntitle: Course\ndate: 2025-03-04\nhours: 2\nactivity: course\n"
        f"provider: Amelia's mum, {PHONE}\n"
        'tags: [Amelia, "SW1A 1AA"]\n'
        "# Amelia DOB 12/03/2024\n"
        "---\n\nBody.\n"
    )
    root = portfolio({"entries/a.md": entry})
    found = check([root], today=TODAY).diagnostics
    assert [(d.code, d.line) for d in found] == [("IMH403", 7), ("IMH402", 8), ("IMH405", 9)]
    assert "`provider`" in found[0].message and "comment" in found[2].message


def test_a_broken_front_matter_still_has_its_body_read(portfolio: Callable[..., Path]) -> None:
    entry = f"---\ntype: reflection\ntype: practice\n---\n\nRang mum on {PHONE}.\n"
    root = portfolio({"entries/a.md": entry})
    assert [c for c, _, _ in _codes(root)] == ["IMH107", "IMH403"]


@pytest.mark.parametrize(
    ("rel", "shown"),
    [
        ("entries/2025-03-04-kowalski-family-thank-you-card.md", "kow*****"),
        ("entries/2025-03-04-visit-to-amelia-at-ls6-2ab.md", "l** ***"),
        ("evidence/Kowalski/card.pdf", "evidence/Kow*****"),
    ],
)
def test_names_with_identifiers_are_refused_and_masked(
    portfolio: Callable[..., Path], rel: str, shown: str
) -> None:
    files = {"private/names.txt": "Kowalski\n", rel: _entry() if rel.endswith(".md") else "x"}
    root = portfolio(files, portfolio_yaml=DENY_YAML)
    found = check([root], today=TODAY).diagnostics
    assert [d.code for d in found] == ["IMH408"]
    assert shown in found[0].path
    assert "kowalski" not in found[0].path.lower() and "2ab" not in found[0].path.lower()


def test_gate_is_one_call_for_any_export(portfolio: Callable[..., Path]) -> None:
    root = portfolio({"entries/a.md": _entry(f"Tel:{PHONE}\n")})
    with pytest.raises(PrivacyRefusedError) as caught:
        privacy_gate(load(root, today=TODAY), action="write the pack")
    assert caught.value.exit_code == 1
    assert [d.code for d in caught.value.report.diagnostics] == ["IMH403"]
    clean = portfolio({"entries/a.md": GOOD_ENTRY}, name="clean")
    assert privacy_gate(load(clean, today=TODAY)).with_errors == frozenset()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_tracked_private_file_is_imh407(portfolio: Callable[..., Path]) -> None:
    root = portfolio(
        {"entries/a.md": GOOD_ENTRY, "private/names.txt": "Kowalski\n"}, portfolio_yaml=DENY_YAML
    )
    assert _codes(root) == []  # no git, no finding

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q")
    (root / ".gitignore").write_text("private/\n", encoding="utf-8")
    git("add", ".")
    assert _codes(root) == []
    git("add", "-f", "private/names.txt")
    found = check([root], today=TODAY).diagnostics
    assert [(d.code, d.path) for d in found] == [("IMH407", "portfolio.yaml")]
    assert "Kowalski" not in found[0].message


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_staging_a_private_file_is_seen_through_the_cache(portfolio: Callable[..., Path]) -> None:
    """`git add -f` changes no file of the portfolio, only git's index: the cache must notice."""
    root = portfolio(
        {"entries/a.md": GOOD_ENTRY, "private/names.txt": "Kowalski\n"}, portfolio_yaml=DENY_YAML
    )
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    assert check([root], today=TODAY, use_cache=True).diagnostics == []
    subprocess.run(["git", "-C", str(root), "add", "-f", "private/names.txt"], check=True)
    found = check([root], today=TODAY, use_cache=True).diagnostics
    assert [d.code for d in found] == ["IMH407"]


def test_pre_commit_hook_fails_on_a_staged_private_file(
    run: Run, portfolio: Callable[..., Path]
) -> None:
    """The hook runs `imh check --whole-portfolio` on the staged names: IMH407 fails it."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    root = portfolio(
        {"entries/a.md": GOOD_ENTRY, "private/names.txt": "Kowalski\n"}, portfolio_yaml=DENY_YAML
    )
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-f", "private/names.txt"], check=True)
    ran = run("check", "--whole-portfolio", root / "private" / "names.txt", expect=1)
    assert "IMH407" in ran.stdout and "Kowalski" not in ran.stdout


@pytest.mark.parametrize(
    ("kind", "title", "code"),
    [
        ("feedback", "Kowalski family thank-you card", "IMH406"),
        ("reflection", "Visit to Amelia at LS6 2AB", "IMH402"),
    ],
)
def test_imh_new_refuses_a_title_with_an_identifier(
    run: Run, portfolio: Callable[..., Path], kind: str, title: str, code: str
) -> None:
    root = portfolio({"private/names.txt": "Kowalski\n"}, portfolio_yaml=DENY_YAML)
    ran = run("new", kind, title, "--portfolio", root, "--date", "2025-03-04", expect=2)
    assert code in ran.stderr and "nothing was written" in ran.stderr
    assert "Kowalski" not in ran.stderr and "2AB" not in ran.stderr
    assert list((root / "entries").rglob("*.md")) == []


def test_every_example_has_the_gitignore_imh_init_writes() -> None:
    """Copying an example into a repository must not commit its deny-list."""
    from imhcli.scaffold.templates import GITIGNORE

    examples = sorted(p.parent for p in EXAMPLES.glob("*/portfolio.yaml"))
    assert examples
    for example in examples:
        assert (example / ".gitignore").read_text(encoding="utf-8") == GITIGNORE, example


def test_checking_one_file_with_an_identifying_name_still_reports_it(
    portfolio: Callable[..., Path],
) -> None:
    rel = "entries/2025-03-04-kowalski-family.md"
    root = portfolio(
        {"private/names.txt": "Kowalski\n", rel: _entry(), "evidence/Kowalski/x.pdf": "x"},
        portfolio_yaml=DENY_YAML,
    )
    found = check([root / rel], today=TODAY).diagnostics
    assert [d.code for d in found] == ["IMH408"]
    assert "kowalski" not in found[0].path.lower()
