"""benchmarks/generate.py writes clean, deterministic, realistic portfolios."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from imhcli.check.run import check
from imhcli.load.portfolio import load
from imhcli.models.entries import ENTRY_TYPES

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("imh_bench_generate", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generated_portfolio_checks_clean(tmp_path: Path) -> None:
    root = generator().generate_portfolio(
        tmp_path / "p", entries=60, seed=3, requirements=["imhcf-level-2"]
    )
    report = check([root])
    assert report.diagnostics == [], [
        f"{d.path}:{d.line} {d.code} {d.message}" for d in report.diagnostics
    ]
    assert report.summary.files == 61


def test_every_type_and_realistic_bodies(tmp_path: Path) -> None:
    root = generator().generate_portfolio(tmp_path / "p", entries=60, seed=4, level=3)
    portfolio = load(root)
    assert portfolio.level == 3
    assert {e.type for e in portfolio.entries} == set(ENTRY_TYPES)
    assert any(not e.is_final for e in portfolio.entries)
    bodies = [e for e in portfolio.entries if e.type != "self-assessment"]
    for entry in bodies:
        words = len(re.findall(r"[A-Za-z]+", entry.body.split("\n", 2)[-1]))
        assert 150 <= words <= 400, (entry.rel, words)


def test_same_seed_same_files(tmp_path: Path) -> None:
    make = generator().generate_portfolio
    first = files(make(tmp_path / "a", entries=30, seed=7))
    assert files(make(tmp_path / "b", entries=30, seed=7)) == first
    assert files(make(tmp_path / "c", entries=30, seed=8)) != first


def test_script(tmp_path: Path) -> None:
    generator().main([str(tmp_path / "p"), "--entries", "5", "--seed", "2"])
    assert len(list((tmp_path / "p" / "entries").rglob("*.md"))) == 5
