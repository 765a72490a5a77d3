"""Schema versions and migrations: a new or empty file gets the current schema, an old one
is migrated after a backup copy is made, and a failed migration changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import CURRENT_VERSION, HistoryStore, schema

T0 = 1_767_225_600.0  # 2026-01-01 00:00 UTC

# Version 1 exactly as it shipped, written out by hand rather than taken from the code, so
# that an accidental edit to the first migration shows up here.
V1_SQL = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    routine_id TEXT NOT NULL,
    routine_title TEXT NOT NULL,
    started REAL NOT NULL,
    ended REAL,
    last_activity REAL NOT NULL,
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    steps_completed INTEGER NOT NULL DEFAULT 0,
    steps_skipped INTEGER NOT NULL DEFAULT 0,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10)
);
CREATE TABLE session_steps (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL CHECK (step_index >= 0),
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped')),
    at REAL NOT NULL,
    PRIMARY KEY (session_id, step_index)
) WITHOUT ROWID;
CREATE TABLE breaks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    due REAL NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'snoozed', 'skipped', 'missed')),
    at REAL NOT NULL
);
CREATE INDEX sessions_completed_started ON sessions (completed, started);
CREATE INDEX sessions_started ON sessions (started);
CREATE INDEX breaks_outcome_at ON breaks (outcome, at);
CREATE INDEX breaks_at ON breaks (at);
INSERT INTO sessions (routine_id, routine_title, started, ended, last_activity, completed,
                      steps_completed, steps_skipped, pain_before, pain_after)
VALUES ('desk-reset', 'Desk reset', 1767225600.0, 1767226000.0, 1767226000.0, 1, 5, 1, 6, 3);
INSERT INTO session_steps VALUES (1, 0, 'completed', 1767225660.0);
INSERT INTO breaks (due, outcome, at) VALUES (1767225000.0, 'taken', 1767225100.0);
PRAGMA user_version = 1;
"""


def make_v1(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    conn.close()


def version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def autocommit(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_new_file_gets_the_current_schema(tmp_path: Path, fake_clock: FakeClock) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock) as history:
        history.open()
        assert history.backups_made == []
    assert version_of(path) == CURRENT_VERSION


def test_empty_file_is_given_the_current_schema(tmp_path: Path, fake_clock: FakeClock) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"")
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "taken", T0)
        assert history.recovered_from is None
        assert len(history.breaks()) == 1
    assert version_of(path) == CURRENT_VERSION


def test_version_1_file_made_by_hand_opens_at_the_current_version_with_its_records(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    with HistoryStore(path, fake_clock) as history:
        [session] = history.sessions()
        [taken] = history.breaks()
        assert history.recovered_from is None
        assert history.unavailable_reason is None
    assert version_of(path) == CURRENT_VERSION
    assert (session.routine_title, session.outcome) == ("Desk reset", "completed")
    assert (session.steps_completed, session.steps_skipped) == (5, 1)
    assert (session.pain_before, session.pain_after) == (6, 3)
    assert (taken.outcome, taken.at_wall) == ("taken", 1767225100.0)


def test_version_1_file_keeps_counting_session_ids_where_it_left_off(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    with HistoryStore(path, fake_clock) as history:
        assert history.start_session("r", "R", T0) == 2


# A version-1 history with more to lose: every break outcome of the time, sessions with and
# without pain scores, one unfinished, steps, and the newest break deleted (its id must
# never be handed out again).
V1_MORE_ROWS = """
INSERT INTO sessions (routine_id, routine_title, started, ended, last_activity, completed,
                      steps_completed, steps_skipped, pain_before, pain_after)
VALUES ('during-a-spasm', 'During a spasm, "gently"', 1767230000.0, NULL, 1767230100.0, 0,
        1, 0, NULL, 8);
INSERT INTO session_steps VALUES (1, 1, 'skipped', 1767225700.0);
INSERT INTO session_steps VALUES (2, 0, 'completed', 1767230100.0);
INSERT INTO breaks (due, outcome, at) VALUES (1767226800.0, 'snoozed', 1767226810.0);
INSERT INTO breaks (due, outcome, at) VALUES (1767226800.0, 'skipped', 1767227410.0);
INSERT INTO breaks (due, outcome, at) VALUES (1767229000.0, 'missed', 1767229300.0);
INSERT INTO breaks (due, outcome, at) VALUES (1767231000.0, 'taken', 1767231130.0);
DELETE FROM breaks WHERE id = 5;
"""


def make_v1_with_more_rows(path: Path) -> None:
    make_v1(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(V1_MORE_ROWS)
    conn.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, as SQLite stores it."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in schema.TABLES
        }
    finally:
        conn.close()


def test_upgrading_a_version_1_file_keeps_every_row_and_a_copy_of_the_old_file(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    make_v1_with_more_rows(path)
    before = dump(path)
    assert len(before["breaks"]) == 4 and len(before["sessions"]) == 2

    with HistoryStore(path, fake_clock) as history:
        history.open()
        assert history.backups_made == [tmp_path / "history.db.bak-v1"]
        assert history.recovered_from is None and history.unavailable_reason is None
    assert version_of(path) == CURRENT_VERSION
    assert dump(path) == before
    assert version_of(tmp_path / "history.db.bak-v1") == 1
    assert dump(tmp_path / "history.db.bak-v1") == before


def test_an_upgraded_file_takes_declined_breaks_and_never_reuses_a_break_id(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    make_v1_with_more_rows(path)
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO breaks (due, outcome, at) VALUES (1, 'declined', 2)")
    conn.close()
    with HistoryStore(path, fake_clock) as history:
        declined = history.record_break(T0, "declined", T0 + 20)
        assert declined == 6  # 5 was handed out before the upgrade, then deleted
        assert {b.id: b.outcome for b in history.breaks()}[declined] == "declined"
        with pytest.raises(sqlite3.IntegrityError):
            history._file.connection().execute(
                "INSERT INTO breaks (due, outcome, at) VALUES (1, 'postponed', 2)"
            )


def test_the_upgrade_keeps_the_indexes_the_progress_page_reads_with(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    with HistoryStore(path, fake_clock) as history:
        history.open()
    conn = sqlite3.connect(path)
    indexes = {row[1] for row in conn.execute("PRAGMA index_list(breaks)")}
    conn.close()
    assert {"breaks_outcome_at", "breaks_at"} <= indexes


def _add_notes(conn: sqlite3.Connection) -> None:
    """A stand-in version 2: a new column with a default."""
    conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''")


def _broken(conn: sqlite3.Connection) -> None:
    """A version 2 that fails half-way on a file (as a full disk would), not in memory."""
    conn.execute("ALTER TABLE sessions ADD COLUMN half_done TEXT")
    on_disk = conn.execute("PRAGMA database_list").fetchone()[2]
    if on_disk:
        raise sqlite3.OperationalError("the migration went wrong half-way")


def test_migration_backs_up_the_file_before_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    conn = autocommit(path)
    made = schema.migrate(conn, path, [*schema.MIGRATIONS[:1], _add_notes])
    conn.close()

    backup = tmp_path / "history.db.bak-v1"
    assert made == [backup]
    assert version_of(path) == 2
    assert version_of(backup) == 1
    with sqlite3.connect(backup) as old:
        columns = {row[1] for row in old.execute("PRAGMA table_info(sessions)")}
        titles = old.execute("SELECT routine_title FROM sessions").fetchall()
    old.close()
    assert "note" not in columns
    assert titles == [("Desk reset",)]


def test_each_migration_step_gets_its_own_backup(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    make_v1(path)

    def _add_index(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE INDEX sessions_note ON sessions (note)")

    conn = autocommit(path)
    made = schema.migrate(conn, path, [*schema.MIGRATIONS[:1], _add_notes, _add_index])
    conn.close()
    assert [p.name for p in made] == ["history.db.bak-v1", "history.db.bak-v2"]
    assert version_of(tmp_path / "history.db.bak-v2") == 2
    assert version_of(path) == 3


def test_failed_migration_leaves_the_file_at_its_old_version(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    conn = autocommit(path)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, path, [*schema.MIGRATIONS[:1], _broken])
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()
    assert version_of(path) == 1
    assert "half_done" not in columns
    assert (tmp_path / "history.db.bak-v1").exists()


def test_store_whose_migration_fails_keeps_the_file_and_runs_in_memory(
    tmp_path: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:1], _broken))
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "skipped", T0)
        assert history.unavailable_reason is not None
        assert history.recovered_from is None
    assert version_of(path) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM breaks").fetchone()[0] == 1
    conn.close()


def test_store_migrates_an_older_file_on_open(
    tmp_path: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    make_v1(path)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:1], _add_notes))
    with HistoryStore(path, fake_clock) as history:
        assert len(history.sessions()) == 1
        assert history.backups_made == [tmp_path / "history.db.bak-v1"]
    assert version_of(path) == 2


def test_database_that_is_not_ours_is_moved_aside_not_changed(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with HistoryStore(path, fake_clock) as history:
        history.open()
        moved = history.recovered_from
    assert moved is not None
    assert moved.read_bytes() == before
    assert version_of(path) == CURRENT_VERSION


def test_file_claiming_a_version_without_its_tables_is_moved_aside(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with HistoryStore(path, fake_clock) as history:
        history.record_break(T0, "taken", T0)
        assert history.recovered_from is not None
        assert len(history.breaks()) == 1
