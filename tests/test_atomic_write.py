"""The one atomic write: a file appears whole or not at all, never over one without leave."""

from __future__ import annotations

from pathlib import Path

import pytest

from imhcli.base.files import atomic_text_writer, write_atomic
from imhcli.errors import RefuseOverwriteError


def test_write_atomic_never_replaces_a_file_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("the user's own\n", encoding="utf-8")
    with pytest.raises(RefuseOverwriteError):
        write_atomic(target, "imh's\n")
    assert target.read_text(encoding="utf-8") == "the user's own\n"
    write_atomic(target, "imh's\n", overwrite=True)
    assert target.read_text(encoding="utf-8") == "imh's\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]  # no temporary file left


def test_text_written_as_given_and_nothing_when_the_writing_fails(tmp_path: Path) -> None:
    done = tmp_path / "report.csv"
    with atomic_text_writer(done) as out:
        out.write("a,b\r\nÅse,1\n")
    assert done.read_bytes() == "a,b\r\nÅse,1\n".encode()
    failed = tmp_path / "half.csv"
    with pytest.raises(RuntimeError), atomic_text_writer(failed) as out:
        out.write("a,b\n")
        raise RuntimeError("the run stopped")
    assert not failed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]
