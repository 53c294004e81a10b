"""How fast is `imh`? Start-up, a typical portfolio, and the cost of each entry.

Prints medians of several runs of the installed `imh` in subprocesses, next to
a `python -c pass` baseline measured in the same run, and compares them with
the project's goals. Run it on a quiet machine::

    python benchmarks/bench_check.py            # about half a minute
    python benchmarks/bench_check.py --profile  # also where a 2,000-entry check spends its time

Nothing here is a test: timings vary between machines, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_portfolio

#: Goals on the project's reference machine (2 cores).
GOAL_VERSION_S = 0.120
GOAL_CHECK_150_S = 0.600
GOAL_PER_ENTRY_MS = 0.600
#: A clean entry checked cold, since privacy rules read every front-matter value,
#: evidence text and name (issue: privacy on every path out).
GOAL_CLEAN_ENTRY_MS = 0.250
#: The last commit before that widening: its per-entry cost is measured beside this
#: checkout's, in the same run, from ``git archive`` of it (or --before PATH).
BEFORE_WIDENING = "5021f19"
#: Benchmark portfolios track a requirement profile, as real ones do.
REQUIREMENTS = ("imhcf-level-2",)


#: Children may write bytecode, as an installed imh has it: with PYTHONDONTWRITEBYTECODE
#: set (some shells and CI images set it), every run would compile imhcli from source.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def imh_command() -> list[str]:
    """The installed `imh` beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("imh")
    found = str(beside) if beside.exists() else shutil.which("imh")
    if found is None:
        raise SystemExit("imh is not installed: pip install -e . first")
    return [found]


class Timing(NamedTuple):
    best: float
    median: float


def wall(command: Sequence[str], *, runs: int, expect: int = 0) -> Timing:
    """Best and median wall time of ``command`` over ``runs`` runs, after a warm-up run."""
    times = []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, env=CHILD_ENV)
        elapsed = time.perf_counter() - started
        if done.returncode != expect:
            raise SystemExit(
                f"{' '.join(command)} exited {done.returncode}:\n{done.stderr.decode()}"
            )
        if attempt:
            times.append(elapsed)
    return Timing(min(times), statistics.median(times))


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "MISSED"


def row(label: str, timing: Timing, baseline: Timing, goal: float | None = None) -> None:
    goal_text = f"  goal < {goal * 1000:.0f} ms: {verdict(timing.best, goal)}" if goal else ""
    print(
        f"  {label:<30} {timing.best * 1000:8.1f} {timing.median * 1000:8.1f}"
        f"  {timing.best / baseline.best:5.1f}x{goal_text}"
    )


def startup(imh: list[str], runs: int) -> Timing:
    print("Start-up: wall time of a subprocess, in ms (best and median; x = best / python's)")
    print(f"  {'':<30} {'best':>8} {'median':>8}")
    baseline = wall([sys.executable, "-c", "pass"], runs=runs)
    row("python -c pass (baseline)", baseline, baseline)
    row("imh --version", wall([*imh, "--version"], runs=runs), baseline, GOAL_VERSION_S)
    row("imh --help", wall([*imh, "--help"], runs=runs), baseline)
    row("imh check --help", wall([*imh, "check", "--help"], runs=runs), baseline)
    return baseline


def checks(imh: list[str], runs: int, baseline: Timing, workdir: Path) -> float:
    """Time `imh check` on clean portfolios of several sizes; the per-entry slope in ms."""
    print("\nimh check --no-cache on clean synthetic portfolios (generate.py: seed 1, level 2)")
    timings: dict[int, Timing] = {}
    for size in (1, 150, 200, 2000):
        root = generate_portfolio(
            workdir / f"p{size}", entries=size, seed=1, level=2, requirements=REQUIREMENTS
        )
        timings[size] = wall([*imh, "check", "--no-cache", str(root)], runs=runs)
        goal = GOAL_CHECK_150_S if size == 150 else None
        row(f"{size:,} entries", timings[size], baseline, goal)
    cached = wall([*imh, "check", str(workdir / "p2000")], runs=runs)
    row("2,000 entries, cached result", cached, baseline)
    slope = (timings[2000].best - timings[200].best) / 1800 * 1000
    whole = (timings[2000].best - timings[1].best) / 1999 * 1000
    print(
        f"  per clean entry, slope 200 -> 2,000 entries: {slope:.3f} ms"
        f"  goal < {GOAL_PER_ENTRY_MS} ms: {verdict(slope, GOAL_PER_ENTRY_MS)}"
    )
    print(f"  per clean entry, (2,000 entries - 1 entry) / 1,999: {whole:.3f} ms")
    return slope


def before_and_after(before: Path, label: str, runs: int, workdir: Path) -> None:
    """The per-entry slope of older code (``before``) and of this checkout, in one run,
    each a fresh interpreter on the same portfolios, turn about."""
    sources = ((label, before.resolve()), ("this checkout", Path(__file__).resolve().parents[1]))
    child = [sys.executable, "-c", "from imhcli.cli import main; main()", "check", "--no-cache"]
    best: dict[tuple[str, int], float] = {}
    for round_ in range(runs + 1):  # the first round warms the bytecode caches
        for name, source in sources:
            env = {**CHILD_ENV, "PYTHONPATH": str(source)}
            for size in (200, 2000):
                started = time.perf_counter()
                subprocess.run(
                    [*child, str(workdir / f"p{size}")], env=env, check=False, capture_output=True
                )
                elapsed = time.perf_counter() - started
                if round_ > 0:
                    best[name, size] = min(best.get((name, size), elapsed), elapsed)
    slopes = {name: (best[name, 2000] - best[name, 200]) / 1800 * 1000 for name, _source in sources}
    after = slopes["this checkout"]
    print(
        f"  a clean entry cold, this checkout: {after:.3f} ms; {label}: {slopes[label]:.3f} ms"
        f" ({after / slopes[label]:.2f}x)  goal < {GOAL_CLEAN_ENTRY_MS} ms: "
        f"{verdict(after, GOAL_CLEAN_ENTRY_MS)}"
    )


@contextmanager
def checkout_of(commit: str) -> Iterator[Path | None]:
    """imhcli as it was at ``commit``, unpacked in a temporary folder (None without git)."""
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="imh-before-") as tmp:
        try:
            archive = subprocess.run(
                ["git", "-C", str(repo), "archive", commit, "imhcli"],
                capture_output=True,
                check=True,
            ).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
        except (OSError, subprocess.CalledProcessError, tarfile.TarError):
            yield None
            return
        yield Path(tmp)


def profile(root: Path) -> None:
    import cProfile
    import pstats

    from imhcli.check.run import check

    check([root])  # warm caches and imports, as a second run in one process would
    profiler = cProfile.Profile()
    profiler.enable()
    check([root])
    profiler.disable()
    print(f"\nProfile of check() on {root.name} (in-process, imports excluded), top 25 by own time")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark imh start-up and imh check.")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--profile", action="store_true", help="also profile a 2,000-entry check")
    parser.add_argument(
        "--before",
        type=Path,
        help=f"older imh code to measure beside this one (default: commit {BEFORE_WIDENING})",
    )
    args = parser.parse_args(argv)
    imh = imh_command()
    print(f"imh: {imh[0]}\npython: {sys.executable}\n")
    baseline = startup(imh, args.runs)
    with tempfile.TemporaryDirectory(prefix="imh-bench-") as tmp:
        big = Path(tmp) / "p2000"
        checks(imh, args.runs, baseline, Path(tmp))
        print(
            "\nper clean entry, before the privacy rules read every value, evidence text and"
            " name, and now (slope 200 -> 2,000 entries, measured turn about)"
        )
        if args.before is not None:
            before_and_after(args.before, str(args.before), args.runs, Path(tmp))
        else:
            with checkout_of(BEFORE_WIDENING) as before:
                if before is None:
                    print(f"  commit {BEFORE_WIDENING} is not available (no git?): skipped")
                else:
                    label = f"commit {BEFORE_WIDENING}"
                    before_and_after(before, label, args.runs, Path(tmp))
        if args.profile:
            profile(big)


if __name__ == "__main__":
    main()
