"""The history store's writes and reads: every record kind round-trips, each write is
committed when the call returns, bad values are refused, and Delete all leaves nothing."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backease_desktop.core import paths
from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore, default_path

PARIS = ZoneInfo("Europe/Paris")
T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC, the fake clock's start


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.db"


@pytest.fixture
def store(db_path: Path, fake_clock: FakeClock) -> Iterator[HistoryStore]:
    history = HistoryStore(db_path, fake_clock, tz=PARIS)
    yield history
    history.close()


def other_connection(path: Path) -> sqlite3.Connection:
    """A second reader, as the command-line export would be: it sees only what was committed."""
    return sqlite3.connect(path)


def test_default_file_is_history_db_in_the_data_folder() -> None:
    assert default_path() == paths.data_dir() / "history.db"


def test_nothing_is_opened_until_first_use(db_path: Path, fake_clock: FakeClock) -> None:
    history = HistoryStore(db_path, fake_clock)
    assert not db_path.exists()
    history.breaks()
    assert db_path.exists()
    history.close()


def test_open_makes_the_folder_and_the_file(db_path: Path, store: HistoryStore) -> None:
    store.open()
    assert db_path.is_file()
    assert store.recovered_from is None
    assert store.unavailable_reason is None


def test_file_is_in_wal_mode(db_path: Path, store: HistoryStore) -> None:
    store.open()
    with other_connection(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_session_round_trips_with_steps_and_pain(store: HistoryStore) -> None:
    sid = store.start_session("desk-reset", "Desk reset", T0, pain_before=6)
    store.record_step(sid, 0, "completed", at_wall=T0 + 60)
    store.record_step(sid, 1, "skipped", at_wall=T0 + 70)
    store.record_step(sid, 2, "completed", at_wall=T0 + 130)
    store.finish_session(sid, T0 + 140, completed=True, pain_after=3)

    [session] = store.sessions()
    assert session.id == sid
    assert session.routine_id == "desk-reset"
    assert session.routine_title == "Desk reset"
    assert session.started_wall == T0
    assert session.ended_wall == T0 + 140
    assert session.last_activity_wall == T0 + 140
    assert session.completed is True
    assert session.outcome == "completed"
    assert (session.steps_completed, session.steps_skipped) == (2, 1)
    assert (session.pain_before, session.pain_after) == (6, 3)
    assert store.session(sid) == session


def test_session_is_committed_at_start_and_at_every_step(
    db_path: Path, store: HistoryStore
) -> None:
    sid = store.start_session("morning", "Morning loosen-up", T0)
    with other_connection(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    store.record_step(sid, 0, "completed", at_wall=T0 + 30)
    with other_connection(db_path) as conn:
        row = conn.execute("SELECT steps_completed FROM sessions WHERE id = ?", (sid,))
        assert row.fetchone()[0] == 1


def test_recording_a_step_again_replaces_it_instead_of_counting_twice(
    store: HistoryStore,
) -> None:
    sid = store.start_session("morning", "Morning", T0)
    store.record_step(sid, 0, "skipped", at_wall=T0 + 10)
    store.record_step(sid, 0, "completed", at_wall=T0 + 20)
    session = store.session(sid)
    assert session is not None
    assert (session.steps_completed, session.steps_skipped) == (1, 0)


def test_step_time_defaults_to_the_clock(store: HistoryStore, fake_clock: FakeClock) -> None:
    sid = store.start_session("morning", "Morning", T0)
    fake_clock.advance(95)
    store.record_step(sid, 0, "completed")
    session = store.session(sid)
    assert session is not None
    assert session.last_activity_wall == T0 + 95


def test_session_left_unfinished_stays_visible_as_unfinished(
    db_path: Path, fake_clock: FakeClock
) -> None:
    first = HistoryStore(db_path, fake_clock)
    sid = first.start_session("acute-spasm", "Caught by a spasm", T0, pain_before=8)
    first.record_step(sid, 0, "completed", at_wall=T0 + 45)
    first.close()  # the app goes away without finishing the routine

    again = HistoryStore(db_path, fake_clock)
    session = again.session(sid)
    again.close()
    assert session is not None
    assert session.outcome == "unfinished"
    assert session.ended_wall is None
    assert session.last_activity_wall == T0 + 45
    assert session.pain_before == 8


def test_stopped_session_is_stopped_not_completed(store: HistoryStore) -> None:
    sid = store.start_session("morning", "Morning", T0)
    store.finish_session(sid, T0 + 100, completed=False)
    session = store.session(sid)
    assert session is not None
    assert session.outcome == "stopped"


def test_finish_keeps_pain_before_given_at_start(store: HistoryStore) -> None:
    sid = store.start_session("morning", "Morning", T0, pain_before=5)
    store.finish_session(sid, T0 + 100, completed=True, pain_after=2)
    session = store.session(sid)
    assert session is not None
    assert (session.pain_before, session.pain_after) == (5, 2)


def test_finish_can_give_pain_before_when_it_was_asked_late(store: HistoryStore) -> None:
    sid = store.start_session("morning", "Morning", T0)
    store.finish_session(sid, T0 + 100, completed=True, pain_after=2, pain_before=4)
    session = store.session(sid)
    assert session is not None
    assert (session.pain_before, session.pain_after) == (4, 2)


def test_pain_after_can_be_added_once_the_routine_is_over(store: HistoryStore) -> None:
    sid = store.start_session("morning", "Morning", T0, pain_before=7)
    store.finish_session(sid, T0 + 100, completed=True)
    assert store.set_pain(sid, after=4)
    session = store.session(sid)
    assert session is not None
    assert (session.pain_before, session.pain_after) == (7, 4)


@pytest.mark.parametrize("outcome", ["taken", "snoozed", "skipped", "missed", "declined"])
def test_break_round_trips(store: HistoryStore, outcome: str) -> None:
    bid = store.record_break(T0, outcome, T0 + 42.5)  # type: ignore[arg-type]
    [record] = store.breaks()
    assert (record.id, record.due_wall, record.outcome, record.at_wall) == (
        bid,
        T0,
        outcome,
        T0 + 42.5,
    )


def test_sessions_between_two_instants_include_the_start_and_exclude_the_end(
    store: HistoryStore,
) -> None:
    ids = [store.start_session("r", "R", T0 + 100 * n) for n in range(4)]
    picked = store.sessions(since=T0 + 100, until=T0 + 300)
    assert [s.id for s in picked] == ids[1:3]


def test_breaks_between_two_instants_go_by_when_they_happened(store: HistoryStore) -> None:
    early = store.record_break(T0, "taken", T0 + 10)
    store.record_break(T0, "skipped", T0 + 500)
    assert [b.id for b in store.breaks(since=T0 + 5, until=T0 + 100)] == [early]


def test_records_come_back_oldest_first_whatever_order_they_were_written(
    store: HistoryStore,
) -> None:
    store.record_break(T0, "taken", T0 + 300)
    store.record_break(T0, "missed", T0 + 100)
    assert [b.at_wall for b in store.breaks()] == [T0 + 100, T0 + 300]


@pytest.mark.parametrize("pain", [-1, 11, 3.5, True, "5", math.nan])
def test_pain_outside_0_to_10_is_refused(store: HistoryStore, pain: object) -> None:
    with pytest.raises(ValueError):
        store.start_session("r", "R", T0, pain_before=pain)  # type: ignore[arg-type]
    assert store.sessions() == []


@pytest.mark.parametrize("pain", [0, 10])
def test_pain_of_0_and_10_is_accepted(store: HistoryStore, pain: int) -> None:
    sid = store.start_session("r", "R", T0, pain_before=pain)
    store.finish_session(sid, T0 + 1, completed=True, pain_after=pain)
    session = store.session(sid)
    assert session is not None
    assert (session.pain_before, session.pain_after) == (pain, pain)


def test_bad_pain_after_leaves_the_session_unfinished(store: HistoryStore) -> None:
    sid = store.start_session("r", "R", T0)
    with pytest.raises(ValueError):
        store.finish_session(sid, T0 + 1, completed=True, pain_after=12)
    session = store.session(sid)
    assert session is not None
    assert session.outcome == "unfinished"


def test_set_pain_refuses_bad_values(store: HistoryStore) -> None:
    sid = store.start_session("r", "R", T0)
    with pytest.raises(ValueError):
        store.set_pain(sid, before=-3)


def test_unknown_break_outcome_is_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError):
        store.record_break(T0, "ignored", T0)  # type: ignore[arg-type]
    assert store.breaks() == []


def test_unknown_step_outcome_is_refused(store: HistoryStore) -> None:
    sid = store.start_session("r", "R", T0)
    with pytest.raises(ValueError):
        store.record_step(sid, 0, "done")  # type: ignore[arg-type]


@pytest.mark.parametrize("index", [-1, 1.0, True])
def test_step_index_must_be_a_whole_number_from_0(store: HistoryStore, index: object) -> None:
    sid = store.start_session("r", "R", T0)
    with pytest.raises(ValueError):
        store.record_step(sid, index, "completed")  # type: ignore[arg-type]


@pytest.mark.parametrize("when", [math.nan, math.inf, -math.inf])
def test_times_must_be_finite(store: HistoryStore, when: float) -> None:
    with pytest.raises(ValueError):
        store.record_break(when, "taken", T0)
    with pytest.raises(ValueError):
        store.start_session("r", "R", when)


def test_step_for_a_session_not_in_the_history_writes_nothing(store: HistoryStore) -> None:
    assert store.record_step(99, 0, "completed") is False
    assert store.finish_session(99, T0, completed=True) is False
    assert store.set_pain(99, after=2) is False
    assert store.sessions() == []


def test_delete_all_removes_every_record(store: HistoryStore) -> None:
    sid = store.start_session("r", "R", T0)
    store.record_step(sid, 0, "completed", at_wall=T0 + 1)
    store.record_break(T0, "taken", T0)
    store.delete_all()
    assert store.sessions() == []
    assert store.breaks() == []
    assert store.progress(now=T0).streak_days == 0


def test_delete_all_leaves_no_trace_of_the_records_in_the_files(
    db_path: Path, store: HistoryStore
) -> None:
    title = "Unforgettable-Routine-Title"
    for n in range(50):
        sid = store.start_session("secret-routine-id", title, T0 + n)
        store.finish_session(sid, T0 + n + 1, completed=True)
    store.delete_all()
    leftovers = b"".join(
        p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith("history.db")
    )
    assert title.encode() not in leftovers
    assert b"secret-routine-id" not in leftovers


def test_delete_all_removes_migration_backups_but_not_damaged_copies(
    db_path: Path, store: HistoryStore
) -> None:
    store.open()
    backup = db_path.with_name("history.db.bak-v1")
    backup.write_bytes(b"old history")
    damaged = db_path.with_name("history.db.corrupt-20250101T000000Z")
    damaged.write_bytes(b"damaged history")
    left = store.delete_all()
    assert not backup.exists()
    assert damaged.read_bytes() == b"damaged history"
    assert left == (damaged,)


def test_session_ids_are_not_reused_after_delete_all(store: HistoryStore) -> None:
    playing = store.start_session("r", "R", T0)
    store.delete_all()
    newer = store.start_session("r", "R", T0 + 10)
    assert newer != playing
    # The routine that was playing during the delete cannot write into the new session.
    assert store.record_step(playing, 0, "completed") is False
    session = store.session(newer)
    assert session is not None
    assert session.steps_completed == 0


def test_store_can_be_used_again_after_close(db_path: Path, store: HistoryStore) -> None:
    store.record_break(T0, "taken", T0)
    store.close()
    store.record_break(T0, "skipped", T0 + 1)
    assert [b.outcome for b in store.breaks()] == ["taken", "skipped"]


def test_folder_that_cannot_be_made_keeps_history_in_memory(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    history = HistoryStore(blocker / "history.db", fake_clock)
    history.record_break(T0, "taken", T0)
    assert history.unavailable_reason is not None
    assert len(history.breaks()) == 1
    assert history.recovered_from is None
    assert blocker.read_text() == "a file where the data folder should be"
    history.close()


def test_file_from_a_newer_app_is_left_untouched(db_path: Path, fake_clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db_path.read_bytes()
    history = HistoryStore(db_path, fake_clock)
    history.record_break(T0, "taken", T0)
    history.close()
    assert history.unavailable_reason is not None
    assert "99" in history.unavailable_reason
    assert history.recovered_from is None
    assert db_path.read_bytes() == before
