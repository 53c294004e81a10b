"""Every privacy pattern runs in time linear in the text: adversarial input cannot stall a check.

The work is bounded by a generous time limit on a child process, not by a timed
comparison: a pattern that backtracks takes minutes on these inputs (the old number
pattern took 17 s on 128 KB of ``1-``), a linear one a second or two on a busy machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: Units that once made a pattern backtrack, or could: repeated to fill a long line.
UNITS = [
    "1-",
    "1 ",
    "1",
    "0770 0900 ",
    "+44 (0)",
    "(0",
    "1AA ",
    "SW1A ",
    "born ",
    "DOB 1/",
    "a@",
    "aa.",
    "<!-- imh-allow: ",
    " ",
    "Name1 ",
    "_*",
    "\u00a0",
]
CHILD = """
import json, sys
from imhcli.rules.identifiers import compile_deny_list, find_identifiers
terms, cases = json.load(sys.stdin)
deny = compile_deny_list("\\n".join(f"Name{i} Sur{i}" for i in range(terms)) + "\\nName1\\n")
for unit, size in cases:
    find_identifiers((unit * (size // max(1, len(unit)) + 1))[:size], deny=deny)
print("done")
"""
#: Generous: the child's real work is a few seconds; a quadratic pattern needs hours.
LIMIT_SECONDS = 120


def _run_child(cases: list[tuple[str, int]], *, terms: int = 10) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps([terms, cases]),
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr


def test_adversarial_lines_finish_in_linear_time() -> None:
    """Each unit as a 128 KB line, and a 2 MB line of the worst ones, with 90,000 deny terms."""
    cases = [(unit, 128 * 1024) for unit in UNITS]
    cases.append(("1-1 0770 ", 2 * 1024 * 1024))
    _run_child(cases, terms=90_000)


@given(st.lists(st.sampled_from([*UNITS, "0", "-", "(", ")", "@", ".", "\n"]), min_size=1))
@settings(max_examples=5, deadline=None)
def test_random_adversarial_units_finish(parts: list[str]) -> None:
    """Any mixture of the dangerous characters, as one 64 KB line."""
    _run_child([("".join(parts), 64 * 1024)])
