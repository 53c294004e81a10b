"""The docs must match the code they describe."""

from __future__ import annotations

import re
from pathlib import Path

from imhcli.cli.app import build
from imhcli.codes import CODES
from imhcli.output import codes_doc as docgen

ROOT = Path(__file__).resolve().parent.parent


def test_codes_page_is_current() -> None:
    committed = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert committed == docgen.render(), (
        "docs/codes.md is stale: run `python -m imhcli.output.codes_doc`"
    )


def test_every_code_is_documented() -> None:
    page = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| {code} |" in page


def test_readme_describes_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = sorted(_command_names())
    assert commands, "the CLI registers no commands"
    missing = [name for name in commands if not re.search(rf"`imh {name}\b", readme)]
    assert not missing, f"README.md does not describe: {missing}"


def test_changelog_has_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog


def _command_names() -> list[str]:
    app = build()
    return [
        info.name or (info.callback.__name__ if info.callback else "")
        for info in app.registered_commands
    ] + [group.name or "" for group in app.registered_groups]
