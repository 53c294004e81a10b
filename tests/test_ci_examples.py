"""The CI examples and the pre-commit hook: they parse, and their `imh` commands work."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from imhcli.load.yaml_loaders import load_fast
from tests.conftest import GOOD_ENTRY, Ran, Run, write_portfolio
from tests.test_ci_formats import BAD_ENTRY

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CI = EXAMPLES / "ci"


def load_yaml(path: Path) -> object:
    return load_fast(path.read_text(encoding="utf-8"))


def imh_lines(script: str) -> Iterator[str]:
    for line in script.splitlines():
        line = line.strip()
        if line.startswith("imh "):
            yield line


def github_commands() -> list[str]:
    workflow = load_yaml(CI / "github-actions.yml")
    assert isinstance(workflow, dict)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return [line for step in steps for line in imh_lines(step.get("run", ""))]


def gitlab_commands() -> list[str]:
    config = load_yaml(CI / "gitlab-ci.yml")
    assert isinstance(config, dict)
    return [line for line in config["imh"]["script"] for line in imh_lines(line)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the three example portfolios."""
    for example in EXAMPLES.iterdir():
        if (example / "portfolio.yaml").is_file():
            shutil.copytree(example, tmp_path / "portfolios" / example.name)
    return tmp_path


def run_line(run: Run, line: str, cwd: Path, env: dict[str, str]) -> Ran:
    """Run one shell line of the form `imh ARGS [> FILE] [|| true]` as the shell would."""
    tolerant = line.endswith("|| true")
    line = line.removesuffix("|| true").strip()
    command, _, redirect = line.partition(">")
    args = shlex.split(command)[1:]
    ran = run(*args, cwd=cwd, env=env, expect=None)
    assert ran.exit_code == 0 or (tolerant and ran.exit_code == 1), str(ran)
    if redirect:
        (cwd / redirect.strip()).write_text(ran.stdout, encoding="utf-8")
    return ran


def test_the_examples_have_imh_commands() -> None:
    assert len(github_commands()) >= 3
    assert len(gitlab_commands()) >= 3


def test_github_actions_commands_run(run: Run, repo: Path) -> None:
    summary = repo / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    for line in github_commands():
        run_line(run, line, repo, env)
    assert (repo / "cohort.csv").read_text(encoding="utf-8").startswith("path,kind,")
    assert '"version": "2.1.0"' in (repo / "imh.sarif").read_text(encoding="utf-8")
    assert "## imh cohort" in summary.read_text(encoding="utf-8")


def test_gitlab_commands_run(run: Run, repo: Path) -> None:
    for line in gitlab_commands():
        run_line(run, line, repo, {"GITHUB_ACTIONS": ""})
    junit = (repo / "imh-junit.xml").read_text(encoding="utf-8")
    assert junit.count("<testsuite ") == 3


def test_the_gitlab_report_paths_are_what_the_commands_write() -> None:
    config = load_yaml(CI / "gitlab-ci.yml")
    assert isinstance(config, dict)
    artifacts = config["imh"]["artifacts"]
    written = " ".join(config["imh"]["script"])
    assert f"--output {artifacts['reports']['junit']}" in written
    for path in artifacts["paths"]:
        assert f"--output {path}" in written


# --- pre-commit ------------------------------------------------------------------


def hook() -> dict[str, object]:
    hooks = load_yaml(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h["id"] == "imh-check"]
    for key in ("name", "entry", "language"):
        assert key in found
    return dict(found)


def hook_command(changed: list[str]) -> list[str]:
    """What pre-commit runs for these changed files: the entry, then the matching files."""
    found = hook()
    pattern = re.compile(str(found.get("files", "")))
    matching = [f for f in changed if pattern.search(f)]
    return [*shlex.split(str(found["entry"]))[1:], *matching]


def test_the_hook_checks_each_touched_portfolio_once_and_whole(
    run: Run,
    tmp_path: Path,
) -> None:
    write_portfolio(tmp_path / "a", {"entries/ok.md": GOOD_ENTRY, "entries/bad.md": BAD_ENTRY})
    write_portfolio(tmp_path / "b", {"entries/ok.md": GOOD_ENTRY})
    write_portfolio(tmp_path / "c", {"entries/bad.md": BAD_ENTRY})
    (tmp_path / "README.md").write_text("# Our cohort\n", encoding="utf-8")
    changed = ["a/entries/ok.md", "a/portfolio.yaml", "b/evidence/x.pdf", "README.md"]
    (tmp_path / "b" / "evidence").mkdir()
    (tmp_path / "b" / "evidence" / "x.pdf").write_bytes(b"%PDF")
    ran = run(*hook_command(changed), "--format", "json", expect=1)
    report = json.loads(ran.stdout)
    assert report["summary"]["portfolios"] == 2
    assert {d["portfolio"] for d in report["diagnostics"]} == {"a"}
    assert {d["path"] for d in report["diagnostics"]} == {"entries/bad.md"}


def test_the_hook_passes_when_no_portfolio_file_changed(run: Run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    run(*hook_command(["README.md"]), expect=0)


def test_the_hook_sees_what_a_renamed_evidence_file_breaks(run: Run, tmp_path: Path) -> None:
    entry = GOOD_ENTRY.replace("competencies:", "evidence: [evidence/cert.pdf]\ncompetencies:")
    write_portfolio(tmp_path / "a", {"entries/ok.md": entry, "evidence/cert2.pdf": b"%PDF"})
    ran = run(*hook_command(["a/evidence/cert2.pdf"]), "--format", "json", expect=1)
    (finding,) = json.loads(ran.stdout)["diagnostics"]
    assert (finding["code"], finding["path"]) == ("IMH203", "entries/ok.md")
