"""Shared helpers: build portfolios in tmp_path, compare findings, run the CLI."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from imhcli.cli.app import build
from imhcli.diagnostics import CheckReport, Diagnostic


def _scratch_in_memory() -> None:
    """Put the tests' temporary folders on Linux's RAM disk when there is one.

    A run writes some 75 MB in about 12,000 files and 4,000 folders, many of them
    synced by imh's atomic writes; in memory that takes a tenth of the suite's time
    off. A root the user chose (PYTEST_DEBUG_TEMPROOT, pytest's own setting) wins.
    """
    shm = Path("/dev/shm")
    if "PYTEST_DEBUG_TEMPROOT" in os.environ or not shm.is_dir() or not os.access(shm, os.W_OK):
        return
    if shutil.disk_usage(shm).free > 1 << 30:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


_scratch_in_memory()

#: The "today" every data-driven case is checked on, so future-date cases stay put.
TODAY = dt.date(2026, 6, 30)
CASES = Path(__file__).parent / "cases"

PORTFOLIO_YAML = """\
format: 1
framework: imhcf-2019
level: 2
practitioner:
  name: Sam Example
"""

GOOD_ENTRY = """\
---
type: reflection
title: A reflection on a new birth visit
date: 2025-03-04
competencies: ["1.04"]
---

What I noticed, and what I will do next.
"""


def write_portfolio(
    root: Path, files: Mapping[str, str | bytes], *, portfolio_yaml: str | None = PORTFOLIO_YAML
) -> Path:
    """Write a portfolio: ``files`` maps POSIX paths to text (written as is) or bytes."""
    root.mkdir(parents=True, exist_ok=True)
    if portfolio_yaml is not None:
        (root / "portfolio.yaml").write_text(portfolio_yaml, encoding="utf-8", newline="")
    (root / "entries").mkdir(exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def copy_case(case: Path, dest: Path) -> Path:
    """Copy a case folder (without its expected.yaml) to ``dest``."""
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expected.yaml"))
    return dest


def located(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int | None]]:
    return sorted(((d.code, d.path, d.line) for d in diagnostics), key=str)


def assert_findings(report: CheckReport, expected: list[dict[str, Any]]) -> None:
    """Exactly the expected findings appear: code, path and line (and column, hints if given)."""
    actual = report.diagnostics
    shown = "\n".join(
        f"  {d.code} {d.path}:{d.line}:{d.column} {d.message} (hint: {d.hint})" for d in actual
    )
    want = sorted(((e["code"], e["path"], e["line"]) for e in expected), key=str)
    assert located(actual) == want, f"findings were:\n{shown}"
    for exp in expected:
        diag = next(
            d for d in actual if (d.code, d.path, d.line) == (exp["code"], exp["path"], exp["line"])
        )
        if "column" in exp:
            assert diag.column == exp["column"], f"column of {exp}; findings were:\n{shown}"
        if "hint_contains" in exp:
            assert exp["hint_contains"] in (diag.hint or ""), f"hint of {exp}:\n{shown}"
        if "message_contains" in exp:
            assert exp["message_contains"] in diag.message, f"message of {exp}:\n{shown}"


@pytest.fixture
def portfolio(tmp_path: Path) -> Callable[..., Path]:
    """Build a portfolio from a dict of files: ``portfolio({"entries/a.md": "..."})``."""

    def build(
        files: Mapping[str, str | bytes] | None = None,
        *,
        portfolio_yaml: str | None = PORTFOLIO_YAML,
        name: str = "p",
    ) -> Path:
        return write_portfolio(tmp_path / name, files or {}, portfolio_yaml=portfolio_yaml)

    return build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first (marked slow, then browser), the rest in their order: a parallel
    run then ends with short tests that any free worker can take, not one long one."""

    def weight(item: pytest.Item) -> int:
        return (
            0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        )

    items.sort(key=weight)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the run; tests open pages in contexts of their own."""
    from tests.browser import launched

    with launched() as browser:
        yield browser


# --- the command line ------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Ran:
    """What one `imh` invocation did; it shows everything, for failing asserts."""

    args: Sequence[str]
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"imh {' '.join(self.args)} -> exit {self.exit_code}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )

    __repr__ = __str__


class Run(Protocol):
    """The ``run`` fixture: ``run("check", path, expect=1)``."""

    def __call__(
        self,
        *args: str | Path,
        expect: int | None = 0,
        cwd: Path | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Ran: ...


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run ``imh ARGS`` in-process and check its exit code against ``expect`` (None: any).

    Commands run in ``tmp_path`` unless the test moved elsewhere (or ``cwd`` is given
    for one call), without colour settings or GitHub Actions from the environment.
    """
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    # typer turns the application into a click command on every invoke (some 30 ms);
    # the application is the same in every test, so it is built and turned once.
    monkeypatch.setattr(typer.testing, "_get_command", _command)

    def invoke(
        *args: str | Path,
        expect: int | None = 0,
        cwd: Path | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Ran:
        argv = [str(a) for a in args]
        with _inside(cwd):
            result = CliRunner().invoke(_application(), argv, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        ran = Ran(argv, result.exit_code, result.stdout, result.stderr)
        if expect is not None:
            assert ran.exit_code == expect, str(ran)
        return ran

    return invoke


_application = functools.cache(build)
_command = functools.cache(typer.main.get_command)


@contextmanager
def _inside(folder: Path | None) -> Iterator[None]:
    if folder is None:
        yield
        return
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)
