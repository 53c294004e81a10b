"""How fast is `imh cohort` on a cohort of 200 portfolios x 100 entries?

Generates the cohort (20,000 entries, with :mod:`generate`), then measures in one run:

* `imh cohort` cold: no cache, every entry read, parsed, validated and checked
  (best of two runs, ``--runs``);
* `imh cohort` warm: the same again, answered from each portfolio's `.imh-cache/`
  (best of three runs);
* `check-jsonschema` validating the same 20,000 front matters, extracted to YAML
  files, against `imh schema entry` (less work than imh does: no framework, paths,
  dates, privacy or coverage; best of two runs too);

and prints the times, their ratios, and the peak memory of `imh cohort` (the sum
over its process tree, sampled from /proc), against the project's goals::

    pip install -e '.[bench]'
    python benchmarks/bench_cohort.py                 # a few minutes on 2 cores
    python benchmarks/bench_cohort.py --portfolios 20 # a quick look
    python benchmarks/bench_cohort.py --keep /tmp/cohort  # keep (and reuse) the cohort

Nothing here is a test: timings vary between machines, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_portfolio

from imhcli.base import resources
from imhcli.load.frontmatter import split

#: Goals on the project's reference machine (2 cores).
GOAL_COLD_SPEEDUP = 4.0
GOAL_WARM_S = 1.0
GOAL_PEAK_MB = 300.0


def tool(name: str) -> str:
    """An executable installed beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed: pip install -e '.[bench]' first")
    return found


def make_cohort(top: Path, portfolios: int, entries: int) -> None:
    """Write the cohort under ``top`` unless a cohort of that size is already there."""
    marker = top / f".generated-{portfolios}x{entries}"
    if marker.exists():
        return
    shutil.rmtree(top, ignore_errors=True)
    for index in range(portfolios):
        level = 1 + index % 3
        profile = f"imhcf-level-{level}"
        requirements = [profile] if resources.bundled_profile(profile) else []
        generate_portfolio(
            top / f"p{index:03d}",
            entries=entries,
            seed=index,
            level=level,
            requirements=requirements,
        )
    marker.touch()


def extract_front_matter(top: Path, out: Path) -> int:
    """Write every entry's front matter under ``top`` to its own YAML file in ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    count = 0
    for entry in sorted(top.glob("p*/entries/**/*.md")):
        parts = split(entry.read_text(encoding="utf-8"))
        if parts.yaml is not None:
            count += 1
            (out / f"{count:05d}.yaml").write_text(parts.yaml, encoding="utf-8")
    return count


class PeakRss:
    """Samples the resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))
            self._stop.wait(0.01)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in _listdir(f"/proc/{current}/task"):
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack.extend(int(c) for c in handle.read().split())
            except OSError:
                continue
    return found


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(
    command: Sequence[str], *, cwd: Path, expect: Sequence[int] = (0,)
) -> tuple[float, float]:
    """Wall time and peak tree memory (MB) of one run of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    rss = PeakRss(process.pid)
    stdout, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    peak = rss.stop()
    if process.returncode not in expect:
        raise SystemExit(
            f"{' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}{stdout[-2000:]}"
        )
    return elapsed, peak


def verdict(ok: bool) -> str:
    return "meets the goal" if ok else "MISSES the goal"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--portfolios", type=int, default=200)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=0, help="imh cohort --jobs (0: every core)")
    parser.add_argument(
        "--runs", type=int, default=2, help="cold and baseline runs; the best counts"
    )
    parser.add_argument("--keep", type=Path, help="generate into (and reuse) this folder")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="imh-bench-cohort-"))
    work.mkdir(parents=True, exist_ok=True)
    cohort, fm = work / "cohort", work / "front-matter"
    started = time.perf_counter()
    make_cohort(cohort, args.portfolios, args.entries)
    count = extract_front_matter(cohort, fm)
    schema = work / "entry.schema.json"
    schema.write_bytes(
        subprocess.run([tool("imh"), "schema", "entry"], capture_output=True, check=True).stdout
    )
    print(
        f"cohort: {args.portfolios} portfolios x {args.entries} entries "
        f"({count:,} front matters) in {work}, made in {time.perf_counter() - started:.1f} s"
    )

    imh = [tool("imh"), "cohort", "cohort", "--format", "csv", "--fail-on", "never"]
    if args.jobs:
        imh += ["--jobs", str(args.jobs)]
    clear = [tool("imh"), "cache", "clear", "cohort"]
    cold_runs = []
    for _ in range(args.runs):
        subprocess.run(clear, cwd=work, capture_output=True, check=True)
        cold_runs.append(timed(imh, cwd=work))
    cold, cold_mb = min(cold_runs)
    # Warm runs are cheap: take the best of three, as timeit does, to see past other load.
    warm_runs = [timed(imh, cwd=work) for _ in range(3)]
    warm, warm_mb = min(warm_runs)
    warm_median = statistics.median(t for t, _ in warm_runs)
    files = sorted(p.name for p in fm.iterdir())
    validate = [tool("check-jsonschema"), "--schemafile", str(schema), *files]
    baseline = min(timed(validate, cwd=fm, expect=(0, 1))[0] for _ in range(args.runs))

    speedup = baseline / cold
    peak = max(mb for _, mb in cold_runs + warm_runs)
    runs = f"best of {args.runs}"
    print(f"check-jsonschema, {count:,} front matters: {baseline:8.2f} s   ({runs})")
    print(
        f"imh cohort, cold (no cache):            {cold:8.2f} s   peak {cold_mb:6.0f} MB"
        f"   ({runs}: {', '.join(f'{t:.2f}' for t, _ in cold_runs)} s)"
    )
    print(
        f"imh cohort, warm (cache):               {warm:8.2f} s   peak {warm_mb:6.0f} MB"
        f"   (best of 3; median {warm_median:.2f} s)"
    )
    print()
    print(
        f"cold vs check-jsonschema: {speedup:5.1f}x faster  (goal >= {GOAL_COLD_SPEEDUP:g}x: "
        f"{verdict(speedup >= GOAL_COLD_SPEEDUP)})"
    )
    print(
        f"warm vs cold:             {cold / warm:5.1f}x faster  (goal warm < {GOAL_WARM_S:g} s: "
        f"{verdict(warm < GOAL_WARM_S)})"
    )
    print(
        f"peak memory:              {peak:5.0f} MB          (goal < {GOAL_PEAK_MB:g} MB: "
        f"{verdict(peak < GOAL_PEAK_MB)})"
    )
    per_entry = 1000 * cold / count
    print(f"per entry, cold:          {per_entry:5.3f} ms of wall time on {os.cpu_count()} cores")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end:  {load} (other work on the machine slows every number)")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
