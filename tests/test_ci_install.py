"""The CI examples install imh from its repository, pinned, and that install step works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from imhcli.load.yaml_loaders import load_fast

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / "examples" / "ci"
INSTALL = 'pip install "git+${IMH_REPOSITORY}@${IMH_REF}"'


def _settings() -> list[tuple[str, dict[str, str], list[str]]]:
    """(file, its IMH_* variables, its shell lines) for each CI example."""
    github = load_fast((CI / "github-actions.yml").read_text(encoding="utf-8"))
    gitlab = load_fast((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert isinstance(github, dict) and isinstance(gitlab, dict)
    steps = [s for job in github["jobs"].values() for s in job["steps"]]
    github_lines = [line for s in steps for line in str(s.get("run", "")).splitlines()]
    job = gitlab["imh"]
    gitlab_lines = [*job["before_script"], *job["script"]]
    return [
        ("github-actions.yml", github["env"], github_lines),
        ("gitlab-ci.yml", job["variables"], gitlab_lines),
    ]


def test_ci_examples_install_from_the_repository_pinned() -> None:
    """Never `pip install imh` (not on the index): the repository at a tag or a commit."""
    for name, variables, lines in _settings():
        assert INSTALL in lines, name
        assert not any(re.fullmatch(r"pip install imh\b.*", line) for line in lines), name
        assert variables["IMH_REPOSITORY"].startswith("https://"), name
        ref = variables["IMH_REF"]
        assert re.fullmatch(r"v\d+\.\d+\.\d+|[0-9a-f]{40}", ref), f"{name}: {ref} is not pinned"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_install_step_works_against_a_local_clone(tmp_path: Path) -> None:
    """The examples' own install line, run by a shell in a fresh venv, from a clone at the tag.

    The venv borrows pip and imh's dependencies from the environment running the
    tests (linked in, imh itself left out), so the line fetches and builds only imh:
    what this test is about. Installing the dependencies again from the index would
    take most of ten seconds and test pip, not imh.
    """
    ref = _settings()[0][1]["IMH_REF"]
    clone = tmp_path / "imh"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "tag", ref], check=True)
    venv = _venv_with_borrowed_dependencies(tmp_path)
    env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "IMH_REPOSITORY": clone.as_uri(),
        "IMH_REF": ref,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", "-c", INSTALL], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    version = subprocess.run(
        [str(venv / "bin" / "imh"), "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("imh ")
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import imhcli; print(imhcli.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), "imh must come from the new install"


def _venv_with_borrowed_dependencies(tmp_path: Path) -> Path:
    """A new venv whose path holds links to this environment's packages, except imh's own."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    borrowed = tmp_path / "borrowed"
    borrowed.mkdir()
    for folder in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}:
        for item in Path(folder).iterdir():
            own = item.name.startswith(("imh", "_editable_impl_imh", "__editable__"))
            if not own and item.suffix != ".pth" and not (borrowed / item.name).exists():
                (borrowed / item.name).symlink_to(item)
    site = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "borrowed.pth").write_text(f"{borrowed}\n", encoding="utf-8")
    pip = venv / "bin" / "pip"
    pip.write_text(
        f"#!{venv / 'bin' / 'python'}\nimport sys\nfrom pip._internal.cli.main import main\n"
        "sys.exit(main())\n",
        encoding="utf-8",
    )
    pip.chmod(0o755)
    return venv
