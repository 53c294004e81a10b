"""Hostile review files give findings, never a traceback: the robustness entries have."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from imhcli.codes import CODES
from imhcli.load.review import MAX_REVIEW_BYTES, parse_review
from imhcli.review.check import check_review
from tests.conftest import Run

ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (ALIAS_BOMB.encode(), "IMH102"),
        (b"a: " + b"[" * 50_000 + b"]" * 50_000, "IMH102"),
        (b"- " * 20_000 + b"x", "IMH102"),
        (b"competencies:\n" + b"  " * 5_000 + b"x: 1\n", None),
        (b"a: '" + b"x" * (MAX_REVIEW_BYTES + 10) + b"'\n", "IMH109"),
        (b"\xff\xfeu\x00t\x00f\x00", "IMH108"),
        (b"- just\n- a list\n", "IMH101"),
        (b"", "IMH101"),
        (b"state: signed-off\nstate: in-review\n", "IMH107"),
        (b"format: 1\ndate: 2026-02-30\n", "IMH104"),
        (b"a: \x07\n", "IMH102"),
    ],
    ids=[
        "aliases",
        "deep-flow",
        "deep-block",
        "deep-indent",
        "huge-line",
        "utf16",
        "a-list",
        "empty",
        "duplicate-key",
        "impossible-date",
        "control-char",
    ],
)
def test_hostile_review_gives_a_finding(
    run: Run, tmp_path: Path, raw: bytes, code: str | None
) -> None:
    path = tmp_path / "review.yaml"
    path.write_bytes(raw)
    diags = check_review(path).report.diagnostics
    assert diags, "a hostile file must give at least one finding"
    if code is not None:
        assert code in {d.code for d in diags}
    assert all(d.line is not None for d in diags)
    ran = run("review", "check", path, "--format", "json", expect=1)
    assert ran.stdout.startswith("{")


def test_a_long_comment_line_under_the_limit_is_read(tmp_path: Path) -> None:
    raw = b"# " + b"x" * (MAX_REVIEW_BYTES - 100) + b"\nformat: 1\n"
    review = parse_review(raw, name="r.yaml")
    assert [f.code for f in review.findings] == ["IMH104"] * len(review.findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@example(b"(:")  # a mapping with none of the required keys: each missing key at line 1
def test_no_bytes_make_reading_a_review_crash(raw: bytes) -> None:
    review = parse_review(raw, name="r.yaml")
    assert all(f.code in CODES for f in review.findings)
    assert all(f.line is not None or f.loc for f in review.findings)
    assert review.model is not None or review.findings
