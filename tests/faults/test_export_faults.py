"""`--export-history` against hostile targets and unusable histories: it either writes a
complete CSV or exits non-zero with one sentence, and then the target is exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore

GOOD_CSV = "kind,id\nsession,1\n"


def _history_with_breaks(data: Path, count: int = 3) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    path = data / "history.db"
    clock = FakeClock()
    with HistoryStore(path, clock) as store:
        for n in range(count):
            at = clock.wall() + n * 3600
            store.record_break(at, "taken", at + 60)
    return path


def _good_backup(sandbox: object, name: str = "backup.csv") -> Path:
    target: Path = sandbox.path(name)  # type: ignore[attr-defined]
    target.write_text(GOOD_CSV)
    return target


def test_symlink_to_a_file_is_written_through_and_stays_a_link(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    real = _good_backup(sandbox, "real.csv")
    link = sandbox.path("link.csv")
    link.symlink_to(real)
    result = sandbox.run("--export-history", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text().count("break,") == 3


def test_dangling_symlink_is_refused_and_left_alone(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    link = sandbox.path("link.csv")
    link.symlink_to(sandbox.path("nowhere", "file.csv"))
    result = sandbox.run("--export-history", str(link))
    assert result.returncode == 1
    assert "symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert link.is_symlink() and not link.exists()


def test_fifo_target_is_refused_without_hanging(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    fifo = sandbox.path("pipe.csv")
    os.mkfifo(fifo)
    result = sandbox.run("--export-history", str(fifo), timeout=20)
    assert result.returncode == 1
    assert "named pipe" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_device_node_target_is_not_replaced(sandbox, need_root) -> None:
    need_root("mknod of a character device")
    _history_with_breaks(sandbox.data)
    node = sandbox.path("null")
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = sandbox.run("--export-history", str(node))
    assert result.returncode == 1
    assert "a device" in result.stderr
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_symlink_to_a_device_is_refused(sandbox, need_root) -> None:
    need_root("mknod of a character device")
    _history_with_breaks(sandbox.data)
    node = sandbox.path("null")
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    link = sandbox.path("link.csv")
    link.symlink_to(node)
    result = sandbox.run("--export-history", str(link))
    assert result.returncode == 1
    assert "symbolic link to a device" in result.stderr
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(node).st_mode)


def test_folder_target_is_refused(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    folder = sandbox.path("exports")
    folder.mkdir()
    result = sandbox.run("--export-history", str(folder))
    assert result.returncode == 1
    assert "a folder" in result.stderr and "Traceback" not in result.stderr
    assert folder.is_dir() and not any(folder.iterdir())


def test_dash_writes_to_standard_output(sandbox) -> None:
    _history_with_breaks(sandbox.data, count=2)
    result = sandbox.run("--export-history", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("kind,id,time")
    assert result.stdout.count("break,") == 2
    assert not sandbox.path("-").exists()


def test_newer_history_exits_non_zero_and_keeps_the_backup(sandbox) -> None:
    path = _history_with_breaks(sandbox.data)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    target = _good_backup(sandbox)
    result = sandbox.run("--export-history", str(target))
    assert result.returncode == 1
    assert "nothing was exported" in result.stderr
    assert target.read_text() == GOOD_CSV


def test_folder_in_place_of_history_exits_non_zero(sandbox) -> None:
    (sandbox.data / "history.db").mkdir(parents=True)
    target = _good_backup(sandbox)
    result = sandbox.run("--export-history", str(target))
    assert result.returncode == 1
    assert "history.db" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == GOOD_CSV
    assert (sandbox.data / "history.db").is_dir()


def test_fifo_in_place_of_history_neither_hangs_nor_exports(sandbox) -> None:
    sandbox.data.mkdir(parents=True)
    os.mkfifo(sandbox.data / "history.db")
    target = _good_backup(sandbox)
    result = sandbox.run("--export-history", str(target), timeout=20)
    assert result.returncode == 1
    assert "named pipe" in result.stderr
    assert target.read_text() == GOOD_CSV
    assert stat.S_ISFIFO(os.lstat(sandbox.data / "history.db").st_mode)


def test_locked_history_exits_non_zero_and_keeps_the_backup(sandbox) -> None:
    path = _history_with_breaks(sandbox.data)
    target = _good_backup(sandbox)
    # Another process holds an exclusive lock that keeps readers out too (rollback
    # journal, locking_mode EXCLUSIVE after a write).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode = DELETE')\n"
            "c.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute('UPDATE breaks SET outcome = outcome')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        result = sandbox.run("--export-history", str(target), timeout=40)
    finally:
        holder.communicate("", timeout=10)
    assert result.returncode == 1
    assert "nothing was exported" in result.stderr
    assert target.read_text() == GOOD_CSV


def test_unreadable_data_folder_exits_non_zero_and_keeps_the_backup(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    target = _good_backup(sandbox)
    sandbox.give_away(sandbox.root)
    sandbox.data.chmod(0)
    result = sandbox.run("--export-history", str(target), unprivileged=True)
    assert result.returncode == 1
    assert "nothing was exported" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == GOOD_CSV


def test_read_only_target_folder_is_reported_and_left_alone(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    folder = sandbox.path("kept")
    folder.mkdir()
    target = folder / "backup.csv"
    target.write_text(GOOD_CSV)
    sandbox.give_away(sandbox.root)
    folder.chmod(0o555)
    result = sandbox.run("--export-history", str(target), unprivileged=True)
    assert result.returncode == 1
    assert str(folder) in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == GOOD_CSV


@pytest.mark.parametrize("name", ["backup.csv"])
def test_an_export_replaces_a_good_file_only_with_a_complete_one(sandbox, name: str) -> None:
    _history_with_breaks(sandbox.data, count=4)
    target = _good_backup(sandbox, name)
    target.chmod(0o640)
    result = sandbox.run("--export-history", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text().count("break,") == 4
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "wrote 4 record(s)" in result.stderr


def test_read_only_data_folder_exits_non_zero_and_keeps_the_backup(sandbox) -> None:
    _history_with_breaks(sandbox.data)
    target = _good_backup(sandbox)
    sandbox.give_away(sandbox.root)
    sandbox.data.chmod(0o555)
    result = sandbox.run("--export-history", str(target), unprivileged=True)
    # Either every record, or a clear refusal with the backup untouched: never a short file.
    if result.returncode == 0:
        assert target.read_text().count("break,") == 3
    else:
        assert result.returncode == 1
        assert "nothing was exported" in result.stderr and "Traceback" not in result.stderr
        assert target.read_text() == GOOD_CSV


def test_a_history_set_aside_during_the_export_keeps_the_backup(
    profile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backease_desktop import cli
    from backease_desktop.core.history import default_path

    _history_with_breaks(default_path().parent)
    target = profile / "backup.csv"
    target.write_text(GOOD_CSV)
    real_export = HistoryStore.export_csv

    def damaged_half_way(self: HistoryStore, out: object, tz: object = None) -> int:
        # As the store does when it finds damage mid-read: set the file aside, go on with
        # a fresh, empty one.
        self._file.recovered_from = self.path.with_name("history.db.corrupt-test")
        return real_export(self, out)  # type: ignore[arg-type]

    monkeypatch.setattr(HistoryStore, "export_csv", damaged_half_way)
    assert cli.main(["--export-history", str(target)]) == 1
    assert "set aside" in capsys.readouterr().err
    assert target.read_text() == GOOD_CSV
    assert not [p for p in profile.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_the_store_never_opens_a_non_regular_history_file(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.db"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    store = HistoryStore(path, FakeClock())
    store.open()  # returns at once: what the Progress page does first
    assert store.unavailable_reason is not None
    assert str(path) in store.unavailable_reason
    assert store.progress().streak_days == 0  # the page can be drawn
    assert stat.S_ISFIFO(os.lstat(path).st_mode) if kind == "fifo" else path.is_dir()
    assert [p.name for p in folder.iterdir()] == ["history.db"]  # nothing moved aside
    store.close()
