"""Writes what the player and the break reminders report into the history store, one record
the moment it happens, and tells the UI when the history changed or the store had trouble.
Records the file cannot take yet wait in the store; one single-shot timer, set to the
store's retry deadline, tries the file again.

The store is made and opened on first use, not at start-up: importing it loads sqlite3,
which the first painted frame must not wait for."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from backease_desktop.core.clock import Clock

if TYPE_CHECKING:
    from backease_desktop.core.history import HistoryStore

log = logging.getLogger(__name__)

T = TypeVar("T")


class HistoryRecorder(QObject):
    """The slots take exactly what the player's adapter and the reminders send.

    `history_changed` says a routine or a break ended (or its pain scores came in, or the
    history was deleted), so pages showing figures refresh. `problem_found` says the store
    newly moved a damaged file aside or cannot save records now (a lock, a full disk, a
    read-only file, no usable file); `store.recovered_from` and `store.unavailable_reason`
    say which. While a routine plays, that news waits until it ends, so nobody caught by a
    spasm is interrupted by a message about a file. `problem_solved` says records are
    saved again (those kept in memory included)."""

    history_changed = Signal()
    problem_found = Signal()
    problem_solved = Signal()

    def __init__(
        self,
        clock: Clock,
        path: Path | None = None,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._path = path
        self._tz = tz
        self._store: HistoryStore | None = None
        self._session_id: int | None = None  # the routine playing now
        self._playing = False  # a routine is playing (even if its start was not recorded)
        self._rated_session_id: int | None = None  # the one pain scores are about
        self._reported: tuple[Path | None, str | None] = (None, None)
        self._problem_waiting = False
        self._retry_timer: QTimer | None = None

    # -- the store ------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Whether the store has been made yet (nothing has asked for it otherwise)."""
        return self._store is not None

    @property
    def store(self) -> HistoryStore:
        """The store, made and opened now if this is its first use."""
        if self._store is None:
            from backease_desktop.core.history import HistoryStore, default_path

            path = self._path if self._path is not None else default_path()
            self._store = HistoryStore(path, self._clock, self._tz)
            self._store.open()
            self._check_problems()
        return self._store

    def _check_problems(self) -> None:
        """Emits problem_found when the store's trouble is new since the last report, and
        problem_solved when records can be saved again."""
        store = self._store
        if store is None:
            return
        self._schedule_retry(store)
        now = (store.recovered_from, store.unavailable_reason)
        before, self._reported = self._reported, now
        if now == before:
            return
        if before[1] is not None and now[1] is None:
            self.problem_solved.emit()
        if now[1] is None and now[0] == before[0]:
            return  # nothing new to tell
        if self._playing:
            self._problem_waiting = True
        else:
            self.problem_found.emit()

    def _write(self, what: str, operation: Callable[[HistoryStore], T]) -> T | None:
        """Runs one write; a failure is logged, never raised, because a full disk or a
        bad value from a caller must not stop the routine someone is doing."""
        import sqlite3

        try:
            result = operation(self.store)
        except (OSError, ValueError, sqlite3.Error):
            log.exception("history: could not record %s", what)
            result = None
        self._check_problems()
        return result

    def _schedule_retry(self, store: HistoryStore) -> None:
        """One single-shot timer, set to the store's next retry deadline (if any)."""
        due = store.retry_due_at
        if due is None:
            if self._retry_timer is not None:
                self._retry_timer.stop()
            return
        if self._retry_timer is None:
            self._retry_timer = QTimer(self)
            self._retry_timer.setSingleShot(True)
            self._retry_timer.timeout.connect(self.retry_now)
        delay_ms = max(0, math.ceil((due - self._clock.monotonic()) * 1000))
        self._retry_timer.start(min(delay_ms, 2**31 - 1))

    @property
    def retry_scheduled(self) -> bool:
        """Whether the timer is set to try the file again."""
        return self._retry_timer is not None and self._retry_timer.isActive()

    @Slot()
    def retry_now(self) -> int:
        """Tries the file again (the retry timer's deadline passed); returns how many
        records kept in memory were written."""
        if self._store is None:
            return 0
        import sqlite3

        try:
            written = self._store.retry_pending()
        except (OSError, sqlite3.Error):
            log.exception("history: trying the file again failed")
            written = 0
        self._check_problems()
        if written:
            self.history_changed.emit()
        return written

    def records_only_in_memory(self) -> int:
        """How many records would be lost by quitting now, after one last try to save
        them (none when the history was never opened)."""
        if self._store is None:
            return 0
        if self._store.waiting_records:
            self.retry_now()
        return self._store.waiting_records

    def notify_changed(self) -> None:
        """Tells pages the history changed by some other way (it was deleted)."""
        self._check_problems()
        self.history_changed.emit()

    # -- what the player reports ----------------------------------------------------------

    @Slot(str, str, float)
    def on_session_started(self, routine_id: str, title: str, started_wall: float) -> None:
        if self._session_id is not None:
            log.warning("history: a routine started before the last one ended")
        self._session_id = None
        self._rated_session_id = None
        self._playing = True
        session_id = self._write(
            "a routine's start",
            lambda store: store.start_session(routine_id, title, started_wall),
        )
        self._session_id = session_id
        self._rated_session_id = session_id

    @Slot(int, str)
    def on_step_ended(self, step_index: int, outcome: str) -> None:
        session_id = self._session_id
        if session_id is None:
            log.warning("history: step %s ended with no routine recorded as playing", step_index)
            return
        if outcome not in ("completed", "skipped"):
            log.error("history: unknown step outcome %r", outcome)
            return
        self._write(
            "a step",
            lambda store: store.record_step(
                session_id,
                step_index,
                "completed" if outcome == "completed" else "skipped",
            ),
        )

    @Slot(bool, float)
    def on_session_ended(self, completed: bool, ended_wall: float) -> None:
        session_id = self._session_id
        self._session_id = None
        self._playing = False
        if session_id is None:
            log.warning("history: a routine ended with none recorded as playing")
        else:
            self._write(
                "a routine's end",
                lambda store: store.finish_session(session_id, ended_wall, completed),
            )
        if self._problem_waiting:
            self._problem_waiting = False
            self.problem_found.emit()
        self.history_changed.emit()

    @Slot(object, object)
    def on_pain_rated(self, pain_before: object, pain_after: object) -> None:
        """Pain scores for the routine that just ended (sent from its summary screen)."""
        session_id = self._rated_session_id
        if session_id is None:
            log.warning("history: pain was rated with no routine to attach it to")
            return
        before, after = _pain(pain_before), _pain(pain_after)
        if before is None and after is None:
            return
        self._write(
            "pain scores", lambda store: store.set_pain(session_id, before=before, after=after)
        )
        self.history_changed.emit()

    # -- what the reminders report --------------------------------------------------------

    @Slot(object)
    def on_break_outcome(self, outcome: object) -> None:
        """One core.scheduler BreakOutcome. A break the user started with no reminder has
        no due time; it is recorded as due when it was taken."""
        from backease_desktop.core.history.records import check_break_outcome
        from backease_desktop.core.scheduler import BreakOutcome

        if not isinstance(outcome, BreakOutcome):
            log.error("history: not a break outcome: %r", outcome)
            return
        kind = check_break_outcome(outcome.outcome.value)
        due = outcome.due_wall if outcome.due_wall is not None else outcome.at_wall
        self._write("a break", lambda store: store.record_break(due, kind, outcome.at_wall))
        self.history_changed.emit()


def _pain(value: object) -> int | None:
    """A score as the store takes it; anything else is logged and left out."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    log.error("history: ignoring a pain score of %r (0 to 10 expected)", value)
    return None
