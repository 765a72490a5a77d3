"""The records the history is written in, as values, and the SQL that writes each one.

A record is made the moment something happens. It is written at once, or, when the file
cannot take it (a lock, a full disk), kept in memory in order and written later by the
same code; an export replays the waiting ones into a copy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from backease_desktop.core.history.records import BreakOutcomeName, StepOutcome


@dataclass(frozen=True)
class SessionStart:
    """A routine started. `session_id` is the id its caller holds: the file gives a higher
    one when that id is already taken, and later records are mapped to it."""

    session_id: int
    routine_id: str
    routine_title: str
    started: float
    pain_before: int | None


@dataclass(frozen=True)
class StepEnd:
    session_id: int
    step_index: int
    outcome: StepOutcome
    at: float


@dataclass(frozen=True)
class SessionEnd:
    session_id: int
    ended: float
    completed: bool
    pain_after: int | None
    pain_before: int | None


@dataclass(frozen=True)
class PainScores:
    session_id: int
    before: int | None
    after: int | None


@dataclass(frozen=True)
class BreakEnd:
    due: float
    outcome: BreakOutcomeName
    at: float


Write = SessionStart | StepEnd | SessionEnd | PainScores | BreakEnd


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write, all or nothing. IMMEDIATE takes the write lock up front, so a second
    process makes us wait (the short busy timeout) instead of failing half-way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def apply(conn: sqlite3.Connection, write: Write, ids: MutableMapping[int, int]) -> int | None:
    """Write one record in its own transaction. Returns the row's id (a session's for the
    session records), or None when the session it belongs to is not in the history (it
    was deleted, or lost with a damaged file). `ids` maps the ids callers hold to the ids
    the file gave, where they differ."""
    with transaction(conn):
        if isinstance(write, SessionStart):
            return _start(conn, write, ids)
        if isinstance(write, BreakEnd):
            cursor = conn.execute(
                "INSERT INTO breaks (due, outcome, at) VALUES (?, ?, ?)",
                (write.due, write.outcome, write.at),
            )
            return cursor.lastrowid
        session_id = ids.get(write.session_id, write.session_id)
        if isinstance(write, StepEnd):
            return _step(conn, session_id, write)
        if isinstance(write, SessionEnd):
            cursor = conn.execute(
                """
                UPDATE sessions SET
                    ended = ?, completed = ?, last_activity = max(last_activity, ?),
                    pain_after = coalesce(?, pain_after),
                    pain_before = coalesce(?, pain_before)
                WHERE id = ?
                """,
                (
                    write.ended,
                    int(bool(write.completed)),
                    write.ended,
                    write.pain_after,
                    write.pain_before,
                    session_id,
                ),
            )
        else:
            cursor = conn.execute(
                """
                UPDATE sessions SET pain_before = coalesce(?, pain_before),
                                    pain_after = coalesce(?, pain_after)
                WHERE id = ?
                """,
                (write.before, write.after, session_id),
            )
        return session_id if cursor.rowcount > 0 else None


def _start(conn: sqlite3.Connection, write: SessionStart, ids: MutableMapping[int, int]) -> int:
    # An id is never handed out twice (AUTOINCREMENT's promise): a routine still playing
    # must not write into someone else's row. The caller's id is kept when the file has
    # not used it; otherwise the next free one is taken and remembered.
    (used,) = conn.execute(
        """
        SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sessions'), 0),
                   coalesce((SELECT max(id) FROM sessions), 0))
        """
    ).fetchone()
    session_id = write.session_id if write.session_id > used else used + 1
    conn.execute(
        """
        INSERT INTO sessions (id, routine_id, routine_title, started, last_activity,
                              pain_before)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        (
            session_id,
            write.routine_id,
            write.routine_title,
            write.started,
            write.started,
            write.pain_before,
        ),
    )
    if session_id != write.session_id:
        ids[write.session_id] = session_id
    return session_id


def _step(conn: sqlite3.Connection, session_id: int, write: StepEnd) -> int | None:
    row = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        return None
    conn.execute(
        """
        INSERT OR REPLACE INTO session_steps (session_id, step_index, outcome, at)
        VALUES (?, ?, ?, ?)
        """,
        (session_id, write.step_index, write.outcome, write.at),
    )
    conn.execute(
        """
        UPDATE sessions SET
            steps_completed = (SELECT count(*) FROM session_steps
                               WHERE session_id = :id AND outcome = 'completed'),
            steps_skipped = (SELECT count(*) FROM session_steps
                             WHERE session_id = :id AND outcome = 'skipped'),
            last_activity = max(last_activity, :at)
        WHERE id = :id
        """,
        {"id": session_id, "at": write.at},
    )
    return session_id
