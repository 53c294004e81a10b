"""The cache against hostile portfolios: links, FIFOs, inputs with odd names, restored times."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imhcli.base.resources import bundled_framework
from imhcli.check import cache, fingerprint
from imhcli.check.run import check
from tests.conftest import GOOD_ENTRY, PORTFOLIO_YAML, TODAY, write_portfolio
from tests.test_cache import Loads, cached_check, codes, user_cache  # noqa: F401

Build = Callable[..., Path]


def test_a_linked_cache_folder_is_never_written_through(portfolio: Build, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    (root / ".imh-cache").symlink_to(elsewhere)
    assert codes(cached_check(root)) == []
    assert list(elsewhere.iterdir()) == []


def test_dangling_links_inside_the_cache_folder_are_never_followed(
    portfolio: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = Loads(monkeypatch)
    targets = tmp_path / "targets"
    targets.mkdir()
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    folder = root / ".imh-cache"
    folder.mkdir()
    for name in (".gitignore", "CACHEDIR.TAG", f"check-v{cache.CACHE_SCHEMA}.json"):
        (folder / name).symlink_to(targets / name)
    cached_check(root)
    cached_check(root)
    assert list(targets.iterdir()) == []
    result = folder / f"check-v{cache.CACHE_SCHEMA}.json"
    assert not result.is_symlink(), "the link is replaced by the result, not followed"
    assert (folder / ".gitignore").is_symlink(), "a marker's name, taken, is left as it is"
    assert loads.count == 1


def test_a_cache_folder_of_another_user_is_left_alone(
    portfolio: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    (root / ".imh-cache").mkdir()
    uid = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: uid + 1)
    cached_check(root)
    assert list((root / ".imh-cache").iterdir()) == []


@pytest.mark.parametrize("name", ["private/names", "private/names.lst", "private/NAMES.TXT"])
def test_a_deny_list_of_any_name_is_in_the_key(portfolio: Build, name: str) -> None:
    config = PORTFOLIO_YAML + f"privacy:\n  deny_list: {name}\n"
    root = portfolio({"entries/a.md": GOOD_ENTRY, name: "Nobody\n"}, portfolio_yaml=config)
    assert codes(cached_check(root)) == []
    (root / name).write_text("Nobody\nnoticed\n", encoding="utf-8")
    assert "IMH406" in codes(cached_check(root))


def test_a_framework_of_any_name_is_in_the_key(portfolio: Build) -> None:
    source = bundled_framework("imhcf-2019")
    assert source is not None
    config = PORTFOLIO_YAML.replace("imhcf-2019", "frameworks/mine")
    text = source.read_text(encoding="utf-8")
    root = portfolio({"entries/a.md": GOOD_ENTRY, "frameworks/mine": text}, portfolio_yaml=config)
    assert codes(cached_check(root)) == []
    (root / "frameworks/mine").write_text(text.replace('id: "1.04"', 'id: "1.98"'), "utf-8")
    assert codes(cached_check(root)) == ["IMH201"]


_CHECK_WITH_FIFOS = """
import sys
from pathlib import Path
from imhcli.check.run import check
report = check([Path(sys.argv[1])], use_cache=True)
print(sorted({(d.code, d.path) for d in report.diagnostics}))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
def test_fifos_anywhere_never_hang_a_cached_check(portfolio: Build, tmp_path: Path) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    for rel in ("entries/pipe.md", "evidence/pipe.txt", "notes.yaml", ".imhignore"):
        (root / rel).parent.mkdir(exist_ok=True)
        os.mkfifo(root / rel)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_WITH_FIFOS, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str([("IMH109", ".imhignore"), ("IMH109", "entries/pipe.md")])


# --- issue: a same-size edit with its modification time restored -------------------------

_EDITS = [
    ("hours: 1.05", "hours: 9.05"),  # a CPD entry within its hours, then beyond them
    ('"1.04"', '"1.99"'),  # a known competency, then an unknown one
    ("title: A reflection", "title: 07700 900123"),  # a phone number in a title
]
CPD = "---\ntype: cpd\ntitle: A day course\ndate: 2025-03-04\nhours: 1.05\n---\n\nNotes.\n"


@pytest.fixture
def trusted_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust hashes immediately (files are normally two seconds old before they are)."""
    monkeypatch.setattr(fingerprint, "RACY_NS", -(10**18))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edit=st.sampled_from(_EDITS),
    back=st.booleans(),
    rename=st.booleans(),
)
def test_the_cache_never_hides_a_finding_after_an_edit_with_the_time_restored(
    trusted_at_once: None, edit: tuple[str, str], back: bool, rename: bool
) -> None:
    """Edits keep the size and restore mtime (``touch -r``), in place or by a rename."""
    before, after = (edit[1], edit[0]) if back else edit
    files = {"entries/a.md": GOOD_ENTRY, "entries/c.md": CPD}
    files = {rel: text.replace(after, before) for rel, text in files.items()}
    with tempfile.TemporaryDirectory() as folder:
        root = write_portfolio(Path(folder) / "p", files)
        path = next(p for p in (root / "entries").iterdir() if before in p.read_text("utf-8"))
        old = path.stat()
        cached_check(root)
        cached_check(root)  # the hashes are now trusted by identity
        text = path.read_text(encoding="utf-8").replace(before, after)
        assert len(text) == len(path.read_text(encoding="utf-8"))
        if rename:
            staged = path.with_suffix(".new")
            staged.write_text(text, encoding="utf-8")
            os.utime(staged, ns=(old.st_atime_ns, old.st_mtime_ns))
            staged.replace(path)
        else:
            path.write_text(text, encoding="utf-8")
            os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
        assert path.stat().st_mtime_ns == old.st_mtime_ns
        assert codes(cached_check(root)) == codes(check([root], today=TODAY))
