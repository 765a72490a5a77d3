"""Reading the history: sessions, breaks, and the figures of the Progress page and the
clinician summary, each read in one snapshot of the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import tzinfo
from typing import Any, TypeVar

from backease_desktop.core.clock import Clock
from backease_desktop.core.history import stats
from backease_desktop.core.history.records import (
    BreakRecord,
    ClinicianSummary,
    ProgressStats,
    SessionRecord,
    check_break_outcome,
    check_wall,
)

T = TypeVar("T")

SESSION_COLUMNS = (
    "id, routine_id, routine_title, started, ended, last_activity, completed, "
    "steps_completed, steps_skipped, pain_before, pain_after"
)


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Several reads that see the same moment, even while another process writes."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("COMMIT")


def session_record(row: tuple[Any, ...]) -> SessionRecord:
    (sid, rid, title, started, ended, last, completed, done, skipped, before, after) = row
    return SessionRecord(
        id=sid,
        routine_id=rid,
        routine_title=title,
        started_wall=started,
        ended_wall=ended,
        last_activity_wall=last,
        completed=bool(completed),
        steps_completed=done,
        steps_skipped=skipped,
        pain_before=before,
        pain_after=after,
    )


class HistoryQueries:
    """The read side of HistoryStore. Each query runs through `_read`, which the store
    gives (it opens the file on first use and deals with a damaged one).

    Times are seconds since the epoch (Clock.wall()). Local days are worked out in `tz`
    (None: the computer's own time zone), which each query may override."""

    tz: tzinfo | None
    _clock: Clock

    def _read(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        raise NotImplementedError

    def _stored_id(self, session_id: int) -> int:
        """The id the file keeps a session under (the store maps ids it handed out while
        the file could not be reached)."""
        return session_id

    def _calendar(self, tz: tzinfo | None) -> stats.LocalCalendar:
        return stats.LocalCalendar(self.tz if tz is None else tz)

    def session(self, session_id: int) -> SessionRecord | None:
        stored_id = self._stored_id(session_id)

        def read(conn: sqlite3.Connection) -> SessionRecord | None:
            row = conn.execute(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (stored_id,)
            ).fetchone()
            return None if row is None else session_record(row)

        return self._read(read)

    def sessions(
        self, since: float | None = None, until: float | None = None
    ) -> list[SessionRecord]:
        """Sessions that started at or after `since` and before `until`, oldest first."""
        lo = float("-inf") if since is None else check_wall(since, "since")
        hi = float("inf") if until is None else check_wall(until, "until")

        def read(conn: sqlite3.Connection) -> list[SessionRecord]:
            rows = conn.execute(
                f"""
                SELECT {SESSION_COLUMNS} FROM sessions
                WHERE started >= ? AND started < ? ORDER BY started, id
                """,
                (lo, hi),
            )
            return [session_record(row) for row in rows]

        return self._read(read)

    def breaks(self, since: float | None = None, until: float | None = None) -> list[BreakRecord]:
        """Break outcomes that happened at or after `since` and before `until`, oldest first."""
        lo = float("-inf") if since is None else check_wall(since, "since")
        hi = float("inf") if until is None else check_wall(until, "until")

        def read(conn: sqlite3.Connection) -> list[BreakRecord]:
            rows = conn.execute(
                "SELECT id, due, outcome, at FROM breaks WHERE at >= ? AND at < ? ORDER BY at, id",
                (lo, hi),
            )
            return [
                BreakRecord(id=bid, due_wall=due, outcome=check_break_outcome(outcome), at_wall=at)
                for bid, due, outcome, at in rows
            ]

        return self._read(read)

    def progress(
        self,
        now: float | None = None,
        tz: tzinfo | None = None,
        period_days: int = 30,
        week_starts_on: int = 0,
    ) -> ProgressStats:
        """The Progress page's figures at `now` (default: the clock's time); see
        ProgressStats for what counts."""
        at = self._clock.wall() if now is None else check_wall(now, "now")
        cal = self._calendar(tz)

        def read(conn: sqlite3.Connection) -> ProgressStats:
            with snapshot(conn):
                return stats.progress(conn, at, cal, period_days, week_starts_on)

        return self._read(read)

    def clinician_summary(
        self, weeks: int = 4, now: float | None = None, tz: tzinfo | None = None
    ) -> ClinicianSummary:
        """The last `weeks` weeks (4 or 12 on the summary page) ending today."""
        at = self._clock.wall() if now is None else check_wall(now, "now")
        cal = self._calendar(tz)

        def read(conn: sqlite3.Connection) -> ClinicianSummary:
            with snapshot(conn):
                return stats.clinician_summary(conn, weeks, at, cal)

        return self._read(read)
