"""The history database's schema and its migrations. PRAGMA user_version says how many
migrations a file has had; each one runs in its own transaction after a backup copy of the
file is made (history.db.bak-v<N>), so a failed or regretted upgrade loses nothing."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    # Times are UTC seconds since the epoch (REAL); local days are worked out when reading,
    # in whichever time zone the reader asks for.
    #
    # AUTOINCREMENT so that a session id is never handed out twice, even after "Delete all
    # history" or a recovery: a routine still playing then cannot write into someone else's
    # row.
    conn.execute(
        """
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
        )
        """
    )
    # One row per step reached, so that recording a step twice (going back, a repeated
    # signal) does not count it twice; the counts in sessions are kept in step with it.
    conn.execute(
        """
        CREATE TABLE session_steps (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            step_index INTEGER NOT NULL CHECK (step_index >= 0),
            outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped')),
            at REAL NOT NULL,
            PRIMARY KEY (session_id, step_index)
        ) WITHOUT ROWID
        """
    )
    conn.execute(
        """
        CREATE TABLE breaks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            due REAL NOT NULL,
            outcome TEXT NOT NULL
                CHECK (outcome IN ('taken', 'snoozed', 'skipped', 'missed')),
            at REAL NOT NULL
        )
        """
    )
    # The Progress page asks "any completed routine / any break taken between two
    # instants?" once per day of a streak, and counts per outcome over a week: these
    # indexes answer both without touching the tables.
    conn.execute("CREATE INDEX sessions_completed_started ON sessions (completed, started)")
    conn.execute("CREATE INDEX sessions_started ON sessions (started)")
    conn.execute("CREATE INDEX breaks_outcome_at ON breaks (outcome, at)")
    conn.execute("CREATE INDEX breaks_at ON breaks (at)")


def _v2(conn: sqlite3.Connection) -> None:
    # A break declined at the red-flag check is its own outcome: neither taken (it must not
    # keep a streak going) nor skipped (the person did not choose to skip it; the check
    # stopped it). SQLite cannot change a CHECK constraint in place, so the table is built
    # again under its own name and every row copied with its id (SQLite's "making other
    # kinds of table schema changes" steps; foreign keys are off while migrating, and no
    # table refers to breaks).
    present = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'breaks'"
    ).fetchone()[0]
    if not present:
        # A file that claims version 1 without its tables is not one of ours as it stands;
        # the store moves it aside whole rather than guess at it.
        raise UnknownDatabaseError("the file has no breaks table")
    conn.execute(
        """
        CREATE TABLE breaks_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            due REAL NOT NULL,
            outcome TEXT NOT NULL
                CHECK (outcome IN ('taken', 'snoozed', 'skipped', 'missed', 'declined')),
            at REAL NOT NULL
        )
        """
    )
    conn.execute(
        "INSERT INTO breaks_v2 (id, due, outcome, at) SELECT id, due, outcome, at FROM breaks"
    )
    # The highest id ever handed out, even one whose row was since deleted, carries over,
    # so that no break id is ever given twice.
    (seq,) = conn.execute(
        "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'breaks'"
    ).fetchone()
    conn.execute("DROP TABLE breaks")
    conn.execute("ALTER TABLE breaks_v2 RENAME TO breaks")
    conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('breaks', 'breaks_v2')")
    conn.execute(
        "INSERT INTO sqlite_sequence (name, seq) "
        "SELECT 'breaks', max(?, coalesce(max(id), 0)) FROM breaks",
        (seq,),
    )
    # Dropping the old table dropped its indexes; the same ones, on the new table.
    conn.execute("CREATE INDEX breaks_outcome_at ON breaks (outcome, at)")
    conn.execute("CREATE INDEX breaks_at ON breaks (at)")


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2)
"""MIGRATIONS[n] takes a database from version n to n + 1. Append; never edit one that
has shipped."""

CURRENT_VERSION = len(MIGRATIONS)

TABLES = ("sessions", "session_steps", "breaks")


class NewerSchemaError(Exception):
    """The file was written by a newer BackEase; this one must not touch it."""


class UnknownDatabaseError(Exception):
    """The file is an SQLite database, but not one of ours."""


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def refuse_newer(conn: sqlite3.Connection, understood: int | None = None) -> int:
    """The file's version; NewerSchemaError if this app does not know it."""
    target = len(MIGRATIONS) if understood is None else understood
    version = user_version(conn)
    if version > target:
        raise NewerSchemaError(
            f"the history file is version {version}; this BackEase understands up to {target}"
        )
    return version


def backup_path(db_path: Path, version: int) -> Path:
    return db_path.with_name(f"{db_path.name}.bak-v{version}")


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's backup API: copying the file by hand would miss
    what is still in the -wal file."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    partial.replace(target)


def migrate(
    conn: sqlite3.Connection,
    db_path: Path | None,
    migrations: Sequence[Migration] | None = None,
) -> list[Path]:
    """Bring the database up to len(migrations); returns the backup files made.

    `conn` must be in autocommit mode (isolation_level=None). `db_path` is None for an
    in-memory database, which needs no backup. Raises NewerSchemaError for a file from a
    newer app, UnknownDatabaseError for a version-0 file that already has tables."""
    if migrations is None:
        migrations = MIGRATIONS
    target = len(migrations)
    version = refuse_newer(conn, target)
    if version == 0:
        existing = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if existing:
            raise UnknownDatabaseError("the file holds tables that BackEase did not make")
    backups: list[Path] = []
    # A version-0 file is empty: there is nothing to keep a copy of, neither before its
    # first migration nor between the ones that make a new file.
    keep_copies = version > 0 and db_path is not None
    while version < target:
        if keep_copies and db_path is not None:
            copy = backup_path(db_path, version)
            _backup(conn, copy)
            backups.append(copy)
            log.info("history: backed up version %d to %s before migrating", version, copy)
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[version](conn)
            # user_version lives in the file header and is part of this transaction, so a
            # migration and its version number land together or not at all.
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already
                conn.execute("ROLLBACK")
            raise
        version += 1
    return backups


def has_expected_tables(conn: sqlite3.Connection) -> bool:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return all(table in names for table in TABLES)
