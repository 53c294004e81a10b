"""Hostile portfolios: nothing hangs or grows without bound, and check and bundle agree.

Cases that could hang or exhaust memory run `imh` in a child process with a
timeout (and, for devices, an address-space limit), so a regression fails the
test instead of stalling the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from imhcli.base.bundling import Limits
from imhcli.bundle.build import plan_bundle, write_bundle
from imhcli.check.run import check
from imhcli.errors import BundleLimitError
from imhcli.rules import payload
from tests.conftest import GOOD_ENTRY, PORTFOLIO_YAML, TODAY, Run

Build = Callable[..., Path]
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and devices are POSIX")
DENY = PORTFOLIO_YAML + "privacy:\n  deny_list: private/names.txt\n"
EVIDENCE = GOOD_ENTRY.replace("competencies:", "evidence: [evidence/{}]\ncompetencies:")


def child(code: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` with ``args`` in a child in ``cwd``, within 60 s."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(cwd / "user-cache"), "NO_COLOR": "1"},
    )


def imh_child(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``imh ARGS`` in a child, within 60 s."""
    return child("import sys\nfrom imhcli.cli import main\nmain(sys.argv[1:])\n", args, cwd)


# --- nothing hangs, nothing is read past its cap -------------------------------------------


@pytest.mark.slow
@posix_only
def test_fifos_as_inputs_never_hang(portfolio: Build) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY}, portfolio_yaml=DENY)
    (root / "private").mkdir()
    for rel in ("private/names.txt", ".imhignore", "entries/pipe.md"):
        os.mkfifo(root / rel)
    done = imh_child(["check", "--no-cache", "entries/pipe.md"], root)
    assert done.returncode == 1, done.stderr
    assert "entries/pipe.md IMH109 a FIFO (named pipe), not a regular file" in done.stdout
    done = imh_child(["check", "--no-cache", "--format", "json"], root)
    assert done.returncode == 1, done.stderr
    for path in ('"portfolio.yaml"', '".imhignore"', '"entries/pipe.md"'):
        assert path in done.stdout


_UNDER_A_LIMIT = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
from imhcli.cli import main
for args in (["check", "--no-cache"], ["check"], ["bundle", "-o", "out.zip"]):
    try:
        main(args)
    except SystemExit as exc:
        print("exit", exc.code)
"""


@pytest.mark.slow
@posix_only
def test_links_to_devices_are_refused_under_a_memory_limit(portfolio: Build) -> None:
    """.imhignore -> /dev/zero and the deny-list -> /dev/urandom, in 1 GiB and 60 s."""
    root = portfolio({"entries/a.md": GOOD_ENTRY}, portfolio_yaml=DENY)
    (root / "private").mkdir()
    (root / ".imhignore").symlink_to("/dev/zero")
    (root / "private" / "names.txt").symlink_to("/dev/urandom")
    done = child(_UNDER_A_LIMIT, [], root)
    assert "Error" not in done.stderr, done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("exit")] == ["exit 1"] * 3
    assert done.stdout.count(".imhignore IMH109 symbolic link points outside") >= 2
    assert not (root / "out.zip").exists()


def test_an_oversized_deny_list_is_a_finding(portfolio: Build) -> None:
    root = portfolio(
        {"entries/a.md": GOOD_ENTRY, "private/names.txt": "x" * (1024 * 1024 + 1)},
        portfolio_yaml=DENY,
    )
    found = [(d.code, d.path) for d in check([root], today=TODAY).diagnostics]
    assert found == [("IMH109", "portfolio.yaml")]


# --- what bundle refuses, check reports first, with the same code and path ---------------


def _agreement(root: Path) -> list[tuple[str, str]]:
    checked = sorted((d.code, d.path) for d in check([root], today=TODAY).diagnostics)
    plan = plan_bundle(root, date=TODAY)
    assert plan.refused
    assert sorted((d.code, d.path) for d in plan.report.diagnostics) == checked
    return checked


def _with_evidence(
    portfolio: Build, name: str, files: dict[str, str | bytes] | None = None
) -> Path:
    return portfolio({"entries/a.md": EVIDENCE.format(name), **(files or {})})


def test_evidence_linking_into_private(portfolio: Build) -> None:
    root = _with_evidence(portfolio, "cert.pdf", {"private/secret.pdf": b"%PDF"})
    (root / "evidence").mkdir()
    (root / "evidence" / "cert.pdf").symlink_to("../private/secret.pdf")
    assert _agreement(root) == [("IMH204", "entries/a.md")]


def test_evidence_linking_out_of_the_portfolio(portfolio: Build, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF")
    root = _with_evidence(portfolio, "cert.pdf")
    (root / "evidence").mkdir()
    (root / "evidence" / "cert.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    assert _agreement(root) == [("IMH204", "entries/a.md")]


def test_an_evidence_folder_holding_a_link_that_leaves(portfolio: Build, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.txt").write_text("outside\n")
    root = _with_evidence(portfolio, "notes", {"evidence/notes/one.txt": "fine\n"})
    (root / "evidence" / "notes" / "two.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert _agreement(root) == [("IMH204", "entries/a.md")]


@posix_only
def test_a_fifo_as_evidence(portfolio: Build) -> None:
    root = _with_evidence(portfolio, "pipe.pdf")
    (root / "evidence").mkdir()
    os.mkfifo(root / "evidence" / "pipe.pdf")
    assert _agreement(root) == [("IMH204", "entries/a.md")]


def test_an_evidence_name_with_a_bidi_override(portfolio: Build) -> None:
    root = _with_evidence(portfolio, "cv\u202efdp.exe", {"evidence/cv\u202efdp.exe": b"x"})
    assert _agreement(root) == [("IMH601", "entries/a.md")]


@pytest.mark.parametrize("what", ["framework", "requirements"])
def test_an_ignored_framework_or_profile_file(portfolio: Build, what: str) -> None:
    from imhcli.base.resources import bundled_framework, bundled_profile

    source = bundled_framework("imhcf-2019") if what == "framework" else None
    source = source or bundled_profile("imhcf-level-2")
    assert source is not None
    config = (
        PORTFOLIO_YAML.replace("imhcf-2019", "shared/mine.yaml")
        if what == "framework"
        else PORTFOLIO_YAML + "requirements: [shared/mine.yaml]\n"
    )
    files = {"entries/a.md": GOOD_ENTRY, "shared/mine.yaml": source.read_text("utf-8")}
    root = portfolio({**files, ".imhignore": "shared/\n"}, portfolio_yaml=config)
    assert _agreement(root) == [("IMH204", "portfolio.yaml")]


def test_a_dot_slash_evidence_path_is_accepted_by_both(portfolio: Build) -> None:
    entry = GOOD_ENTRY.replace("competencies:", "evidence: [./evidence/a.pdf]\ncompetencies:")
    root = portfolio({"entries/a.md": entry, "evidence/a.pdf": b"%PDF"})
    assert check([root], today=TODAY).diagnostics == []
    assert not plan_bundle(root, date=TODAY).refused


def test_more_files_than_verify_accepts(portfolio: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payload, "Limits", lambda: Limits(max_files=8))
    names = [f"evidence/{i}.txt" for i in range(4)]
    entry = GOOD_ENTRY.replace("competencies:", f"evidence: [{', '.join(names)}]\ncompetencies:")
    root = portfolio({"entries/a.md": entry, **dict.fromkeys(names, "x\n")})
    assert _agreement(root) == [("IMH602", "portfolio.yaml")]


def test_bundle_refuses_a_zip_verify_would_call_a_bomb(portfolio: Build, tmp_path: Path) -> None:
    root = _with_evidence(portfolio, "zeros.txt", {"evidence/zeros.txt": bytes(4 * 1024**2)})
    plan = plan_bundle(root, date=TODAY)
    assert not plan.refused
    with pytest.raises(BundleLimitError, match=r"zeros\.txt: expands"):
        write_bundle(plan, tmp_path / "out.zip")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


# --- numbers and edges -----------------------------------------------------------------------

CPD = "---\ntype: cpd\ntitle: A course\ndate: 2025-03-04\nhours: {}\n---\n\nNotes.\n"


@pytest.mark.parametrize("hours", [".inf", "-.inf", ".nan", "1e309", "1e300"])
def test_absurd_hours_are_findings_in_every_command(
    run: Run,
    portfolio: Build,
    hours: str,
) -> None:
    root = portfolio({"entries/a.md": CPD.format(hours)})
    ran = run("check", root, "--no-cache", expect=1)
    assert "IMH105" in ran.stdout and "hours" in ran.stdout
    commands: list[list[str | Path]] = [
        ["hours", root],
        ["requirements", root, "--profile", "nmc-revalidation"],
        ["report", root],
        ["gaps", root],
    ]
    for args in commands:
        assert run(*args, expect=None).exit_code in (0, 1), args
    ran = run("cohort", root.parent, "--format", "json", "--no-cache", expect=1)
    assert '"errors": 1' in ran.stdout


@pytest.mark.parametrize("value", [".inf", "1e309", "1e12"])
def test_absurd_numbers_in_a_profile_are_problems(run: Run, portfolio: Build, value: str) -> None:
    profile = (
        "id: mine\ntitle: Mine\nsource: here\nwindow: {kind: rolling, years: 1}\n"
        f"rules:\n  - {{id: h, kind: sum, filter: {{type: cpd}}, min: {value}, description: H}}\n"
    )
    config = PORTFOLIO_YAML + "requirements: [mine.yaml]\n"
    root = portfolio({"entries/a.md": GOOD_ENTRY, "mine.yaml": profile}, portfolio_yaml=config)
    assert "IMH205" in run("check", root, "--no-cache", expect=1).stdout
    ran = run("requirements", root, expect=2)
    assert "no greater than" in ran.stderr


def test_ratings_keys_of_one_competency_are_a_duplicate(portfolio: Build) -> None:
    entry = (
        "---\ntype: self-assessment\ntitle: Where I am\ndate: 2025-03-04\n"
        'ratings:\n  "1.04": working-towards\n  1.04: not-started\n---\n'
    )
    found = [
        (d.code, d.path, d.line) for d in check([portfolio({"entries/a.md": entry})]).diagnostics
    ]
    assert found == [("IMH107", "entries/a.md", 7)]


def test_a_link_on_the_command_line_is_reported_as_typed(
    run: Run,
    portfolio: Build,
    tmp_path: Path,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    (tmp_path / "secret.md").write_text("secret\n")
    (root / "entries" / "link.md").symlink_to(tmp_path / "secret.md")
    ran = run("check", "entries/link.md", "--no-cache", cwd=root, expect=1)
    assert "entries/link.md IMH109" in ran.stdout
    assert "secret" not in ran.stdout


@pytest.mark.parametrize("command", ["bundle", "report", "cohort"])
def test_output_into_a_missing_folder_is_exit_2(
    run: Run,
    portfolio: Build,
    tmp_path: Path,
    command: str,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    target = tmp_path / "missing" / "out.file"
    ran = run(command, root, "-o", target, expect=2)
    assert "is not a folder" in ran.stderr
    assert not (tmp_path / "missing").exists()


_SIGNALLED = """
import os, signal, sys, time
from pathlib import Path
from imhcli.cli import exit_cleanly_on_signals
from imhcli.base.files import atomic_writer
exit_cleanly_on_signals()
with atomic_writer(Path(sys.argv[1])) as handle:
    handle.write(b"half a bundle")
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    time.sleep(30)
"""


@posix_only
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    assert isinstance(getattr(signal, name), int)
    done = subprocess.run(
        [sys.executable, "-c", _SIGNALLED, str(tmp_path / "out.zip"), name],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0
    assert list(tmp_path.iterdir()) == []
