"""No input makes `imh check` crash: every odd file gives a diagnostic or is skipped.

Property tests use modest example counts so the suite stays fast. Inputs that
could crash the interpreter itself (deep nesting in the C parser) run in a
subprocess, so a segfault fails the test instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.check.run import check
from imhcli.codes import CODES
from tests.conftest import PORTFOLIO_YAML, TODAY, write_portfolio

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
E = "entries/entry.md"


def check_one(root: Path, files: dict[str, str | bytes]) -> list[str]:
    """Write ``files`` into a fresh portfolio at ``root``, check it, return the codes."""
    for path in (root / "entries").glob("*"):
        path.unlink()
    write_portfolio(root, files)
    report = check([root], today=TODAY)
    for diag in report.diagnostics:
        assert diag.code in CODES
        assert diag.message
        assert diag.line is None or diag.line >= 1
        assert diag.column is None or diag.column >= 1
    return [d.code for d in report.diagnostics]


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    codes = check_one(tmp_path / "p", {E: raw})
    assert codes, "random bytes are never a valid entry"


@SETTINGS
@given(st.binary(max_size=500))
def test_random_bytes_after_a_fence(tmp_path: Path, raw: bytes) -> None:
    check_one(tmp_path / "p", {E: b"---\n" + raw + b"\n---\nbody\n"})


@SETTINGS
@given(st.text(max_size=500))
def test_random_text_in_front_matter(tmp_path: Path, text: str) -> None:
    check_one(tmp_path / "p", {E: f"---\n{text}\n---\n\nBody.\n"})


YAML_BITS = st.sampled_from(
    [
        "type:",
        " reflection",
        " cpd",
        "title:",
        " A",
        "date:",
        " 2025-03-04",
        " 2025-02-30",
        "hours:",
        " 1.5",
        " -1",
        " .inf",
        " .nan",
        "competencies:",
        " [1.1",
        ", 1.04",
        "]",
        "ratings:",
        "\n  ",
        "1.01: achieved",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "&a",
        "*a",
        "!!binary",
        "!!python/object:os.system",
        "!!timestamp",
        " ",
        "\n",
        "\t",
        ":",
        "'",
        '"',
        "#",
        "|",
        ">",
        "? ",
        "---",
        "...",
        "%YAML 1.1",
        "\\",
        "\x00",
        "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        "end:",
        " 2024-01-01",
        "status:",
        " draft",
        "evidence:",
        " [../x]",
        " [/etc/passwd]",
        "about:",
        " [entries/entry.md]",
        "<<: *a",
        "9" * 400,
        "1e999",
        "0x1F",
        "0o17",
        "hours: 1e1\n",
        "hours: 010\n",
        "date: 2025-13-45\n",
        "end: 0000-01-01\n",
    ]
)


@SETTINGS
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_broken_yaml(tmp_path: Path, text: str) -> None:
    check_one(tmp_path / "p", {E: f"---\n{text}\n---\n\nBody.\n"})


@SETTINGS
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_broken_portfolio_yaml(tmp_path: Path, text: str) -> None:
    root = tmp_path / "p"
    write_portfolio(root, {}, portfolio_yaml=PORTFOLIO_YAML + text)
    report = check([root], today=TODAY)
    assert all(d.code in CODES for d in report.diagnostics)


@pytest.mark.slow
@SETTINGS
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda kids: (
            st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_odd_values_for_every_field(tmp_path: Path, value: object) -> None:
    import json

    dumped = json.dumps(value, allow_nan=True)
    fields = [
        "type",
        "title",
        "date",
        "end",
        "hours",
        "competencies",
        "evidence",
        "ratings",
        "status",
        "participatory",
        "allow",
        "tags",
        "about",
    ]
    lines = [f"{field}: {dumped}" for field in fields]
    check_one(tmp_path / "p", {E: "---\n" + "\n".join(lines) + "\n---\n"})
    for field in fields:
        check_one(
            tmp_path / "p",
            {E: f"---\ntype: self-assessment\ndate: 2025-01-01\n{field}: {dumped}\n---\n"},
        )


def run_isolated(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a check in a child interpreter, so a crash there cannot take pytest down."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CHILD = """
    import sys, json
    from pathlib import Path
    from imhcli.check.run import check
    root = Path(sys.argv[1])
    report = check([root])
    print(json.dumps([[d.code, d.path, d.line] for d in report.diagnostics]))
"""


@pytest.mark.slow
def test_deep_flow_nesting_in_a_subprocess(tmp_path: Path) -> None:
    write_portfolio(tmp_path, {E: "---\ntype: reflection\ntitle: " + "[" * 100_000 + "\n---\n"})
    done = run_isolated(CHILD, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '["IMH102", "entries/entry.md"' in done.stdout


@pytest.mark.slow
def test_deep_nesting_in_portfolio_yaml_in_a_subprocess(tmp_path: Path) -> None:
    deep = "x: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n"
    write_portfolio(tmp_path, {}, portfolio_yaml=PORTFOLIO_YAML + deep)
    done = run_isolated(CHILD, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"portfolio.yaml"' in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "front",
    [
        "tags:\n" + "- " * 100_000 + "x\n",  # compact nested sequences on one line
        "? " * 100_000 + "x\n",  # nested complex keys
        "".join(" " * (i * 300) + "- " * 300 + "\n" for i in range(1, 60)),  # both kinds
    ],
    ids=["dashes", "question-marks", "indented-runs"],
)
def test_deep_block_indicators_in_a_subprocess(tmp_path: Path, front: str) -> None:
    write_portfolio(tmp_path, {E: "---\n" + front + "---\n"})
    done = run_isolated(CHILD, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '["IMH102", "entries/entry.md", 2]' in done.stdout


@pytest.mark.slow
def test_deep_block_nesting_in_a_subprocess(tmp_path: Path) -> None:
    deep = "".join(" " * i + "- \n" for i in range(3000))
    write_portfolio(tmp_path, {E: "---\ntype: reflection\ntags:\n" + deep + "---\n"})
    done = run_isolated(CHILD, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "entries/entry.md" in done.stdout


def test_billion_laughs(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write_portfolio(tmp_path, {E: "---\ntype: reflection\n" + "\n".join(lines) + "\n---\n"})
    report = check([tmp_path], today=TODAY)
    assert [(d.code, d.line) for d in report.diagnostics] == [("IMH102", 2)]
    assert "aliases" in report.diagnostics[0].message


def test_aliases_in_portfolio_yaml(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write_portfolio(tmp_path, {}, portfolio_yaml="\n".join(lines) + "\n")
    report = check([tmp_path], today=TODAY)
    assert [(d.code, d.path) for d in report.diagnostics] == [("IMH102", "portfolio.yaml")]


def test_one_megabyte_line(tmp_path: Path) -> None:
    long = "x" * 1_000_000
    write_portfolio(
        tmp_path,
        {
            "entries/title.md": f"---\ntype: reflection\ntitle: {long}\ndate: 2025-03-04\n---\n",
            "entries/body.md": f"---\ntype: reflection\ntitle: A\ndate: 2025-03-04\n---\n{long}\n",
            "entries/key.md": f"---\n{long}: 1\n---\n",
        },
    )
    report = check([tmp_path], today=TODAY)
    assert {(d.code, d.path) for d in report.diagnostics} <= {
        ("IMH110", "entries/title.md"),  # a reflection with no body is unfinished
        ("IMH106", "entries/key.md"),
        ("IMH104", "entries/key.md"),
        ("IMH102", "entries/key.md"),
    }
    assert any(d.path == "entries/key.md" for d in report.diagnostics)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200), st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-32"]))
def test_other_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    raw = ("---\ntype: reflection\ntitle: " + text + "\ndate: 2025-03-04\n---\n").encode(
        encoding, errors="replace"
    )
    check_one(tmp_path / "p", {E: raw})


def test_links_of_every_kind(tmp_path: Path) -> None:
    root = write_portfolio(
        tmp_path / "p", {"entries/real.md": "---\ntype: plan\ntitle: A\ndate: 2025-01-01\n---\n"}
    )
    (tmp_path / "outside.md").write_text("---\ntype: plan\ntitle: B\ndate: 2025-01-01\n---\n")
    entries = root / "entries"
    os.symlink(tmp_path / "outside.md", entries / "outside.md")
    os.symlink(tmp_path, entries / "outside-folder")
    os.symlink("missing.md", entries / "broken.md")
    os.symlink("loop-b.md", entries / "loop-a.md")
    os.symlink("loop-a.md", entries / "loop-b.md")
    os.symlink("self.md", entries / "self.md")
    os.symlink("..", entries / "up")
    os.symlink("/", entries / "root")
    (root / "portfolio.yaml").rename(root / "portfolio.real.yaml")
    os.symlink("portfolio.real.yaml", root / "portfolio.yaml")
    os.mkfifo(entries / "fifo.md")
    report = check([root], today=TODAY)
    by_path = {d.path: d.code for d in report.diagnostics}
    assert by_path == {
        "entries/outside.md": "IMH109",
        "entries/outside-folder": "IMH109",
        "entries/broken.md": "IMH109",
        "entries/loop-a.md": "IMH109",
        "entries/loop-b.md": "IMH109",
        "entries/self.md": "IMH109",
        "entries/root": "IMH109",
        "entries/fifo.md": "IMH109",  # reported, never opened
    }


TAGS = st.sampled_from(
    [
        "",
        "!!int ",
        "!!float ",
        "!!bool ",
        "!!null ",
        "!!str ",
        "!!binary ",
        "!!timestamp ",
        "!!set ",
        "!!omap ",
        "!!pairs ",
        "!!seq ",
        "!!map ",
        "!foo ",
        "&a ",
        "*a ",
    ]
)
VALUES = st.sampled_from(
    [
        "",
        "1",
        "0x",
        "abc",
        "[]",
        "{}",
        "[1, a]",
        "{a: 1}",
        '""',
        "2025-01-01",
        "1e5",
        ".nan",
        "~",
        "[[1]]",
        "{? [1]: 2}",
        "<<",
    ]
)
FIELDS = st.sampled_from(
    [
        "type",
        "title",
        "date",
        "end",
        "hours",
        "competencies",
        "ratings",
        "evidence",
        "about",
        "tags",
        "status",
        "<<",
        "? x",
    ]
)


@SETTINGS
@given(st.lists(st.tuples(FIELDS, TAGS, VALUES).map(lambda t: f"{t[0]}: {t[1]}{t[2]}"), max_size=8))
def test_explicit_tags_and_anchors(tmp_path: Path, lines: list[str]) -> None:
    front = "type: reflection\n" + "\n".join(lines)
    check_one(tmp_path / "p", {E: f"---\n{front}\n---\n\nBody.\n"})
