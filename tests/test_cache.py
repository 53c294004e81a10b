"""The cache of check results: reused when nothing changed, fresh when anything did."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import imhcli
from imhcli.base.resources import bundled_framework
from imhcli.check import cache
from imhcli.check.run import check
from imhcli.diagnostics import CheckReport
from imhcli.load.portfolio import load
from tests.conftest import GOOD_ENTRY, PORTFOLIO_YAML, TODAY, Run, write_portfolio

Build = Callable[..., Path]


class Loads:
    """Counts how often portfolios are loaded from disk, i.e. checked afresh."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = load  # what imhcli.check.engine calls

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr("imhcli.check.engine.load", counting)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user cache folder, kept inside the test's tmp_path."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    cache.user_cache_root.cache_clear()
    cache.machine_secret.cache_clear()
    yield folder
    cache.user_cache_root.cache_clear()
    cache.machine_secret.cache_clear()


def cached_check(root: Path) -> CheckReport:
    return check([root], today=TODAY, use_cache=True)


def codes(report: CheckReport) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_an_unchanged_portfolio_is_not_read_again(portfolio: Build, loads: Loads) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY.replace('"1.04"', '"1.99"')})
    first = cached_check(root)
    second = cached_check(root)
    assert loads.count == 1
    assert second == first
    assert codes(second) == ["IMH201"]
    assert (root / ".imh-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_cached_result_is_named_after_the_path_given(
    portfolio: Build, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY.replace('"1.04"', '"1.99"')})
    cached_check(root)
    monkeypatch.chdir(tmp_path)
    assert [d.portfolio for d in cached_check(root).diagnostics] == ["p"]


def test_editing_an_entry_gives_fresh_results(portfolio: Build, loads: Loads) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    assert codes(cached_check(root)) == []
    (root / "entries/a.md").write_text(GOOD_ENTRY.replace('"1.04"', '"1.99"'), encoding="utf-8")
    assert codes(cached_check(root)) == ["IMH201"]
    assert loads.count == 2


def test_adding_or_removing_an_evidence_file_gives_fresh_results(portfolio: Build) -> None:
    entry = GOOD_ENTRY.replace("competencies:", "evidence: [evidence/cert.pdf]\ncompetencies:")
    root = portfolio({"entries/a.md": entry, "evidence/cert.pdf": b"%PDF"})
    assert codes(cached_check(root)) == []
    (root / "evidence/cert.pdf").unlink()
    assert codes(cached_check(root)) == ["IMH203"]


def test_editing_the_framework_gives_fresh_results(portfolio: Build, tmp_path: Path) -> None:
    source = bundled_framework("imhcf-2019")
    assert source is not None
    framework = tmp_path / "shared" / "framework.yaml"
    framework.parent.mkdir()
    framework.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    config = PORTFOLIO_YAML.replace("imhcf-2019", "../shared/framework.yaml")
    root = portfolio({"entries/a.md": GOOD_ENTRY}, portfolio_yaml=config)
    outside = "IMH204"  # a bundle could not carry it; the check says so
    assert codes(cached_check(root)) == [outside]
    text = framework.read_text(encoding="utf-8").replace('id: "1.04"', 'id: "1.98"')
    framework.write_text(text, encoding="utf-8")
    assert sorted(codes(cached_check(root))) == ["IMH201", outside]


def test_editing_the_deny_list_gives_fresh_results(portfolio: Build) -> None:
    config = PORTFOLIO_YAML + "privacy:\n  deny_list: private/names.txt\n"
    files = {"entries/a.md": GOOD_ENTRY, "private/names.txt": "Nobody\n"}
    root = portfolio(files, portfolio_yaml=config)
    assert codes(cached_check(root)) == []
    (root / "private/names.txt").write_text("Nobody\nnoticed\n", encoding="utf-8")
    assert "IMH406" in codes(cached_check(root))


def test_a_new_tool_version_gives_fresh_results(
    portfolio: Build, loads: Loads, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    cached_check(root)
    monkeypatch.setattr(imhcli, "__version__", "99.0.0")
    cached_check(root)
    assert loads.count == 2
    cached_check(root)
    assert loads.count == 2


def test_another_day_gives_fresh_results(portfolio: Build, loads: Loads) -> None:
    import datetime as dt

    root = portfolio({"entries/a.md": GOOD_ENTRY})
    check([root], today=TODAY, use_cache=True)
    check([root], today=TODAY + dt.timedelta(days=1), use_cache=True)
    assert loads.count == 2


@pytest.mark.parametrize(
    "garbage", [b"", b"{not json", b'{"key": 1}', b"\xff\xfe\x00", b'{"key": "x", "files": []}']
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(
    portfolio: Build, loads: Loads, garbage: bytes
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY.replace('"1.04"', '"1.99"')})
    cached_check(root)
    (stored,) = (root / ".imh-cache").glob("check-*.json")
    stored.write_bytes(garbage)
    assert codes(cached_check(root)) == ["IMH201"]
    assert loads.count == 2
    cached_check(root)
    assert loads.count == 2, "the corrupt file was replaced by a good one"


def test_a_result_stored_under_another_key_is_not_trusted(portfolio: Build) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    cached_check(root)
    (stored,) = (root / ".imh-cache").glob("check-*.json")
    forged = cache.CachedCheck.model_validate_json(stored.read_bytes())
    stored.write_text(forged.model_copy(update={"key": "0" * 40}).model_dump_json())
    (root / "entries/a.md").write_text(GOOD_ENTRY.replace('"1.04"', '"1.99"'), encoding="utf-8")
    assert codes(cached_check(root)) == ["IMH201"]


def test_a_root_that_cannot_hold_the_cache_uses_the_user_folder(
    portfolio: Build, loads: Loads, user_cache: Path
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    (root / ".imh-cache").write_text("a file where the folder would go", encoding="utf-8")
    cached_check(root)
    cached_check(root)
    assert loads.count == 1
    assert list(user_cache.glob("imh/*/check-*.json"))


def test_no_cache_neither_reads_nor_writes(
    run: Run,
    portfolio: Build,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    run("check", root, "--no-cache")
    assert not (root / ".imh-cache").exists()
    run("check", root)
    assert (root / ".imh-cache").is_dir()


def test_cache_clear_removes_the_cache(
    run: Run,
    portfolio: Build,
    tmp_path: Path,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    run("check", root)
    ran = run("cache", "clear", tmp_path)
    assert not (root / ".imh-cache").exists()
    assert "removed" in ran.stderr
    assert "no cache" in run("cache", "clear", root).stderr


def test_the_cache_folder_is_not_part_of_the_portfolio(portfolio: Build) -> None:
    from imhcli.load.ignore import IgnoreRules
    from imhcli.load.walk import walk

    root = portfolio({"entries/a.md": GOOD_ENTRY})
    cached_check(root)
    os.makedirs(root / "entries" / ".imh-cache", exist_ok=True)
    files = [rel for rel, _ in walk(root, ".", IgnoreRules([]))]
    assert files and not any(".imh-cache" in rel for rel in files)


def test_files_trusted_by_their_time_are_still_rechecked_when_it_changes(
    portfolio: Build, loads: Loads
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY, "entries/b.md": GOOD_ENTRY})
    day_ago = os.stat(root / "entries/a.md").st_mtime - 86_400
    for path in root.rglob("*"):
        os.utime(path, (day_ago, day_ago))
    cached_check(root)
    cached_check(root)
    stored = next((root / ".imh-cache").glob("check-*.json")).read_text(encoding="utf-8")
    assert '"entries/a.md"' in stored, "old files' hashes are kept"
    (root / "entries/a.md").write_text(GOOD_ENTRY.replace('"1.04"', '"1.99"'), encoding="utf-8")
    os.utime(root / "entries/a.md", (day_ago + 60, day_ago + 60))
    assert codes(cached_check(root)) == ["IMH201"]
    assert loads.count == 2


def test_a_cache_made_under_another_secret_is_not_trusted(
    portfolio: Build, loads: Loads, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY.replace('"1.04"', '"1.99"')})
    cached_check(root)
    (stored,) = (root / ".imh-cache").glob("check-*.json")
    forged = cache.CachedCheck.model_validate_json(stored.read_bytes())
    stored.write_text(forged.model_copy(update={"diagnostics": []}).model_dump_json())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-machine"))
    cache.user_cache_root.cache_clear()
    cache.machine_secret.cache_clear()
    assert codes(cached_check(root)) == ["IMH201"], "the emptied result was not believed"
    assert loads.count == 2
    assert len((tmp_path / "another-machine" / "imh" / "secret").read_bytes()) == 32


def test_the_secret_is_made_once_and_kept(user_cache: Path) -> None:
    first = cache.machine_secret()
    cache.machine_secret.cache_clear()
    assert cache.machine_secret() == first
    (user_cache / "imh" / "secret").write_bytes(b"short")
    cache.machine_secret.cache_clear()
    replaced = cache.machine_secret()
    assert len(replaced) == 32
    assert replaced != first


def test_file_names_that_are_not_utf8_do_not_break_the_key(portfolio: Build, loads: Loads) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    with open(os.fsencode(root / "entries") + b"/bad\xff.md", "wb") as handle:
        handle.write(GOOD_ENTRY.encode())
    first = cached_check(root)
    assert codes(first) == ["IMH108"]
    assert cached_check(root) == first
    assert loads.count == 1


def test_cache_clear_all_empties_the_user_folder(
    run: Run,
    portfolio: Build,
    user_cache: Path,
) -> None:
    root = portfolio({"entries/a.md": GOOD_ENTRY})
    (root / ".imh-cache").write_text("not a folder", encoding="utf-8")
    run("check", root)
    assert list(user_cache.glob("imh/*/check-*.json"))
    run("cache", "clear", root, "--all")
    assert not (user_cache / "imh").exists()


def test_references_no_path_can_hold_still_get_their_findings(portfolio: Build) -> None:
    config = PORTFOLIO_YAML.replace("imhcf-2019", '"imh\\0cf"') + 'requirements: ["x\\0y"]\n'
    root = portfolio({"entries/a.md": GOOD_ENTRY}, portfolio_yaml=config)
    fresh = check([root], today=TODAY)
    assert codes(fresh)
    assert cached_check(root) == fresh
    assert cached_check(root) == fresh


_YAML_BITS = st.sampled_from(
    [
        "format: 1\n", "framework: imhcf-2019\n", "framework: ../x.yaml\n", "level: 2\n",
        "level: x\n", "practitioner:\n  name: A\n", "requirements: [nmc-revalidation]\n",
        "requirements: [../p.yaml]\n", "privacy:\n  deny_list: private/n.txt\n", "- a\n",
        "key: [\n", '"\\0": 1\n', "extra_fields: [mood]\n", "\xff", "",
    ]
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    config=st.lists(_YAML_BITS, max_size=8).map("".join),
    entry=st.one_of(st.text(max_size=80), st.just(GOOD_ENTRY)),
)
def test_a_cached_check_always_equals_a_fresh_one(config: str, entry: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        write_portfolio(
            root, {"entries/a.md": entry, "private/n.txt": "Name\n"}, portfolio_yaml=config
        )
        fresh = check([root], today=TODAY)
        assert check([root], today=TODAY, use_cache=True) == fresh
        assert check([root], today=TODAY, use_cache=True) == fresh
