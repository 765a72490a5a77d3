"""No data loss: a process killed with SIGKILL mid-routine leaves every committed record and
a sound file; a damaged file is moved aside byte for byte (with its -wal and -shm files),
the caller is told where, and a fresh history carries on."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore

T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC, the fake clock's start
ASIDE = "history.db.corrupt-20260101T000000Z"

# The child plays routines as fast as it can and prints a line after each call returns,
# that is after its transaction committed.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from backease_desktop.core.clock import FakeClock
    from backease_desktop.core.history import HistoryStore

    store = HistoryStore(Path(sys.argv[1]), FakeClock())
    t = 1_767_225_600.0
    while True:
        t += 1
        sid = store.start_session("desk-reset", "Desk reset, seated", t, pain_before=5)
        print("session", sid, flush=True)
        for step in range(4):
            store.record_step(sid, step, "completed", at_wall=t + step)
            print("step", sid, step, flush=True)
        store.finish_session(sid, t + 5, completed=True, pain_after=3)
        print("finished", sid, flush=True)
        bid = store.record_break(t, "taken", t + 6)
        print("break", bid, flush=True)
    """
)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def kill_writer_after(path: Path, commits: int) -> list[list[str]]:
    """Run the writer, SIGKILL it once `commits` lines are out; return the lines read."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    lines: list[list[str]] = []
    try:
        for line in child.stdout:
            lines.append(line.split())
            if len(lines) >= commits:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert len(lines) == commits, "the writer stopped before it was killed"
    return lines


def test_kill_9_in_the_middle_of_routines_keeps_every_committed_record(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    printed: list[list[str]] = []
    # Three kills at different points, each one on top of the history the last one left.
    for commits in (97, 203, 150):
        printed += kill_writer_after(path, commits)
        assert integrity(path) == "ok"

    sessions_started = {int(w[1]) for w in printed if w[0] == "session"}
    sessions_finished = {int(w[1]) for w in printed if w[0] == "finished"}
    steps = {(int(w[1]), int(w[2])) for w in printed if w[0] == "step"}
    breaks = {int(w[1]) for w in printed if w[0] == "break"}

    with HistoryStore(path, fake_clock) as history:
        stored = {s.id: s for s in history.sessions()}
        stored_breaks = {b.id for b in history.breaks()}
        assert history.recovered_from is None
    assert sessions_started <= stored.keys()
    assert sessions_finished <= {sid for sid, s in stored.items() if s.outcome == "completed"}
    for sid, step in steps:
        assert stored[sid].steps_completed >= step + 1
    assert breaks <= stored_breaks
    # Each session is whole: finished with all its steps, or unfinished (where a kill
    # landed inside a routine) with its step counts matching the steps stored.
    for session in stored.values():
        assert session.outcome in ("completed", "unfinished")
        assert session.pain_before == 5
        if session.outcome == "completed":
            assert (session.steps_completed, session.pain_after) == (4, 3)
    conn = sqlite3.connect(path)
    step_rows = dict(
        conn.execute("SELECT session_id, count(*) FROM session_steps GROUP BY session_id")
    )
    conn.close()
    assert {sid: s.steps_completed for sid, s in stored.items() if s.steps_completed} == step_rows


def test_garbage_file_is_moved_aside_byte_for_byte_and_a_fresh_one_made(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    with HistoryStore(path, fake_clock) as history:
        history.open()
        assert history.recovered_from == tmp_path / ASIDE
        bid = history.record_break(T0, "taken", T0)
        assert [b.id for b in history.breaks()] == [bid]
    assert (tmp_path / ASIDE).read_bytes() == garbage
    assert integrity(path) == "ok"


def test_truncated_file_is_moved_aside_byte_for_byte(tmp_path: Path, fake_clock: FakeClock) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock) as history:
        for n in range(300):
            sid = history.start_session("desk-reset", "Desk reset " * 20, T0 + n)
            history.finish_session(sid, T0 + n + 1, completed=True)
    whole = path.read_bytes()
    cut = whole[: len(whole) // 2]
    path.write_bytes(cut)

    with HistoryStore(path, fake_clock) as history:
        assert history.sessions() == []
        assert history.recovered_from == tmp_path / ASIDE
    assert (tmp_path / ASIDE).read_bytes() == cut


def test_damage_found_after_opening_salvages_the_rows_and_sets_the_file_aside(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock) as history:
        for n in range(300):
            history.record_break(T0, "taken", T0 + n)
    data = bytearray(path.read_bytes())
    # Scribble over the middle of the file: the header and schema still read fine, so the
    # damage only shows when the breaks are read (through an index, here).
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))

    history = HistoryStore(path, fake_clock)
    history.open()
    assert history.recovered_from is None
    salvaged = history.breaks()
    assert history.recovered_from == tmp_path / ASIDE
    assert (tmp_path / ASIDE).read_bytes() == bytes(data)
    # Every row whose table page could still be read is in the new file.
    assert history.salvaged_rows == len(salvaged) > 0
    assert {b.at_wall for b in salvaged} <= {T0 + n for n in range(300)}
    history.record_break(T0, "skipped", T0)
    assert len(history.breaks()) == len(salvaged) + 1
    history.close()
    assert integrity(path) == "ok"


def test_damaged_file_with_records_still_in_its_wal_keeps_both_byte_for_byte(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock) as history:
        for n in range(300):
            history.record_break(T0, "taken", T0 + n)
    # Later records still in the -wal file, as a killed app leaves them: copy the files
    # while the writer is open, before its close folds the -wal into the main file.
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("INSERT INTO breaks (due, outcome, at) VALUES (1, 'missed', 2)")
    saved = {s: Path(f"{path}{s}").read_bytes() for s in ("", "-wal")}
    writer.close()
    main = bytearray(saved[""])
    # Every page after the first (the header and the schema) scribbled over; the pages
    # the -wal holds newer copies of would still read fine, the others cannot.
    main[4096:] = b"\xa5" * (len(main) - 4096)
    path.write_bytes(bytes(main))
    Path(f"{path}-wal").write_bytes(saved["-wal"])
    Path(f"{path}-shm").unlink(missing_ok=True)

    with HistoryStore(path, fake_clock) as history:
        assert history.breaks() == []
        moved = history.recovered_from
    assert moved is not None
    assert moved.read_bytes() == bytes(main)
    assert Path(f"{moved}-wal").read_bytes() == saved["-wal"]
    assert integrity(path) == "ok"


def test_wal_and_shm_files_move_with_the_damaged_file(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"not a database at all" * 100)
    wal = b"W" * 4000
    shm = b"S" * 32768
    Path(f"{path}-wal").write_bytes(wal)
    Path(f"{path}-shm").write_bytes(shm)
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "taken", T0)
        moved = history.recovered_from
    assert moved is not None
    assert Path(f"{moved}-wal").read_bytes() == wal
    assert Path(f"{moved}-shm").read_bytes() == shm
    assert integrity(path) == "ok"


def test_second_damaged_file_in_the_same_second_gets_its_own_name(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    (tmp_path / ASIDE).write_bytes(b"the first damaged file")
    path.write_bytes(b"the second damaged file")
    with HistoryStore(path, fake_clock) as history:
        history.open()
        assert history.recovered_from == tmp_path / f"{ASIDE}-1"
    assert (tmp_path / ASIDE).read_bytes() == b"the first damaged file"
    assert (tmp_path / f"{ASIDE}-1").read_bytes() == b"the second damaged file"


def test_aside_name_is_the_utc_time_of_the_recovery(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"garbage")
    clock = FakeClock(wall=T0 + 3 * 3600 + 25 * 60 + 7)  # 03:25:07 UTC
    with HistoryStore(path, clock) as history:
        history.open()
        assert history.recovered_from == tmp_path / "history.db.corrupt-20260101T032507Z"


def test_session_lost_with_a_damaged_file_is_not_confused_with_a_new_one(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    history = HistoryStore(path, fake_clock)
    ids = [history.start_session("r", "R", T0 + n) for n in range(3)]
    history.close()
    path.write_bytes(b"damaged while the routine played")

    # The routine that was playing carries on: its steps have nowhere to go.
    assert history.record_step(ids[-1], 0, "completed") is False
    assert history.recovered_from is not None
    # A routine started now gets an id the lost one never had.
    newer = history.start_session("r", "R", T0 + 10)
    assert newer not in ids
    assert history.record_step(ids[-1], 1, "completed") is False
    session = history.session(newer)
    assert session is not None
    assert session.steps_completed == 0
    history.close()


@pytest.mark.parametrize("size", [1, 99, 100, 4096])
def test_short_garbage_files_are_moved_aside_too(
    tmp_path: Path, fake_clock: FakeClock, size: int
) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"\xff" * size)
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "taken", T0)
        assert history.recovered_from == tmp_path / ASIDE
    assert (tmp_path / ASIDE).read_bytes() == b"\xff" * size


def table_leaf_pages(path: Path, table: str) -> list[int]:
    """The leaf pages of a table's b-tree, read from the file's own page layout: the root
    (an interior page once the table outgrows one page) points at them."""
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = path.read_bytes()
    page = data[(root - 1) * page_size : root * page_size]
    assert page[0] == 0x05, "the table fits one page: the test needs more rows"
    cells = int.from_bytes(page[3:5], "big")
    pointers = [int.from_bytes(page[12 + 2 * i : 14 + 2 * i], "big") for i in range(cells)]
    children = [int.from_bytes(page[p : p + 4], "big") for p in pointers]
    return [*children, int.from_bytes(page[8:12], "big")]


def test_a_corrupted_table_page_costs_only_the_rows_on_it(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock) as history:
        for n in range(40):
            sid = history.start_session("desk-reset", f"Desk reset {n}", T0 + n, pain_before=4)
            history.record_step(sid, 0, "completed", at_wall=T0 + n)
            history.finish_session(sid, T0 + n + 1, completed=True, pain_after=2)
        for n in range(2000):
            history.record_break(T0, "taken", T0 + n)
        sessions_before = history.sessions()
        breaks_before = history.breaks()
    leaves = table_leaf_pages(path, "breaks")
    damaged_page = leaves[len(leaves) // 2]
    page_size = 4096
    data = bytearray(path.read_bytes())
    data[(damaged_page - 1) * page_size : damaged_page * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))

    with HistoryStore(path, fake_clock) as history:
        breaks_after = history.breaks()  # through an index: meets the damaged page
        assert history.recovered_from == tmp_path / ASIDE
        # Table by table: the sessions (and their steps) were not on the bad page.
        assert history.sessions() == sessions_before
        # The breaks lost are those of one page, the rest are kept as they were.
        assert set(breaks_after) < set(breaks_before)
        assert len(breaks_after) > len(breaks_before) - 200
        # Ids go on from where the damaged file had got to.
        assert history.record_break(T0, "missed", T0 + 9999) == len(breaks_before) + 1
    assert (tmp_path / ASIDE).read_bytes() == bytes(data)
    assert integrity(path) == "ok"
