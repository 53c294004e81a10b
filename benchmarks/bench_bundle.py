"""How fast is `imh bundle`, and does its memory stay flat as evidence grows?

Generates a 500-entry portfolio (benchmarks/generate.py) in a temporary folder,
fills its evidence files with random, incompressible bytes (written in chunks)
up to each total size asked for, then times, in subprocesses:

* `imh bundle` of the portfolio (hash with sha256 and sha512, zip, rename);
* `imh verify` of the bundle it made (read back through the zip, never extracted);
* two baselines: the same files zipped with Python's zipfile (streaming, no
  hashing), and the same files hashed with sha256 and sha512 (no zip).

Times are the best of ``--runs`` runs; peak memory is each child's maximum
resident set size (``os.wait4``), the highest over the runs. Run it::

    python benchmarks/bench_bundle.py                  # 50 MB and 200 MB, about a minute
    python benchmarks/bench_bundle.py --sizes 50 200 800

Nothing here is a test: timings vary between machines, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_portfolio

CHUNK = 1024 * 1024
ENTRIES = 500

#: The baseline: zip every file of the portfolio with zipfile, streaming, as imh chooses.
BASELINE = """
import sys, zipfile
from pathlib import Path
root, out = Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        kind = zipfile.ZIP_STORED if path.suffix == ".pdf" else zipfile.ZIP_DEFLATED
        zf.write(path, path.relative_to(root).as_posix(), compress_type=kind)
"""


#: The other baseline: hash every file with sha256 and sha512, as a bag needs, no zip.
HASH_ONLY = """
import hashlib, sys
from pathlib import Path
for path in sorted(p for p in Path(sys.argv[1]).rglob("*") if p.is_file()):
    hashers = [hashlib.sha256(), hashlib.sha512()]
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            for hasher in hashers:
                hasher.update(chunk)
"""


class Run(NamedTuple):
    seconds: float
    peak_mb: float


def measure(command: Sequence[str], *, runs: int) -> Run:
    """Best wall time and highest peak resident memory of ``runs`` runs of ``command``."""
    found = [_once(command) for _ in range(runs)]
    return Run(min(r.seconds for r in found), max(r.peak_mb for r in found))


def _once(command: Sequence[str]) -> Run:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Run(elapsed, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def fill_evidence(root: Path, total_mb: int) -> tuple[int, int]:
    """Overwrite the evidence files with random bytes, ``total_mb`` MiB in all."""
    files = sorted((root / "evidence").iterdir())
    each = total_mb * CHUNK // len(files)
    for path in files:
        with path.open("wb") as handle:
            left = each
            while left > 0:
                handle.write(os.urandom(min(CHUNK, left)))
                left -= CHUNK
    return len(files), each * len(files)


def imh() -> str:
    beside = Path(sys.executable).with_name("imh")
    found = str(beside) if beside.exists() else shutil.which("imh")
    if found is None:
        raise SystemExit("imh is not installed: pip install -e . first")
    return found


def bench(total_mb: int, work: Path, *, runs: int) -> dict[str, Run]:
    root = work / f"portfolio-{total_mb}"
    generate_portfolio(root, entries=ENTRIES, seed=1)
    count, size = fill_evidence(root, total_mb)
    print(f"\n{ENTRIES} entries, {count} evidence files, {size / 1e6:,.0f} MB of evidence")
    bundle = work / f"bundle-{total_mb}.zip"
    zip_all = [sys.executable, "-c", BASELINE, str(root), str(work / "b.zip")]
    # --include-drafts: the generator writes reflections `about:` draft CPD entries.
    make = [imh(), "bundle", str(root), "-o", str(bundle), "--date", "2026-01-31"]
    hash_all = [sys.executable, "-c", HASH_ONLY, str(root)]
    found = {
        "baseline zipfile": measure(zip_all, runs=runs),
        "baseline hashing": measure(hash_all, runs=runs),
        "imh bundle": measure([*make, "--include-drafts", "--force"], runs=runs),
        "imh verify": measure([imh(), "verify", str(bundle)], runs=runs),
    }
    base = found["baseline zipfile"]
    for name, run in found.items():
        print(
            f"  {name:<17} {run.seconds:6.2f} s  ({run.seconds / base.seconds:4.1f}x baseline)"
            f"   peak {run.peak_mb:6.1f} MB"
        )
    shutil.rmtree(root)
    for path in (bundle, work / "b.zip"):
        path.unlink()
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200], help="evidence MiB")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (best kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imh-bench-") as tmp:
        results = {mb: bench(mb, Path(tmp), runs=args.runs) for mb in args.sizes}
    small, large = min(results), max(results)
    if small != large:
        print(f"\nFrom {small} MB to {large} MB of evidence ({large / small:.0f}x):")
        for name in ("imh bundle", "imh verify"):
            grew = results[large][name].peak_mb / results[small][name].peak_mb
            slower = results[large][name].seconds / results[small][name].seconds
            print(f"  {name:<11} peak memory x{grew:.2f}, time x{slower:.1f}")


if __name__ == "__main__":
    main()
