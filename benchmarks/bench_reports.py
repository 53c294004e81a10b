"""How much do coverage, hours and requirements add to reading a portfolio?

Generates a portfolio (benchmarks/generate.py) in a temporary folder and times,
in this process, loading it (the baseline every command pays) and then each
report on the loaded portfolio: `coverage()`, `tally()` for every grouping (with
and without `spread`), `monthly()`, and `evaluate()` against every bundled
profile. It prints each as a ratio to the load, then the wall time of the three
commands in subprocesses next to `imh --version`. Run it::

    python benchmarks/bench_reports.py                 # 2,000 entries, about half a minute
    python benchmarks/bench_reports.py --entries 500

Nothing here is a test: timings vary between machines, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_portfolio

from imhcli.analysis.coverage import coverage
from imhcli.analysis.hours import GROUP_BY, monthly, tally
from imhcli.analysis.requirements import evaluate
from imhcli.base import resources
from imhcli.check.counting import counting_for
from imhcli.load.portfolio import Portfolio, load
from imhcli.load.profiles import load_profile

AS_OF = dt.date(2026, 11, 23)


def best(func: Callable[[], Any], runs: int) -> float:
    """The fastest of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def in_process(root: Path, runs: int) -> None:
    base = best(lambda: load(root), runs)
    portfolio: Portfolio = load(root)
    counting = counting_for(portfolio)
    profiles = [load_profile(p) for p in resources.bundled_profiles()]
    cases: dict[str, Callable[[], Any]] = {
        "coverage()": lambda: coverage(portfolio, counting=counting),
        "monthly()": lambda: monthly(portfolio, counting=counting, end=AS_OF),
        "evaluate(all profiles)": lambda: evaluate(portfolio, profiles, AS_OF, counting=counting),
    }
    for by in GROUP_BY:
        cases[f"tally(by={by})"] = partial(tally, portfolio, counting=counting, by=by)
        cases[f"tally(by={by}, spread)"] = partial(
            tally, portfolio, counting=counting, by=by, spread=True
        )
    print(f"load(): {base * 1000:.1f} ms (the baseline, 1.00)")
    for name, func in cases.items():
        took = best(func, runs)
        print(f"  {name:<32} {took * 1000:8.2f} ms  {took / base:6.2f} x load")


def commands(root: Path, runs: int) -> None:
    imh = str(Path(sys.executable).with_name("imh"))
    version = _median([imh, "--version"], runs)
    print(f"\n`imh --version`: {version * 1000:.0f} ms (1.00)")
    for args in (
        ["gaps"],
        ["hours", "--by", "competency"],
        ["requirements", "-P", "nmc-revalidation"],
    ):
        took = _median([imh, *args, str(root), "--format", "json"], runs)
        print(f"  imh {' '.join(args):<36} {took * 1000:6.0f} ms  {took / version:5.1f} x")


def _median(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "portfolio"
        generate_portfolio(root, entries=args.entries, requirements=["nmc-revalidation"])
        print(f"{args.entries:,} entries\n")
        in_process(root, args.runs)
        commands(root, args.runs)


if __name__ == "__main__":
    main()
