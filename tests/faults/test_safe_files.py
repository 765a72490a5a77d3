"""The one rule for paths (core/safe_files): what it reads, what it refuses to replace."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from backease_desktop.core import safe_files
from backease_desktop.core.safe_files import UnsafePathError


def _zero_device(folder: Path) -> Path:
    node = folder / "zero"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    return node


def test_reading_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(UnsafePathError, match="named pipe"):
        safe_files.read_bytes(fifo)


def test_reading_a_device_is_refused_not_read_in_full(
    tmp_path: Path, need_root: Callable[[str], None]
) -> None:
    need_root("mknod of a character device")
    with pytest.raises(UnsafePathError, match="a device"):
        safe_files.read_bytes(_zero_device(tmp_path))


def test_reading_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafePathError, match="a folder"):
        safe_files.read_bytes(tmp_path)


def test_reading_stops_at_the_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    with pytest.raises(UnsafePathError, match="larger than 100 bytes"):
        safe_files.read_bytes(big, limit=100)
    assert safe_files.read_bytes(big, limit=101) == b"x" * 101


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"data")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert safe_files.read_bytes(tmp_path / "link") == b"data"


def test_writing_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    safe_files.write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link", "link to folder"])
def test_writing_over_anything_but_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "missing")
    else:
        (tmp_path / "dir").mkdir()
        target.symlink_to(tmp_path / "dir")
    before = os.lstat(target)
    with pytest.raises(UnsafePathError) as caught:
        safe_files.write_bytes(target, b"x")
    assert str(target) in str(caught.value)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "kept.csv"
    target.write_bytes(b"good")

    def fail_half_way(out: IO[bytes]) -> None:
        out.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        safe_files.write_atomic(target, fail_half_way)
    assert target.read_bytes() == b"good"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_replaced_file_keeps_its_mode_and_a_new_one_is_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.write_bytes(b"a")
    shared.chmod(0o644)
    safe_files.write_bytes(shared, b"b")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    fresh = tmp_path / "fresh"
    safe_files.write_bytes(fresh, b"c")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_folder_problem_names_a_file_where_a_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / "routines").write_text("")
    problem = safe_files.folder_problem(tmp_path / "routines")
    assert problem is not None and "where a folder belongs" in problem
    assert safe_files.folder_problem(tmp_path / "missing") is None
    assert safe_files.folder_problem(tmp_path) is None
