"""The history under a failing disk: a lock held by another program, a full disk, a
read-only file, a FIFO or a folder where the file belongs. Each record is kept in memory in
order, the problem is said, the file is tried again on the clock's deadlines, and the
record lands once the file takes it; nothing waits long and nothing is lost."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import (
    HistoryStore,
    HistoryUnavailableError,
    ProblemKind,
)
from backease_desktop.core.history.problems import RETRY_DELAYS_S, unmasked

T0 = 1_767_225_600.0


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.db"


@pytest.fixture
def store(path: Path, fake_clock: FakeClock) -> Iterator[HistoryStore]:
    # No busy wait at all: a lock is met at once, and no test waits real time.
    history = HistoryStore(path, fake_clock, busy_timeout_s=0)
    history.open()
    yield history
    history.close()


def read_back(path: Path) -> tuple[list[tuple[str, float]], list[tuple[str, int, int]]]:
    """(breaks as (outcome, at), sessions as (routine, steps completed, completed)) as a
    second store, another process, sees them."""
    with HistoryStore(path, FakeClock()) as other:
        breaks = [(b.outcome, b.at_wall) for b in other.breaks()]
        sessions = [(s.routine_id, s.steps_completed, int(s.completed)) for s in other.sessions()]
    return breaks, sessions


def hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_record_met_by_a_lock_waits_in_memory_and_is_written_once_the_lock_goes(
    store: HistoryStore, path: Path, fake_clock: FakeClock
) -> None:
    other = hold_write_lock(path)
    assert store.record_break(T0, "taken", T0 + 1) is None
    problem = store.save_problem
    assert problem is not None and problem.kind is ProblemKind.LOCKED
    assert store.unavailable_reason == f"another program is using the history file {path}"
    assert store.waiting_records == 1
    # Later records queue behind it, in order, without trying the file before the deadline.
    session = store.start_session("desk-reset", "Desk reset", T0 + 2)
    assert store.record_step(session, 0, "completed", at_wall=T0 + 3)
    assert store.finish_session(session, T0 + 4, completed=True)
    assert store.waiting_records == 4
    assert store.retry_due_at == fake_clock.monotonic() + RETRY_DELAYS_S[0]

    other.execute("COMMIT")
    other.close()
    fake_clock.advance(RETRY_DELAYS_S[0])
    assert store.retry_pending() == 4
    assert store.waiting_records == 0
    assert store.unavailable_reason is None
    assert store.retry_due_at is None
    assert read_back(path) == ([("taken", T0 + 1)], [("desk-reset", 1, 1)])


def test_a_lock_still_held_at_the_deadline_moves_the_next_try_later(
    store: HistoryStore, path: Path, fake_clock: FakeClock
) -> None:
    other = hold_write_lock(path)
    store.record_break(T0, "taken", T0)
    fake_clock.advance(RETRY_DELAYS_S[0])
    assert store.retry_pending() == 0
    assert store.retry_due_at == fake_clock.monotonic() + RETRY_DELAYS_S[1]
    other.execute("ROLLBACK")
    other.close()
    # The next record finds the deadline passed and writes what waited first.
    fake_clock.advance(RETRY_DELAYS_S[1])
    store.record_break(T0, "skipped", T0 + 5)
    assert store.waiting_records == 0
    assert read_back(path)[0] == [("taken", T0), ("skipped", T0 + 5)]


def test_a_lock_held_when_the_store_opens_does_not_send_history_to_memory(
    path: Path, fake_clock: FakeClock
) -> None:
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "missed", T0)
    other = hold_write_lock(path)
    history = HistoryStore(path, fake_clock, busy_timeout_s=0)
    history.record_break(T0, "taken", T0 + 1)
    # The file is open (and read) as usual; only the record waits.
    assert history.save_problem is not None
    assert history.save_problem.kind is ProblemKind.LOCKED
    assert [b.outcome for b in history.breaks()] == ["missed"]
    other.execute("ROLLBACK")
    other.close()
    fake_clock.advance(RETRY_DELAYS_S[0])
    assert history.retry_pending() == 1
    assert [b.outcome for b in history.breaks()] == ["missed", "taken"]
    history.close()


LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO breaks (due, outcome, at) VALUES (1, 'missed', 1)")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    """
)


def test_a_lock_held_by_another_process_loses_nothing(
    store: HistoryStore, path: Path, fake_clock: FakeClock
) -> None:
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdin is not None and locker.stdout is not None
    try:
        assert locker.stdout.readline().strip() == "locked"
        session = store.start_session("during-a-spasm", "During a spasm", T0)
        store.record_step(session, 0, "completed", at_wall=T0 + 1)
        assert store.waiting_records == 2
        assert store.save_problem is not None
        assert store.save_problem.kind is ProblemKind.LOCKED
        locker.stdin.write("release\n")
        locker.stdin.flush()
        assert locker.wait(timeout=30) == 0
    finally:
        locker.kill()
        locker.wait()
        locker.stdin.close()
        locker.stdout.close()
    fake_clock.advance(RETRY_DELAYS_S[0])
    store.finish_session(session, T0 + 2, completed=True)
    assert store.waiting_records == 0
    breaks, sessions = read_back(path)
    assert breaks == [("missed", 1.0)]  # the other process's write is there too
    assert sessions == [("during-a-spasm", 1, 1)]


def test_a_session_started_while_the_file_was_locked_keeps_its_id_or_is_mapped(
    store: HistoryStore, path: Path, fake_clock: FakeClock
) -> None:
    first = store.start_session("r", "R", T0)
    other = hold_write_lock(path)
    # Another writer takes the next id while ours waits.
    other.execute(
        "INSERT INTO sessions (id, routine_id, routine_title, started, last_activity) "
        "VALUES (?, 'x', 'X', 0, 0)",
        (first + 1,),
    )
    waiting = store.start_session("r", "R", T0 + 10)
    assert waiting == first + 1
    store.record_step(waiting, 0, "skipped", at_wall=T0 + 11)
    other.execute("COMMIT")
    other.close()
    fake_clock.advance(RETRY_DELAYS_S[0])
    store.retry_pending()
    # Our session got the next free id, and its step followed it there; the id the
    # caller holds still finds it.
    (mine,) = [s for s in store.sessions() if s.started_wall == T0 + 10]
    assert mine.id > first + 1
    assert mine.steps_skipped == 1
    assert store.record_step(waiting, 1, "completed", at_wall=T0 + 12)
    assert store.session(waiting) == replace(mine, steps_completed=1, last_activity_wall=T0 + 12)


def fill_to_the_page_limit(store: HistoryStore) -> sqlite3.Connection:
    """SQLite's own page limit stands in for a full disk: SQLITE_FULL, as a full disk
    gives (a tiny file system cannot be made here)."""
    conn = store._file.connection()
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return conn


def test_a_full_disk_is_reported_and_the_records_are_written_once_there_is_room(
    store: HistoryStore, path: Path, fake_clock: FakeClock
) -> None:
    conn = fill_to_the_page_limit(store)
    recorded: list[float] = []
    for n in range(2000):
        recorded.append(T0 + n)
        store.record_break(T0, "taken", T0 + n)
        if store.waiting_records:
            break
    problem = store.save_problem
    assert problem is not None and problem.kind is ProblemKind.FULL
    assert store.unavailable_reason == (
        f"the disk holding the history file {path} is full; "
        "freeing some space lets BackEase save again"
    )
    store.record_break(T0, "missed", T0 + 5000)
    recorded.append(T0 + 5000)
    assert store.waiting_records == 2

    conn.execute("PRAGMA max_page_count = 1073741823")  # room again
    fake_clock.advance(RETRY_DELAYS_S[0])
    assert store.retry_pending() == 2
    assert [at for _, at in read_back(path)[0]] == recorded


def test_an_export_while_records_wait_includes_them(
    store: HistoryStore, path: Path, tmp_path: Path
) -> None:
    store.record_break(T0, "taken", T0)
    other = hold_write_lock(path)
    session = store.start_session("desk-reset", "Desk reset", T0 + 60)
    store.record_step(session, 0, "completed", at_wall=T0 + 61)
    target = tmp_path / "out.csv"
    try:
        assert store.export_csv(target) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["break", "session"]
    assert lines[2].split(",")[8] == "1"  # the step that waited counts


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_something_other_than_a_file_at_the_path_is_reported_and_left_alone(
    path: Path, fake_clock: FakeClock, tmp_path: Path, kind: str
) -> None:
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    history = HistoryStore(path, fake_clock, busy_timeout_s=0)
    history.open()  # a FIFO opened for reading would block here
    reason = history.unavailable_reason
    assert reason is not None and str(path) in reason
    assert history.save_problem is not None
    assert history.save_problem.kind is ProblemKind.UNAVAILABLE
    # Records are kept (and read back) in memory meanwhile.
    history.record_break(T0, "taken", T0)
    assert [b.outcome for b in history.breaks()] == ["taken"]
    assert history.waiting_records == 1
    # An export says it cannot read the file rather than writing an empty one... unless
    # there are records of this run to give: here there is one.
    assert history.export_csv(tmp_path / "out.csv") == 1
    assert path.is_dir() if kind == "folder" else path.is_fifo()
    assert not list(tmp_path.glob("history.db.corrupt-*"))
    history.close()


def test_an_export_of_a_history_that_cannot_be_read_fails_clearly_and_writes_nothing(
    path: Path, fake_clock: FakeClock, tmp_path: Path
) -> None:
    path.mkdir()
    target = tmp_path / "backup.csv"
    target.write_text("the user's earlier export\n", encoding="utf-8")
    with (
        HistoryStore(path, fake_clock) as history,
        pytest.raises(HistoryUnavailableError, match="cannot be read"),
    ):
        history.export_csv(target)
    assert target.read_text(encoding="utf-8") == "the user's earlier export\n"


def test_a_history_kept_in_memory_goes_back_to_the_file_once_it_can(
    path: Path, fake_clock: FakeClock
) -> None:
    path.mkdir()
    history = HistoryStore(path, fake_clock, busy_timeout_s=0)
    session = history.start_session("desk-reset", "Desk reset", T0)
    history.record_step(session, 0, "completed", at_wall=T0 + 1)
    fake_clock.advance(RETRY_DELAYS_S[0])
    assert history.retry_pending() == 0  # still a folder
    assert history.retry_due_at == fake_clock.monotonic() + RETRY_DELAYS_S[1]
    path.rmdir()
    fake_clock.advance(RETRY_DELAYS_S[1])
    assert history.retry_pending() == 2
    assert history.unavailable_reason is None
    history.finish_session(session, T0 + 2, completed=True)
    history.close()
    assert read_back(path)[1] == [("desk-reset", 1, 1)]


def test_a_disk_error_hidden_behind_a_failed_commit_is_the_one_reported() -> None:
    try:
        try:
            raise sqlite3.OperationalError("disk I/O error")
        finally:
            raise sqlite3.OperationalError("cannot commit - no transaction is active")
    except sqlite3.OperationalError as exc:
        assert str(unmasked(exc)) == "disk I/O error"


# -- files the user may not write or read, as a user without root's power over modes ------

# The code under test runs in a child that drops to the unprivileged user "nobody" once
# Python and the modules it needs are loaded (root ignores file modes, so a test run as
# root would prove nothing; and root's Python may live where nobody can read it). The
# child records a break, says what the store reported, gives `argv[2]` back its usual mode
# (the user fixing it) and tries again.
UNPRIVILEGED_CHILD = textwrap.dedent(
    """
    import csv, heapq, json, os, sqlite3, sys, tempfile
    from pathlib import Path
    from backease_desktop.core.clock import FakeClock
    from backease_desktop.core.history import HistoryStore
    from backease_desktop.core.history import export  # loaded before the drop
    from backease_desktop.core.history.problems import RETRY_DELAYS_S

    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    path, fixed = Path(sys.argv[1]), Path(sys.argv[2])
    clock = FakeClock()
    store = HistoryStore(path, clock, busy_timeout_s=0)
    out = {"uid": os.geteuid()}
    store.record_break(1.0, "taken", 2e9)
    problem = store.save_problem
    out["kind"] = problem.kind.value if problem else None
    out["reason"] = store.unavailable_reason
    out["waiting"] = store.waiting_records
    fixed.chmod(int(sys.argv[3], 8))
    clock.advance(RETRY_DELAYS_S[0])
    out["written"] = store.retry_pending()
    out["after"] = store.unavailable_reason
    store.close()
    with HistoryStore(path, FakeClock()) as again:
        out["breaks"] = [b.outcome for b in again.breaks()]
    print(json.dumps(out))
    """
)


def run_unprivileged(tmp_path: Path, path: Path, fixed: Path, mode: int) -> dict[str, object]:
    """Run UNPRIVILEGED_CHILD on `path`; it sets `fixed` to `mode` half-way."""
    if os.geteuid() == 0:
        # Reachable, and owned by the unprivileged user so that it may fix its own files.
        for parent in (tmp_path, *tmp_path.parents):
            if parent != Path("/"):
                parent.chmod(parent.stat().st_mode | 0o711)
        for item in (path.parent, *path.parent.iterdir()):
            os.chown(item, 65534, 65534)
    result = subprocess.run(
        [sys.executable, "-c", UNPRIVILEGED_CHILD, str(path), str(fixed), oct(mode)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, object] = json.loads(result.stdout)
    assert out["uid"] != 0
    return out


@pytest.fixture
def history_with_a_break(tmp_path: Path, fake_clock: FakeClock) -> Path:
    path = tmp_path / "data" / "history.db"
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "missed", T0)
    return path


def test_a_read_only_file_is_reported_kept_in_memory_and_written_once_writable(
    tmp_path: Path, history_with_a_break: Path
) -> None:
    path = history_with_a_break
    path.chmod(0o444)
    out = run_unprivileged(tmp_path, path, path, 0o644)
    assert out["kind"] == "read-only"
    assert out["reason"] == (
        f"the history file {path} cannot be written to; making it writable lets BackEase save again"
    )
    assert out["waiting"] == 1
    assert out["written"] == 1
    assert out["after"] is None
    assert out["breaks"] == ["missed", "taken"]


def test_an_unreadable_file_is_reported_and_used_again_once_readable(
    tmp_path: Path, history_with_a_break: Path
) -> None:
    path = history_with_a_break
    path.chmod(0o000)
    out = run_unprivileged(tmp_path, path, path, 0o644)
    assert out["kind"] == "unavailable"
    assert out["reason"] == f"{path} cannot be used (Permission denied)"
    assert (out["waiting"], out["written"], out["after"]) == (1, 1, None)
    assert out["breaks"] == ["missed", "taken"]


def test_a_read_only_folder_is_reported_and_used_again_once_writable(
    tmp_path: Path, history_with_a_break: Path
) -> None:
    path = history_with_a_break
    path.parent.chmod(0o555)  # SQLite cannot make the -wal and -shm files beside it
    out = run_unprivileged(tmp_path, path, path.parent, 0o755)
    assert out["kind"] == "unavailable"
    assert out["reason"] == (
        f"the folder {path.parent} cannot be written to; "
        "making it writable lets BackEase save again"
    )
    assert (out["waiting"], out["written"], out["after"]) == (1, 1, None)
    assert out["breaks"] == ["missed", "taken"]


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_export_history_from_the_command_line_fails_clearly_when_history_cannot_be_read(
    profile: Path, tmp_path: Path, kind: str
) -> None:
    data = profile / ".local/share/BackEase"
    data.mkdir(parents=True)
    if kind == "folder":
        (data / "history.db").mkdir()
    else:
        os.mkfifo(data / "history.db")
    target = tmp_path / "backup.csv"
    target.write_text("an earlier export\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "backease_desktop", "--export-history", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "history.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "an earlier export\n"


def test_a_disk_error_during_an_export_is_a_clear_error_not_a_traceback(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backease_desktop.core.history import export

    def fails_as_a_full_disk_does(*_args: object) -> int:
        try:
            raise sqlite3.OperationalError("disk I/O error")
        finally:
            raise sqlite3.OperationalError("cannot commit - no transaction is active")

    monkeypatch.setattr(export, "export_csv", fails_as_a_full_disk_does)
    with pytest.raises(HistoryUnavailableError, match=r"disk I/O error.*may be full"):
        store.export_csv(tmp_path / "out.csv")
