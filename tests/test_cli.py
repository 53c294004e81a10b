"""The `imh` command line, through typer's CliRunner (and a subprocess for -m)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from imhcli import __version__
from imhcli.cli.app import build
from imhcli.load.frameworks import load_framework
from imhcli.load.yaml_loaders import load_fast
from tests.conftest import GOOD_ENTRY, Run

ANSI = "\x1b["


@pytest.fixture
def initialised(run: Run, tmp_path: Path) -> Path:
    run("init", "p", "--level", "2", "--name", "Sam Example")
    return tmp_path / "p"


@functools.cache
def command_paths() -> list[tuple[str, ...]]:
    """Every command as the words that call it, groups and their subcommands alike."""
    found: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found.append((*path, name))
            walk(sub, (*path, name))

    walk(typer.main.get_command(build()), ())
    return found


def command_names() -> list[str]:
    return [path[0] for path in command_paths() if len(path) == 1]


def is_group(path: tuple[str, ...]) -> bool:
    return any(other[: len(path)] == path and other != path for other in command_paths())


def registered(app: typer.Typer, path: str = "imh") -> list[str]:
    """Every command as registered on the typer applications, duplicates kept."""
    names = [f"{path} {c.name or c.callback.__name__}" for c in app.registered_commands]  # type: ignore[union-attr]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names += registered(group.typer_instance, f"{path} {group.typer_instance.info.name}")
    return names


def test_building_the_app_again_registers_each_command_once() -> None:
    build()
    names = registered(build())
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert "imh review sign" in names


# --- version and help -----------------------------------------------------------


def test_version(run: Run) -> None:
    assert run("--version").stdout == f"imh {__version__}\n"


def test_python_m_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "imhcli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"imh {__version__}\n"


def test_help_lists_commands(run: Run) -> None:
    out = run("--help").stdout
    for name in command_names():
        assert name in out


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_command_help_has_examples(run: Run, path: tuple[str, ...]) -> None:
    out = run(*path, "--help").stdout
    if is_group(path):  # a group's help lists its commands, which have the examples
        subcommands = [p[-1] for p in command_paths() if p[:-1] == path]
        assert all(name in out for name in subcommands)
    else:
        assert "Examples" in out
        assert f"imh {' '.join(path)}" in out


def test_no_arguments_shows_help(run: Run) -> None:
    ran = run(expect=None)
    assert ran.exit_code in (0, 2)
    assert "Usage" in ran.stdout + ran.stderr


# --- init -----------------------------------------------------------------------


def test_init_creates_a_portfolio(run: Run, tmp_path: Path) -> None:
    ran = run("init", "p", "--level", "3", "--name", "Sam Example")
    root = tmp_path / "p"
    for rel in ("portfolio.yaml", "README.md", ".gitignore", "private/names.txt"):
        assert (root / rel).is_file(), rel
        assert rel in ran.stderr
    assert (root / "entries").is_dir() and (root / "evidence").is_dir()
    config = load_fast((root / "portfolio.yaml").read_text())
    assert config["level"] == 3
    assert config["practitioner"]["name"] == "Sam Example"
    assert "created" in ran.stderr
    run("check", "p")


def test_init_refuses_an_existing_portfolio(run: Run, initialised: Path) -> None:
    before = (initialised / "portfolio.yaml").read_text()
    ran = run("init", "p", "--level", "3", expect=2)
    assert "already exists" in ran.stderr
    assert "--force" in ran.stderr
    assert (initialised / "portfolio.yaml").read_text() == before


def test_init_dry_run_writes_nothing(run: Run, tmp_path: Path) -> None:
    ran = run("init", "p", "--dry-run", "--name", "Sam")
    assert not (tmp_path / "p").exists()
    assert "would create" in ran.stderr
    assert "portfolio.yaml" in ran.stderr


def test_init_force_keeps_the_practitioners_files(run: Run, initialised: Path) -> None:
    (initialised / "README.md").write_text("my own notes\n")
    (initialised / ".gitignore").write_text("mine/\n")
    ran = run("init", "p", "--level", "3", "--name", "Sam", "--force")
    assert (initialised / "README.md").read_text() == "my own notes\n"
    assert (initialised / ".gitignore").read_text() == "mine/\n"
    assert load_fast((initialised / "portfolio.yaml").read_text())["level"] == 3
    assert "replaced" in ran.stderr
    assert "kept" in ran.stderr and "README.md" in ran.stderr


def test_init_unknown_level(run: Run, tmp_path: Path) -> None:
    ran = run("init", "p", "--level", "4", expect=2)
    assert "level" in ran.stderr
    assert not (tmp_path / "p").exists()


# --- new ------------------------------------------------------------------------


def test_new_prints_the_path(run: Run, initialised: Path) -> None:
    ran = run(
        "new", "reflection", "A first visit", "--date", "2025-03-04", "-c", "1.04", cwd=initialised
    )
    path = Path(ran.stdout.strip())
    assert path.is_file()
    assert path.name == "2025-03-04-a-first-visit.md"
    assert path.parent == initialised / "entries" / "2025"
    assert ran.stdout.count("\n") == 1


def test_new_adds_a_number_on_a_clash(run: Run, initialised: Path) -> None:
    args = ("new", "practice", "A home visit", "--date", "2025-03-04")
    first = Path(run(*args, cwd=initialised).stdout.strip())
    second = Path(run(*args, cwd=initialised).stdout.strip())
    assert first.name == "2025-03-04-a-home-visit.md"
    assert second.name == "2025-03-04-a-home-visit-2.md"


def test_new_unknown_competency(run: Run, initialised: Path) -> None:
    ran = run("new", "reflection", "x", "-c", "1.11", cwd=initialised, expect=2)
    assert "1.11" in ran.stderr
    assert "did you mean" in ran.stderr
    assert not list((initialised / "entries").rglob("*.md"))


def test_an_unknown_model_is_refused_with_the_list(run: Run, initialised: Path) -> None:
    ran = run("new", "reflection", "x", "--model", "Borton", cwd=initialised, expect=2)
    assert "unknown reflective model 'Borton'" in ran.stderr
    assert "Gibbs, Driscoll, Kolb, Rolfe, Johns, Schön, NMC" in ran.stderr
    assert list((initialised / "entries").rglob("*.md")) == []


def test_help_lists_the_models(run: Run) -> None:
    assert "Schön" in run("new", "--help").stdout


def test_new_unquoted_style_competency(run: Run, initialised: Path) -> None:
    # 1.1 is 1.10 as a YAML number, and easily meant as 1.01: imh new asks which
    ran = run(
        "new", "reflection", "x", "-c", "1.1", "--date", "2025-01-01", cwd=initialised, expect=2
    )
    assert "ambiguous: 1.10 or 1.01" in ran.stderr


def test_new_self_assessment_lists_the_level(run: Run, initialised: Path) -> None:
    ran = run("new", "self-assessment", "--date", "2025-03-04", cwd=initialised)
    text = Path(ran.stdout.strip()).read_text()
    front = load_fast(text.split("---\n")[1])
    wanted = [c.id for c in load_framework("imhcf-2019").at_level(2)]
    assert list(front["ratings"]) == wanted
    assert set(front["ratings"].values()) == {"not-started"}


@pytest.mark.parametrize(
    "args",
    [
        ("reflection", "x", "--hours", "1", "--kind", "reflective"),
        ("practice", "x", "--activity", "course"),
        ("cpd", "x", "--hours", "2", "--source", "parent"),
        ("plan", "x", "--setting", "clinic"),
    ],
)
def test_new_option_of_another_type(run: Run, initialised: Path, args: tuple[str, ...]) -> None:
    ran = run("new", *args, cwd=initialised, expect=2)
    assert "entries" in ran.stderr
    assert not list((initialised / "entries").rglob("*.md"))


def test_new_with_portfolio_option(run: Run, initialised: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ran = run("new", "plan", "Observe a session", "--portfolio", initialised, cwd=elsewhere)
    assert Path(ran.stdout.strip()).is_relative_to(initialised)


def test_new_outside_a_portfolio(run: Run) -> None:
    ran = run("new", "reflection", "x", expect=2)
    assert "portfolio" in ran.stderr


def test_new_bad_date(run: Run, initialised: Path) -> None:
    ran = run("new", "reflection", "x", "--date", "04/03/2025", cwd=initialised, expect=2)
    assert "YYYY-MM-DD" in ran.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("reflection", "A reflection", "--model", "Driscoll", "-c", "6.01"),
        ("practice", "A visit", "--setting", "Home"),
        ("cpd", "A course", "--hours", "6", "--activity", "course", "--participatory"),
        ("supervision", "Supervision", "--hours", "1.5", "--kind", "reflective"),
        ("feedback", "A card", "--source", "parent"),
        ("discussion", "Revalidation", "--with-role", "Health visitor"),
        ("self-assessment",),
        ("plan", "A goal", "--due", "2027-01-31"),
    ],
)
def test_new_entries_check_clean(run: Run, initialised: Path, args: tuple[str, ...]) -> None:
    written = Path(run("new", *args, "--date", "2025-03-04", cwd=initialised).stdout.strip())
    with written.open("a", encoding="utf-8") as f:
        f.write("\nWords of my own.\n")  # as the practitioner would: left empty, it is IMH110
    run("check", "--strict", cwd=initialised)


# --- check ----------------------------------------------------------------------


def write_entry(root: Path, name: str, text: str) -> Path:
    path = root / "entries" / name
    path.write_text(text)
    return path


def test_check_clean_exits_0(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", GOOD_ENTRY)
    ran = run("check", cwd=initialised)
    assert "No problems" in ran.stdout


def test_check_errors_exit_1(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", "no front matter\n")
    ran = run("check", "p", expect=1)
    assert "IMH103" in ran.stdout
    assert "p/entries/a.md:1:1" in ran.stdout


def test_check_warnings_exit_0_unless_strict(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", GOOD_ENTRY.replace("---\n\n", "mood: calm\n---\n\n"))
    assert "IMH106" in run("check", "p").stdout
    run("check", "p", "--strict", expect=1)


def test_check_missing_path_exits_2(run: Run) -> None:
    ran = run("check", "no-such-folder", expect=2)
    assert "no-such-folder" in ran.stderr
    assert ran.stdout == ""


def test_check_folder_without_portfolio(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "IMH101" in run("check", "empty", expect=1).stdout


def test_check_unknown_format_exits_2(run: Run, initialised: Path) -> None:
    run("check", "p", "--format", "yaml", expect=2)


def test_check_one_file(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", "no front matter\n")
    good = write_entry(initialised, "b.md", GOOD_ENTRY)
    ran = run("check", good)
    assert "a.md" not in ran.stdout


def test_check_folder_of_portfolios(run: Run, tmp_path: Path) -> None:
    run("init", "cohort/one", "--name", "A")
    run("init", "cohort/two", "--name", "B")
    write_entry(tmp_path / "cohort" / "two", "a.md", "no front matter\n")
    ran = run("check", "cohort", "--format", "json", expect=1)
    summary = json.loads(ran.stdout)["summary"]
    assert summary["portfolios"] == 2
    assert summary["errors"] == 1


def test_check_json_shape(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", GOOD_ENTRY.replace("---\n\n", "mood: calm\n---\n\n"))
    write_entry(initialised, "b.md", "no front matter\n")
    data = json.loads(run("check", "p", "--format", "json", expect=1).stdout)
    assert list(data) == ["diagnostics", "summary"]
    assert list(data["summary"]) == ["portfolios", "files", "errors", "warnings"]
    assert data["summary"] == {"portfolios": 1, "files": 3, "errors": 1, "warnings": 1}
    keys = ["portfolio", "path", "line", "column", "code", "severity", "message", "hint"]
    for diag in data["diagnostics"]:
        assert list(diag) == keys
    first, second = data["diagnostics"]
    assert first["portfolio"] == "p"
    assert (first["path"], first["line"], first["column"]) == ("entries/a.md", 6, 1)
    assert (first["code"], first["severity"]) == ("IMH106", "warning")
    assert isinstance(first["message"], str) and isinstance(first["hint"], str)
    assert (second["code"], second["severity"]) == ("IMH103", "error")


def test_check_json_nulls(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    data = json.loads(run("check", "empty", "--format", "json", expect=1).stdout)
    assert data["diagnostics"][0]["line"] is None
    assert data["diagnostics"][0]["column"] is None


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--color", "never"), {}),
        ((), {"NO_COLOR": "1"}),
        ((), {}),  # not a terminal
    ],
)
def test_no_colour(run: Run, initialised: Path, args: tuple[str, ...], env: dict[str, str]) -> None:
    write_entry(initialised, "a.md", "no front matter\n")
    ran = run("check", "p", *args, env=env, expect=1)
    assert ANSI not in ran.stdout + ran.stderr


def test_colour_always(run: Run, initialised: Path) -> None:
    write_entry(initialised, "a.md", "no front matter\n")
    ran = run("check", "p", "--color", "always", env={"NO_COLOR": "1"}, expect=1)
    assert ANSI in ran.stdout


def test_errors_have_no_colour(run: Run) -> None:
    ran = run("check", "missing", env={"NO_COLOR": "1"}, expect=2)
    assert ANSI not in ran.stderr
    assert "error" in ran.stderr


# --- schema ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["portfolio", "entry", "framework"])
def test_schema_is_json(run: Run, kind: str) -> None:
    data = json.loads(run("schema", kind).stdout)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_unknown_kind(run: Run) -> None:
    run("schema", "bundle", expect=2)


def test_check_name_not_utf8_with_cache(run: Run, initialised: Path) -> None:
    import os

    with open(os.fsencode(initialised / "entries") + b"/caf\xe9.md", "wb") as handle:
        handle.write(b"no front matter\n")
    for _ in range(2):  # the first run fills the cache, the second reads it
        ran = run("check", "p", "--format", "json", expect=1)
        codes = [d["code"] for d in json.loads(ran.stdout)["diagnostics"]]
        assert codes == ["IMH108"]
