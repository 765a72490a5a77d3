"""Plans follow the one rule for every path: `--export-routine` never replaces what is not a
regular file (a FIFO, a device, a folder, a link to one), writes through a link to a regular
file, and leaves the target as it was when it refuses; an import copies only regular files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from backease_desktop import cli


def test_export_routine_refuses_a_fifo_and_leaves_it(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = profile / "plan.yaml"
    os.mkfifo(target)
    assert cli.main(["--export-routine", "desk-break", str(target)]) != 0
    assert "named pipe" in capsys.readouterr().err
    assert Path(target).is_fifo()


def test_export_routine_refuses_a_link_to_a_folder(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = profile / "somewhere"
    folder.mkdir()
    link = profile / "plan.yaml"
    link.symlink_to(folder)
    assert cli.main(["--export-routine", "desk-break", str(link)]) != 0
    assert link.is_symlink() and folder.is_dir() and list(folder.iterdir()) == []
    assert "not written" in capsys.readouterr().err


def test_export_routine_writes_through_a_link_to_a_regular_file(profile: Path) -> None:
    real = profile / "shared" / "plan.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = profile / "plan.yaml"
    link.symlink_to(real)
    assert cli.main(["--export-routine", "desk-break", str(link)]) == 0
    assert link.is_symlink()
    assert "id: desk-break" in real.read_text()


def test_export_routine_refuses_a_device_node(
    profile: Path, capsys: pytest.CaptureFixture[str], need_root: Callable[[str], None]
) -> None:
    need_root("mknod of a device node")
    target = profile / "null"
    os.mknod(target, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, like /dev/null
    assert cli.main(["--export-routine", "desk-break", str(target)]) != 0
    assert target.is_char_device()
    assert "device" in capsys.readouterr().err
