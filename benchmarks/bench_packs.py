"""How long does `imh pack` take, next to `imh report` on the same portfolio?

Times whole commands in subprocesses (after a warm-up run): `imh --version` (start-up),
`imh report` of the level 3 example (the baseline: the same load, check and page), and
`imh pack` of each kind on the same example, without `--pdf`; then, once, `--pdf`.
It prints the best and median of several runs and the ratio of each to the report.

    pip install -e '.[test]'             # the benchmark runs the installed `imh`
    python benchmarks/bench_packs.py     # about half a minute
    python benchmarks/bench_packs.py --runs 10 --no-pdf

Goal on the reference machine (2 cores): a pack of the level 3 example in under 0.5 s
without --pdf. Nothing here is a test: timings are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "level-3-parent-infant-therapist"
AS_OF = "2026-11-30"


def imh() -> str:
    found = shutil.which("imh", path=str(Path(sys.executable).parent)) or shutil.which("imh")
    if found is None:
        sys.exit("bench_packs: install imh first (pip install -e '.[test]')")
    return found


def timed(argv: list[str], runs: int) -> tuple[float, float]:
    """Best and median wall time of ``runs`` runs, after one warm-up run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true", help="skip the --pdf measurement")
    args = parser.parse_args()
    exe = imh()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cases = {
            "imh --version": [exe, "--version"],
            "imh report (baseline)": [exe, "report", str(EXAMPLE), "--as-of", AS_OF],
            "imh pack nmc": [exe, "pack", "nmc", str(EXAMPLE), "--as-of", AS_OF],
            "imh pack hcpc": [exe, "pack", "hcpc", str(EXAMPLE), "--as-of", AS_OF],
            "imh pack swe": [exe, "pack", "swe", str(EXAMPLE), "--as-of", AS_OF],
            "imh pack endorsement --category imhs": [
                *[exe, "pack", "endorsement", str(EXAMPLE)],
                *["--category", "imhs", "--as-of", AS_OF],
            ],
        }
        results = {name: timed(argv, args.runs) for name, argv in cases.items()}
        if not args.no_pdf:
            pdf = [exe, "pack", "nmc", str(EXAMPLE), "--as-of", AS_OF, "--force"]
            results["imh pack nmc --pdf"] = timed([*pdf, "--pdf", str(out / "p.pdf")], 1)
    base = results["imh report (baseline)"][0]
    print(f"{'command':40} {'best':>8} {'median':>8} {'vs report':>10}")
    for name, (low, mid) in results.items():
        print(f"{name:40} {low * 1000:6.0f}ms {mid * 1000:6.0f}ms {low / base:9.2f}x")


if __name__ == "__main__":
    main()
