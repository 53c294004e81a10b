"""`imh new` refuses what `imh check` rejects: same code, same words, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imhcli.check.run import check
from imhcli.scaffold.new import init_portfolio
from tests.conftest import Run


@pytest.fixture
def root(tmp_path: Path) -> Path:
    init_portfolio(tmp_path / "p", level=2, name="Sam Example")
    return tmp_path / "p"


def written(root: Path) -> list[Path]:
    return sorted((root / "entries").rglob("*.md"))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("practice", "A month of visits", "--hours", "112.5"), "IMH303"),
        (("cpd", "A course", "--hours", "6", "--end", "2025-03-01"), "IMH302"),
        (("reflection", "A reflection", "-c", "9.99"), "IMH201"),
        (("reflection", "A reflection", "-c", "2.1"), "IMH201"),
    ],
)
def test_new_refuses_with_the_checks_own_words(
    run: Run, root: Path, args: tuple[str, ...], code: str
) -> None:
    ran = run("new", *args, "--date", "2025-03-04", "--portfolio", root, expect=2)
    assert f"refused to write the entry: {code}" in ran.stderr
    assert "nothing was written" in ran.stderr and written(root) == []
    # the same entry, written by hand, gets the same finding from `imh check`
    said = ran.stderr.split("error: refused to write the entry: ", 1)[1]
    message = said.split(f"{code} ", 1)[1].split("; nothing was written")[0]
    entry = root / "entries" / "by-hand.md"
    entry.write_text(_by_hand(args), encoding="utf-8")
    found = [(d.code, d.message) for d in check([root]).diagnostics if d.severity == "error"]
    assert found == [(code, message)]


def _by_hand(args: tuple[str, ...]) -> str:
    entry_type, title, *options = args
    pairs = dict(zip(options[::2], options[1::2], strict=True))
    lines = ["---", f"type: {entry_type}", f"title: {title}", "date: 2025-03-04"]
    if "--hours" in pairs:
        lines.append(f"hours: {pairs['--hours']}")
    if "--end" in pairs:
        lines.append(f"end: {pairs['--end']}")
    if "-c" in pairs:
        lines.append(f'competencies: ["{pairs["-c"]}"]')
    return "\n".join([*lines, "---", "", "My own words.", ""])


def test_an_ambiguous_id_is_refused_with_both_readings(run: Run, root: Path) -> None:
    ran = run("new", "reflection", "x", "-c", "1.1", "--portfolio", root, expect=2)
    assert "1.10 or 1.01" in ran.stderr and written(root) == []
    run("new", "reflection", "x", "-c", "1.10", "--portfolio", root)
    assert len(written(root)) == 1


def test_a_future_date_is_written_with_a_warning(run: Run, root: Path) -> None:
    day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ran = run("new", "practice", "Planned visit", "--date", day, "--portfolio", root)
    assert "warning: IMH301" in ran.stderr and "is in the future" in ran.stderr
    assert len(written(root)) == 1


def test_the_cli_choices_are_the_models_values() -> None:
    from typing import get_args

    from imhcli.cli import options
    from imhcli.models import entries, entry_types

    def values(enum: Any) -> list[str]:
        return [str(m.value) for m in enum]

    assert values(options.EntryType) == list(entries.ENTRY_TYPES)
    assert values(options.SupervisionKind) == list(entries.supervision_kinds())
    assert values(options.SupervisionMode) == list(get_args(entry_types.SupervisionMode))
    assert values(options.Register) == list(get_args(entry_types.Register))
    assert values(options.RegisterPart) == list(get_args(entry_types.RegisterPart))


def test_new_writes_the_format_1_1_types_and_fields(run: Run, root: Path) -> None:
    (root / "evidence" / "form.pdf").write_bytes(b"%PDF-1.4\n")
    for args in (
        ("break", "Parental leave", "--end", "2025-06-30", "--reason", "Parental leave"),
        (
            "confirmation",
            "Confirmation",
            "--confirmer-register",
            "NMC",
            "--form",
            "evidence/form.pdf",
        ),
        ("discussion", "Discussion", "--partner-register", "NMC", "--form", "evidence/form.pdf"),
        ("supervision", "RSC", "--hours", "1", "--kind", "reflective", "--mode", "group"),
        ("practice", "Visits", "--hours", "7", "--register-part", "scphn"),
    ):
        run("new", *args, "--date", "2025-03-04", "--portfolio", root)
    texts = "\n".join(p.read_text(encoding="utf-8") for p in written(root))
    for line in (
        "reason: Parental leave",
        "confirmer_register: NMC",
        "partner_register: NMC",
        "form: evidence/form.pdf",
        "mode: group",
        "register_part: scphn",
    ):
        assert line in texts
    errors = [d for d in check([root]).diagnostics if d.severity == "error"]
    assert errors == []
