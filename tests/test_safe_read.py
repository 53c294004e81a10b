"""safe_read: regular files only, links kept inside the root, never more than the cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from imhcli.base.files import ENTRY, FileKind, safe_read, safe_read_stat
from imhcli.errors import UnsafeFileError

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
SMALL = FileKind("small file", 8)


def refused(path: Path, kind: FileKind = ENTRY, *, root: Path | None = None) -> UnsafeFileError:
    with pytest.raises(UnsafeFileError) as caught:
        safe_read(path, kind, root=root)
    return caught.value


def test_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"hello")
    data, found = safe_read_stat(tmp_path / "a.md", ENTRY, root=tmp_path)
    assert data == b"hello"
    assert found.st_size == 5


def test_a_file_at_the_cap_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    (tmp_path / "ok").write_bytes(b"x" * 8)
    (tmp_path / "big").write_bytes(b"x" * 9)
    assert safe_read(tmp_path / "ok", SMALL) == b"x" * 8
    problem = refused(tmp_path / "big", SMALL)
    assert problem.reason == "too-large"
    assert "small file" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    problem = refused(tmp_path / "nothing.md", root=tmp_path)
    assert problem.reason == "missing"
    assert problem.path == tmp_path / "nothing.md"


@needs_fifo
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    problem = refused(tmp_path / "pipe.md", root=tmp_path)
    assert (problem.reason, problem.message) == (
        "not-regular",
        "a FIFO (named pipe), not a regular file; it was not read",
    )


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    assert refused(tmp_path / "dir.md").message.startswith("a folder, not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_even_without_a_root(tmp_path: Path) -> None:
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    problem = refused(tmp_path / "zero.md")
    assert problem.message.startswith("a character device")


def test_a_link_inside_the_root_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_bytes(b"inside")
    (tmp_path / "link.md").symlink_to("real.md")
    assert safe_read(tmp_path / "link.md", ENTRY, root=tmp_path) == b"inside"


def test_a_link_leaving_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    root.mkdir()
    (tmp_path / "secret.txt").write_bytes(b"outside")
    (root / "link.md").symlink_to(tmp_path / "secret.txt")
    assert refused(root / "link.md", root=root).reason == "outside"


def test_a_linked_folder_leaving_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.md").write_bytes(b"outside")
    root.mkdir()
    (root / "entries").symlink_to(tmp_path / "elsewhere")
    assert refused(root / "entries" / "a.md", root=root).reason == "outside"


def test_a_sibling_folder_sharing_the_prefix_is_outside(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (tmp_path / "p2").mkdir()
    (tmp_path / "p2" / "a.md").write_bytes(b"x")
    (root / "a.md").symlink_to(tmp_path / "p2" / "a.md")
    assert refused(root / "a.md", root=root).reason == "outside"


def test_dangling_and_looping_links_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dangling.md").symlink_to("nowhere.md")
    (tmp_path / "loop.md").symlink_to("loop.md")
    for name in ("dangling.md", "loop.md"):
        problem = refused(tmp_path / name, root=tmp_path)
        assert problem.reason == "outside"
        assert "broken or loops" in problem.message


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A permission error is a refusal with its reason (faked: tests may run as root)."""
    path = tmp_path / "locked.md"
    path.write_bytes(b"x")

    def denied(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    problem = refused(path)
    assert (problem.reason, problem.message) == (
        "unreadable",
        "file cannot be read: Permission denied",
    )


_UNDER_LIMITS = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (512 * 1024 * 1024, 512 * 1024 * 1024))
from imhcli.base.files import DENY_LIST, safe_read
from imhcli.errors import UnsafeFileError
for name in sys.argv[1:]:
    try:
        safe_read(Path(name), DENY_LIST)
    except UnsafeFileError as exc:
        print(exc.reason)
"""


@needs_fifo
@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="no /dev/urandom")
def test_devices_and_fifos_end_quickly_under_a_memory_limit(tmp_path: Path) -> None:
    """In a child with 512 MiB of address space and a timeout: nothing hangs or grows."""
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "random").symlink_to("/dev/urandom")
    names = [str(tmp_path / n) for n in ("pipe", "zero", "random")]
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_LIMITS, *names],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["not-regular"] * 3
