"""The history store: routine sessions and desk breaks in an SQLite file (WAL mode), each
record committed in its own transaction the moment it happens, so a crash loses at most
the step in progress.

A record the file cannot take (another program holds its lock, the disk is full, the file
is read-only, or no file can be used at all) is kept in memory, in order, the problem is
told through `unavailable_reason`, and the file is tried again on a schedule of deadlines
(`retry_due_at`, `retry_pending()`): nothing waits long on the UI thread and nothing is
dropped without the user being told. Opening and recovering the file live in opening.py,
the reads in queries.py."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import replace
from datetime import tzinfo
from pathlib import Path
from types import TracebackType
from typing import TextIO, TypeVar

from backease_desktop.core.clock import Clock
from backease_desktop.core.history import schema
from backease_desktop.core.history.opening import (
    BUSY_TIMEOUT_S,
    FILE_NAME,
    HistoryFile,
    default_path,
)
from backease_desktop.core.history.problems import (
    ProblemKind,
    RetrySchedule,
    SaveProblem,
    classify,
    unmasked,
)
from backease_desktop.core.history.queries import HistoryQueries
from backease_desktop.core.history.records import (
    BreakOutcomeName,
    StepOutcome,
    check_break_outcome,
    check_pain,
    check_step_outcome,
    check_wall,
)
from backease_desktop.core.history.writes import (
    BreakEnd,
    PainScores,
    SessionEnd,
    SessionStart,
    StepEnd,
    Write,
    apply,
    transaction,
)

__all__ = ["FILE_NAME", "HistoryStore", "HistoryUnavailableError", "default_path"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class HistoryUnavailableError(OSError):
    """The history could not be read (for an export): its message says why in plain
    words. An OSError, so callers that report a failed file operation report this too."""


class HistoryStore(HistoryQueries):
    """The app's history. Nothing is opened until first use (or `open()`), so building one
    at start-up costs nothing.

    What the UI must say: `recovered_from` is where a damaged file was moved
    (history.db.corrupt-<UTC time>; `salvaged_rows` of its rows were kept in the new
    file), and `unavailable_reason` is set while records cannot be saved: then
    `waiting_records` are kept in memory, and `retry_pending()` writes them once
    `retry_due_at` (the clock's monotonic time) has passed. A later write that finds the
    deadline passed tries first by itself.

    Times are seconds since the epoch (Clock.wall()). Local days are worked out in `tz`
    (None: the computer's own time zone), which each query may override.
    """

    def __init__(
        self,
        path: Path,
        clock: Clock,
        tz: tzinfo | None = None,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> None:
        self._file = HistoryFile(Path(path), clock, busy_timeout_s, self._fill_memory)
        self.tz = tz
        self._clock = clock
        self._waiting: list[Write] = []
        # Ids callers hold -> ids the file gave, where a waiting session's id was taken.
        self._ids: dict[int, int] = {}
        # This run's session starts, so an export made while the file cannot be read
        # still has the sessions its waiting steps belong to.
        self._starts: dict[int, SessionStart] = {}
        # Highest session id handed out, so no id is handed out twice, even to a routine
        # started while the file could not be reached or after a damaged file was replaced.
        self._highest_session_id = 0
        self._write_problem: SaveProblem | None = None
        self._retry = RetrySchedule(clock)

    # -- the file -------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def recovered_from(self) -> Path | None:
        return self._file.recovered_from

    @property
    def salvaged_rows(self) -> int | None:
        return self._file.salvaged_rows

    @property
    def backups_made(self) -> list[Path]:
        return self._file.backups_made

    @property
    def save_problem(self) -> SaveProblem | None:
        """Why records are not reaching the file now, or None."""
        if self._file.in_memory:
            reason = self._file.unavailable_reason or "the history file cannot be used"
            return SaveProblem(ProblemKind.UNAVAILABLE, reason)
        return self._write_problem

    @property
    def unavailable_reason(self) -> str | None:
        problem = self.save_problem
        return None if problem is None else problem.reason

    @property
    def waiting_records(self) -> int:
        """Records kept in memory because the file could not take them yet."""
        return len(self._waiting)

    @property
    def retry_due_at(self) -> float | None:
        """When (monotonic seconds) retry_pending() should run next; None: nothing waits."""
        return self._retry.due_at

    def open(self) -> None:
        """Open (and create or migrate) the file now rather than at first use."""
        self._file.connection()
        self._note_memory()

    def close(self) -> None:
        """Close the file; the next use opens it again. Records waiting for the file stay."""
        self._file.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        result = self._file.run(operation)
        self._note_memory()
        return result

    def _fill_memory(self, conn: sqlite3.Connection) -> None:
        """A fresh database in memory gets the records waiting for the file, so what was
        done this run still shows while the file cannot be used."""
        for write in self._waiting:
            apply(conn, write, {})

    def _stored_id(self, session_id: int) -> int:
        return self._ids.get(session_id, session_id)

    def _note_memory(self) -> None:
        """History kept in memory: the file is tried again later, records or not."""
        if self._file.in_memory and self._retry.due_at is None:
            self._retry.failed()

    # -- records that wait ----------------------------------------------------------------

    def _record(self, write: Write) -> int | None:
        """Write one record now, or keep it (in order, behind any already waiting)."""
        if self._retry.is_due():
            self.retry_pending()
        if not self._waiting and not self._file.in_memory:
            # The file's ids, not the caller's, for a session started now: the caller is
            # given whichever id the file chose.
            ids = {} if isinstance(write, SessionStart) else self._ids
            try:
                result = self._file.run(_writer(write, ids))
            except (sqlite3.OperationalError, OSError) as exc:
                self._hold(write, self._file.problem(unmasked(exc)))
                return _held_result(write)
            if not self._file.in_memory:
                return result
            # No file could be opened: that went to the database in memory, and waits.
            self._waiting.append(write)
            self._note_memory()
            return _held_result(write)
        if self._file.in_memory:
            # What the Progress page reads while the file cannot be used.
            self._file.run(_writer(write, {}))
        self._waiting.append(write)
        if self._retry.due_at is None:
            self._retry.failed()
        return _held_result(write)

    def _hold(self, write: Write, problem: SaveProblem) -> None:
        log.warning("history: %s; keeping the record in memory to write later", problem.reason)
        self._write_problem = problem
        if problem.reconnect:
            self._file.close()  # a read-only connection stays read-only until reopened
        self._waiting.append(write)
        self._retry.failed()

    def retry_pending(self) -> int:
        """Try the file again: write the records kept in memory, oldest first, as far as
        the file takes them, and go back to the file if history was kept in memory.
        Returns how many records were written; when some still wait, the next try is
        scheduled later than this one was."""
        if not self._waiting and not self._file.in_memory:
            self._retry.clear()
            return 0
        if self._file.in_memory and not self._file.try_file_again():
            self._retry.failed()
            return 0
        written = 0
        while self._waiting:
            # Out of the queue while it is written: should the file turn out damaged and
            # history go to memory, the new memory database gets the others, and this one
            # from the write itself.
            write = self._waiting.pop(0)
            try:
                result = self._file.run(_writer(write, self._ids))
            except sqlite3.IntegrityError:
                # Checked before it was kept, so this cannot happen; never retried forever.
                log.exception("history: the file refused a kept record: %r", write)
                continue
            except (sqlite3.OperationalError, OSError) as exc:
                self._waiting.insert(0, write)
                self._write_problem = self._file.problem(unmasked(exc))
                if self._write_problem.reconnect:
                    self._file.close()
                self._retry.failed()
                log.info("history: wrote %d kept record(s); the rest still wait", written)
                return written
            if self._file.in_memory:
                # The file was found damaged and could not be replaced: memory again.
                self._waiting.insert(0, write)
                self._retry.failed()
                return written
            written += 1
            if result is None and not isinstance(write, BreakEnd):
                log.warning(
                    "history: session %s is not in the history; a kept record of it was not "
                    "written",
                    write.session_id,
                )
            if isinstance(write, SessionStart):
                given = self._ids.get(write.session_id, write.session_id)
                self._highest_session_id = max(self._highest_session_id, given)
        self._write_problem = None
        self._retry.clear()
        if written:
            log.info("history: wrote the %d record(s) kept in memory", written)
        return written

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
        write = SessionStart(
            self._highest_session_id + 1, routine_id, routine_title, started, before
        )
        given = self._record(write)
        session_id = write.session_id if given is None else given
        self._highest_session_id = max(self._highest_session_id, session_id)
        self._starts[session_id] = replace(write, session_id=session_id)
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
        return self._write_to_session(StepEnd(session_id, step_index, checked, at))

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
        return self._write_to_session(SessionEnd(session_id, ended, bool(completed), after, before))

    def set_pain(
        self, session_id: int, before: int | None = None, after: int | None = None
    ) -> bool:
        """Add pain scores to a session afterwards (the after score is often asked for once
        the routine is over). Scores not given are left as they were."""
        checked_before = check_pain(before, "pain before")
        checked_after = check_pain(after, "pain after")
        return self._write_to_session(PainScores(session_id, checked_before, checked_after))

    def _write_to_session(self, write: StepEnd | SessionEnd | PainScores) -> bool:
        written = self._record(write) is not None
        if not written:
            log.warning(
                "history: session %s is not in the history; nothing recorded", write.session_id
            )
        return written

    def record_break(
        self, due_wall: float, outcome: BreakOutcomeName, at_wall: float
    ) -> int | None:
        """Record what happened to a break that fell due at `due_wall`; returns its id, or
        None while it waits in memory for the file."""
        due = check_wall(due_wall, "due_wall")
        at = check_wall(at_wall, "at_wall")
        checked = check_break_outcome(outcome)
        return self._record(BreakEnd(due, checked, at))

    def delete_all(self) -> tuple[Path, ...]:
        """Delete every session and break, leaving nothing readable behind in the file, its
        -wal file or the migration backups (history.db.bak-v<N>, which hold history too);
        records waiting for the file are dropped as well.

        Copies of damaged files (history.db.corrupt-*) are the user's to keep or delete,
        since the app told them where those are; they are returned so the UI can say so."""
        in_memory = self._file.in_memory

        def wipe(conn: sqlite3.Connection) -> None:
            # Overwrite deleted content with zeros rather than leaving it in free pages.
            conn.execute("PRAGMA secure_delete = ON")
            with transaction(conn):
                conn.execute("DELETE FROM session_steps")
                conn.execute("DELETE FROM sessions")
                conn.execute("DELETE FROM breaks")
            if not in_memory:
                conn.execute("VACUUM")
                # The old pages also sit in the -wal file until a checkpoint empties it.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self._read(wipe)
        self._waiting.clear()
        self._starts.clear()
        self._write_problem = None
        if not self._file.in_memory:
            self._retry.clear()
        for backup in self.path.parent.glob(f"{self.path.name}.bak-v*"):
            with suppress(OSError):
                backup.unlink()
        return tuple(sorted(self.path.parent.glob(f"{self.path.name}.corrupt-*")))

    # -- export ---------------------------------------------------------------------------

    def export_csv(self, target: str | os.PathLike[str] | TextIO, tz: tzinfo | None = None) -> int:
        """Write everything, records still waiting for the file included, to a CSV file
        (see history.export for the columns); returns the number of records written.

        HistoryUnavailableError, before anything is written, when the history cannot be
        read (a file that cannot be opened, and nothing recorded in memory instead; a disk
        error)."""
        cal = self._calendar(tz)
        out: Path | TextIO = Path(target) if isinstance(target, (str, os.PathLike)) else target
        # The CSV writer (csv, tempfile, heapq) loads with the first export, not the page.
        from backease_desktop.core.history import export

        try:
            self._file.connection()
            if self._file.in_memory and not self._waiting:
                raise HistoryUnavailableError(
                    f"the history file cannot be read: {self._file.unavailable_reason}"
                )
            if not self._waiting or self._file.in_memory:
                return self._read(lambda conn: export.export_csv(conn, out, cal))
            with closing(self._copy_with_waiting()) as copy:
                return export.export_csv(copy, out, cal)
        except sqlite3.Error as exc:
            cause = unmasked(exc)
            full = classify(cause).kind in (ProblemKind.FULL, ProblemKind.DISK_ERROR)
            raise HistoryUnavailableError(
                f"{self._file.what} could not be read ({cause})"
                + ("; the disk may be full" if full else "")
            ) from exc

    def _copy_with_waiting(self) -> sqlite3.Connection:
        """The file's history (or what this run recorded, where it cannot be read) in a
        database in memory, with the waiting records written into it."""
        copy = sqlite3.connect(":memory:", isolation_level=None)
        try:
            self._file.run(lambda conn: conn.backup(copy))
        except sqlite3.Error as exc:
            log.warning("history: exporting only this run's records: %s", exc)
            copy.close()
            copy = sqlite3.connect(":memory:", isolation_level=None)
            schema.migrate(copy, None)
        ids = dict(self._ids)
        for write in self._waiting:
            if isinstance(write, (StepEnd, SessionEnd, PainScores)):
                start = self._starts.get(write.session_id)
                present = copy.execute(
                    "SELECT 1 FROM sessions WHERE id = ?",
                    (ids.get(write.session_id, write.session_id),),
                ).fetchone()
                if present is None and start is not None:
                    apply(copy, start, ids)
            apply(copy, write, ids)
        return copy


def _held_result(write: Write) -> int | None:
    """What a write kept for later answers: the session's id (the caller's), or None for
    a break, whose id the file has not given yet."""
    return None if isinstance(write, BreakEnd) else write.session_id


def _writer(write: Write, ids: dict[int, int]) -> Callable[[sqlite3.Connection], int | None]:
    return lambda conn: apply(conn, write, ids)
