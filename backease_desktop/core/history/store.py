"""The history store: routine sessions and desk breaks in an SQLite file (WAL mode), each
record committed in its own transaction the moment it happens, so a crash loses at most
the step in progress. A damaged file is moved aside, never deleted, and a fresh one made."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO, TypeVar

from backease_desktop.core import paths, safe_files
from backease_desktop.core.clock import Clock
from backease_desktop.core.history import schema, stats
from backease_desktop.core.history.records import (
    BreakOutcome,
    BreakRecord,
    ClinicianSummary,
    ProgressStats,
    SessionRecord,
    StepOutcome,
    check_break_outcome,
    check_pain,
    check_step_outcome,
    check_wall,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

FILE_NAME = "history.db"
# Files SQLite keeps next to the database; they belong to it and move with it.
_COMPANIONS = ("-journal", "-wal", "-shm")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# How long to wait for another process (a command-line export) holding the write lock.
_BUSY_TIMEOUT_S = 5.0


def default_path() -> Path:
    """Where the app keeps its history: the data folder's history.db."""
    return paths.data_dir() / FILE_NAME


def _is_corruption(exc: sqlite3.Error) -> bool:
    """Damage to the file, as opposed to a lock, a full disk or a bad query."""
    name = getattr(exc, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:
        return bool(name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB")
    message = str(exc).lower()
    return type(exc) is sqlite3.DatabaseError and (
        "malformed" in message or "not a database" in message
    )


class _DamagedFileError(Exception):
    """The file cannot be used as it is and must be moved aside."""


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write, all or nothing. IMMEDIATE takes the write lock up front, so a second
    process makes us wait (busy timeout) instead of failing half-way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Several reads that see the same moment, even while another process writes."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("COMMIT")


def _session(row: tuple[Any, ...]) -> SessionRecord:
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


_SESSION_COLUMNS = (
    "id, routine_id, routine_title, started, ended, last_activity, completed, "
    "steps_completed, steps_skipped, pain_before, pain_after"
)


class HistoryStore:
    """The app's history. Nothing is opened until first use (or `open()`), so building one
    at start-up costs nothing.

    After opening, two attributes tell the UI what it must say:
    `recovered_from` is where a damaged file was moved (history.db.corrupt-<UTC time>), and
    `unavailable_reason` is set when no file could be used at all (a folder that cannot be
    written, a file from a newer BackEase): history is then kept in memory for this run.

    Times are seconds since the epoch (Clock.wall()). Local days are worked out in `tz`
    (None: the computer's own time zone), which each query may override.
    """

    def __init__(self, path: Path, clock: Clock, tz: tzinfo | None = None) -> None:
        self.path = Path(path)
        self.tz = tz
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        self._in_memory = False
        # Highest session id this store handed out, so a fresh file made after a recovery
        # never reuses one a routine still playing might write to.
        self._highest_session_id = 0
        self.recovered_from: Path | None = None
        self.unavailable_reason: str | None = None
        self.backups_made: list[Path] = []

    # -- opening, recovery ----------------------------------------------------------------

    def open(self) -> None:
        """Open (and create or migrate) the file now rather than at first use."""
        self._connection()

    def close(self) -> None:
        """Close the file; the next use opens it again."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        try:
            try:
                return self._open_file()
            except _DamagedFileError:
                # It has been moved aside; this makes the fresh one.
                return self._open_file()
        except _DamagedFileError as exc:
            return self._open_in_memory(f"the damaged history file could not be replaced: {exc}")
        except schema.NewerSchemaError as exc:
            return self._open_in_memory(str(exc))
        except (OSError, sqlite3.Error) as exc:
            return self._open_in_memory(f"the history file could not be opened: {exc}")

    def _open_file(self) -> sqlite3.Connection:
        """Open, check and migrate the file. A damaged file is moved aside and
        _DamagedFileError raised; calling again then makes a fresh file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        problem = self._header_problem()
        if problem is not None:
            # Before SQLite touches it: on a file it cannot read, closing the connection
            # still deletes the -wal and -shm files next to it.
            self._move_aside(None, problem)
            raise _DamagedFileError(problem)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
        try:
            # FULL: a commit is on disk before the call returns (the writes are a few an
            # hour, so the fsync costs nothing anyone notices).
            conn.execute("PRAGMA synchronous = FULL")
            # Only the header and the schema are read here: no table is scanned at start-up.
            # A file that is not ours, or is from a newer app, is refused before anything in
            # it (even the journal mode in its header) is changed.
            self.backups_made += schema.migrate(conn, self.path)
            if not schema.has_expected_tables(conn):
                raise _DamagedFileError("its tables are missing")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history: SQLite kept journal mode %s instead of WAL", mode)
            # After migrating: a migration that rebuilds a table needs foreign keys off.
            conn.execute("PRAGMA foreign_keys = ON")
            if self._highest_session_id:
                self._reserve_session_ids(conn)
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                conn.close()
                raise
            self._move_aside(conn, str(exc))
            raise _DamagedFileError(str(exc)) from exc
        except (schema.UnknownDatabaseError, _DamagedFileError) as exc:
            self._move_aside(conn, str(exc))
            raise _DamagedFileError(str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        self._in_memory = False
        self.unavailable_reason = None
        return conn

    def _header_problem(self) -> str | None:
        """Why the file is plainly not an SQLite database, or None. An empty file is fine:
        SQLite makes a new database in it. A short one would be silently overwritten."""
        try:
            # A FIFO, a device or a folder in its place raises here (safe_files): never
            # opened by SQLite, never moved aside, and the store keeps history in memory.
            header = safe_files.read_head(self.path, _HEADER_SIZE)
        except FileNotFoundError:
            return None
        if not header:
            return None
        if len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC):
            return "the file is not an SQLite database"
        return None

    def _reserve_session_ids(self, conn: sqlite3.Connection) -> None:
        with _transaction(conn):
            row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'sessions'")
            current = row.fetchone()
            if current is None:
                conn.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES ('sessions', ?)",
                    (self._highest_session_id,),
                )
            elif current[0] < self._highest_session_id:
                conn.execute(
                    "UPDATE sqlite_sequence SET seq = ? WHERE name = 'sessions'",
                    (self._highest_session_id,),
                )

    def _open_in_memory(self, reason: str) -> sqlite3.Connection:
        log.error("history: %s; keeping history in memory for this run", reason)
        self.unavailable_reason = reason
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        schema.migrate(conn, None)
        if self._highest_session_id:
            self._reserve_session_ids(conn)
        self._in_memory = True
        return conn

    def _aside_name(self) -> Path:
        stamp = datetime.fromtimestamp(self._clock.wall(), timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        base = f"{self.path.name}.corrupt-{stamp}"
        n = 0
        while True:
            name = base if n == 0 else f"{base}-{n}"
            candidate = self.path.with_name(name)
            taken = [Path(f"{candidate}{suffix}") for suffix in ("", *_COMPANIONS)]
            if not any(p.exists() for p in taken):
                return candidate
            n += 1

    def _move_aside(self, conn: sqlite3.Connection | None, reason: str) -> None:
        """Set the damaged file and its companions aside under a new name, keeping every
        byte, and close `conn` if one is open on them.

        With no connection the files are renamed (companions first: a stale -wal left
        behind would be replayed into the fresh database). With one, they are copied
        first and removed after closing, because closing may still write to them (a
        checkpoint folds the -wal into the main file and deletes it); the -shm file is the
        one exception, SQLite has already rewritten it, and it only indexes the -wal."""
        log.error("history: %s is damaged (%s); moving it aside", self.path, reason)
        target = self._aside_name()
        files = [(Path(f"{self.path}{s}"), Path(f"{target}{s}")) for s in (*_COMPANIONS, "")]
        if conn is None:
            for source, aside in files:
                if source.exists():
                    os.replace(source, aside)
        else:
            try:
                for source, aside in files:
                    if source.exists():
                        shutil.copyfile(source, aside)
            finally:
                with suppress(sqlite3.Error):
                    conn.close()
            for source, _ in files:
                source.unlink(missing_ok=True)
        self.recovered_from = target
        log.error("history: the damaged file is now %s", target)

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run one operation; if the file turns out to be damaged in the middle of a run,
        move it aside and run the operation again on a fresh file."""
        conn = self._connection()
        try:
            return operation(conn)
        except sqlite3.DatabaseError as exc:
            if self._in_memory or not _is_corruption(exc):
                raise
            self._conn = None
            try:
                self._move_aside(conn, str(exc))
                self._conn = self._open_file()
            except (OSError, sqlite3.Error, _DamagedFileError) as again:
                self._conn = self._open_in_memory(
                    f"the damaged history file could not be replaced: {again}"
                )
            return operation(self._conn)

    # -- writing --------------------------------------------------------------------------

    def start_session(
        self,
        routine_id: str,
        routine_title: str,
        started_wall: float,
        pain_before: int | None = None,
    ) -> int:
        """Record that a routine started; returns the session's id for the calls that follow."""
        started = check_wall(started_wall, "started_wall")
        before = check_pain(pain_before, "pain before")

        def insert(conn: sqlite3.Connection) -> int:
            with _transaction(conn):
                cursor = conn.execute(
                    """
                    INSERT INTO sessions (routine_id, routine_title, started, last_activity,
                                          pain_before)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                    (routine_id, routine_title, started, started, before),
                )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        session_id = self._run(insert)
        self._highest_session_id = max(self._highest_session_id, session_id)
        return session_id

    def record_step(
        self,
        session_id: int,
        step_index: int,
        outcome: StepOutcome,
        at_wall: float | None = None,
    ) -> bool:
        """Record that a step (numbered from 0) was completed or skipped. Recording the same
        step again replaces its outcome. Returns False, writing nothing, when the session is
        not in the history (it was deleted or lost with a damaged file while it played)."""
        if isinstance(step_index, bool) or not isinstance(step_index, int) or step_index < 0:
            raise ValueError(f"a step index is a whole number from 0, not {step_index!r}")
        checked = check_step_outcome(outcome)
        at = check_wall(self._clock.wall() if at_wall is None else at_wall, "at_wall")

        def write(conn: sqlite3.Connection) -> bool:
            with _transaction(conn):
                if not self._exists(conn, session_id):
                    return False
                conn.execute(
                    """
                    INSERT OR REPLACE INTO session_steps (session_id, step_index, outcome, at)
                    VALUES (?, ?, ?, ?)
                    """,
                    (session_id, step_index, checked, at),
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
                    {"id": session_id, "at": at},
                )
            return True

        return self._write_to_session(session_id, write)

    def finish_session(
        self,
        session_id: int,
        ended_wall: float,
        completed: bool,
        pain_after: int | None = None,
        pain_before: int | None = None,
    ) -> bool:
        """Record how a session ended: `completed` when played to the end, False when the
        user stopped it. Pain scores given here are stored; ones not given are left as they
        were. Returns False when the session is not in the history."""
        ended = check_wall(ended_wall, "ended_wall")
        after = check_pain(pain_after, "pain after")
        before = check_pain(pain_before, "pain before")

        def write(conn: sqlite3.Connection) -> bool:
            with _transaction(conn):
                cursor = conn.execute(
                    """
                    UPDATE sessions SET
                        ended = ?, completed = ?, last_activity = max(last_activity, ?),
                        pain_after = coalesce(?, pain_after),
                        pain_before = coalesce(?, pain_before)
                    WHERE id = ?
                    """,
                    (ended, int(bool(completed)), ended, after, before, session_id),
                )
            return cursor.rowcount > 0

        return self._write_to_session(session_id, write)

    def set_pain(
        self, session_id: int, before: int | None = None, after: int | None = None
    ) -> bool:
        """Add pain scores to a session afterwards (the after score is often asked for once
        the routine is over). Scores not given are left as they were."""
        checked_before = check_pain(before, "pain before")
        checked_after = check_pain(after, "pain after")

        def write(conn: sqlite3.Connection) -> bool:
            with _transaction(conn):
                cursor = conn.execute(
                    """
                    UPDATE sessions SET pain_before = coalesce(?, pain_before),
                                        pain_after = coalesce(?, pain_after)
                    WHERE id = ?
                    """,
                    (checked_before, checked_after, session_id),
                )
            return cursor.rowcount > 0

        return self._write_to_session(session_id, write)

    def _write_to_session(
        self, session_id: int, write: Callable[[sqlite3.Connection], bool]
    ) -> bool:
        written = self._run(write)
        if not written:
            log.warning("history: session %s is not in the history; nothing recorded", session_id)
        return written

    @staticmethod
    def _exists(conn: sqlite3.Connection, session_id: int) -> bool:
        row = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def record_break(self, due_wall: float, outcome: BreakOutcome, at_wall: float) -> int:
        """Record what happened to a break that fell due at `due_wall`; returns its id."""
        due = check_wall(due_wall, "due_wall")
        at = check_wall(at_wall, "at_wall")
        checked = check_break_outcome(outcome)

        def insert(conn: sqlite3.Connection) -> int:
            with _transaction(conn):
                cursor = conn.execute(
                    "INSERT INTO breaks (due, outcome, at) VALUES (?, ?, ?)", (due, checked, at)
                )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

        return self._run(insert)

    def delete_all(self) -> tuple[Path, ...]:
        """Delete every session and break, leaving nothing readable behind in the file, its
        -wal file or the migration backups (history.db.bak-v<N>, which hold history too).

        Copies of damaged files (history.db.corrupt-*) are the user's to keep or delete,
        since the app told them where those are; they are returned so the UI can say so."""

        def wipe(conn: sqlite3.Connection) -> None:
            # Overwrite deleted content with zeros rather than leaving it in free pages.
            conn.execute("PRAGMA secure_delete = ON")
            with _transaction(conn):
                conn.execute("DELETE FROM session_steps")
                conn.execute("DELETE FROM sessions")
                conn.execute("DELETE FROM breaks")
            if not self._in_memory:
                conn.execute("VACUUM")
                # The old pages also sit in the -wal file until a checkpoint empties it.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self._run(wipe)
        for backup in self.path.parent.glob(f"{self.path.name}.bak-v*"):
            with suppress(OSError):
                backup.unlink()
        return tuple(sorted(self.path.parent.glob(f"{self.path.name}.corrupt-*")))

    # -- reading --------------------------------------------------------------------------

    def session(self, session_id: int) -> SessionRecord | None:
        def read(conn: sqlite3.Connection) -> SessionRecord | None:
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            return None if row is None else _session(row)

        return self._run(read)

    def sessions(
        self, since: float | None = None, until: float | None = None
    ) -> list[SessionRecord]:
        """Sessions that started at or after `since` and before `until`, oldest first."""
        lo = float("-inf") if since is None else check_wall(since, "since")
        hi = float("inf") if until is None else check_wall(until, "until")

        def read(conn: sqlite3.Connection) -> list[SessionRecord]:
            rows = conn.execute(
                f"""
                SELECT {_SESSION_COLUMNS} FROM sessions
                WHERE started >= ? AND started < ? ORDER BY started, id
                """,
                (lo, hi),
            )
            return [_session(row) for row in rows]

        return self._run(read)

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

        return self._run(read)

    def _calendar(self, tz: tzinfo | None) -> stats.LocalCalendar:
        return stats.LocalCalendar(self.tz if tz is None else tz)

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
            with _snapshot(conn):
                return stats.progress(conn, at, cal, period_days, week_starts_on)

        return self._run(read)

    def clinician_summary(
        self, weeks: int = 4, now: float | None = None, tz: tzinfo | None = None
    ) -> ClinicianSummary:
        """The last `weeks` weeks (4 or 12 on the summary page) ending today."""
        at = self._clock.wall() if now is None else check_wall(now, "now")
        cal = self._calendar(tz)

        def read(conn: sqlite3.Connection) -> ClinicianSummary:
            with _snapshot(conn):
                return stats.clinician_summary(conn, weeks, at, cal)

        return self._run(read)

    def export_csv(self, target: str | os.PathLike[str] | TextIO, tz: tzinfo | None = None) -> int:
        """Write everything to a CSV file (see history.export for the columns); returns the
        number of records written."""
        cal = self._calendar(tz)
        out: Path | TextIO = Path(target) if isinstance(target, (str, os.PathLike)) else target
        # The CSV writer (csv, tempfile, heapq) loads with the first export, not the page.
        from backease_desktop.core.history import export

        return self._run(lambda conn: export.export_csv(conn, out, cal))
