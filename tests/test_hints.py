"""Every option imh names in a message, hint or help text is one of its own options."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from imhcli.cli.app import build
from imhcli.packs.pdf import FLAGS
from tests.conftest import Run

PACKAGE = Path(__file__).resolve().parent.parent / "imhcli"
#: Double-dash words that are not imh's options: other tools' flags, CSS custom properties.
#: Options of other programs that imh's code names: git's, check-jsonschema's, Chromium's.
NOT_OURS = {"--help", "--cached", "--schemafile", *FLAGS}
CSS_VARIABLE = re.compile(r"--[a-z-]+:|var\(--")


def _options(command: Any) -> set[str]:
    found = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    for sub in getattr(command, "commands", {}).values():
        found |= _options(sub)
    return found


def test_every_named_option_exists() -> None:
    options = _options(typer.main.get_command(build()))
    unknown = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if CSS_VARIABLE.search(line):
                continue
            for name in re.findall(r"(?<![\w-])--[a-z][a-z-]+", line):
                if name not in options | NOT_OURS:
                    unknown.append(f"{path.relative_to(PACKAGE)}:{number} {name}")
    assert unknown == []


def test_every_command_reading_one_portfolio_takes_path_and_portfolio() -> None:
    app = typer.main.get_command(build())
    for name in ("gaps", "hours", "requirements", "report", "bundle", "status", "calendar"):
        params = app.commands[name].params  # type: ignore[attr-defined]
        assert any(p.name == "path" for p in params), name
        assert any("--portfolio" in p.opts for p in params), name


def test_path_and_portfolio_are_the_same(run: Run, tmp_path: Path) -> None:
    from tests.builders import cpd, write

    root = write(tmp_path / "p", {"c": cpd("2025-01-01", 2)})
    other = write(tmp_path / "q", {})
    by_path = run("hours", root, "-f", "json").stdout
    assert run("hours", "--portfolio", root, "-f", "json").stdout == by_path
    assert run("hours", root, "--portfolio", root, "-f", "json").stdout == by_path
    ran = run("hours", root, "--portfolio", other, expect=2)
    assert "give the portfolio once" in ran.stderr
    ran = run("gaps", tmp_path, expect=2)
    assert "pass --portfolio PATH" in ran.stderr  # and gaps has --portfolio
