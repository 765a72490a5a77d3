"""The routine engine on Qt's event loop: one single-shot precise timer set to the engine's
next countdown change or phase end, and the engine's events turned into signals for the
rest of the app (history, reminders) and into calls on the player's views.

Nothing here keeps time itself: each time the timer fires, the session is asked what
happened since it last looked (`RoutineSession.update()`), so a late timer shows the new
phase late but never shifts the phases after it, and a laptop that slept comes back paused."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from backease_desktop.core.clock import Clock, SystemClock
from backease_desktop.core.content import Library, Routine

if TYPE_CHECKING:
    # The engine's modules load with the first routine, not at every start of the app.
    from backease_desktop.core.player import RoutineSession, SessionEvent, SessionState

log = logging.getLogger(__name__)

# QTimer takes a signed 32-bit number of milliseconds (about 24.8 days).
_MAX_TIMER_MS = 2**31 - 1


class PlayerDriver(QObject):
    """Runs one routine at a time for the player view and tells the rest of the app about it.

    Starting is two-step: `start_routine(id)` (from a Start button, the command line or a
    break reminder) emits `start_requested(routine)`; the view runs its red-flag check and
    calls `begin(routine)`, which starts the clock."""

    # -- fixed for the rest of the app (history, reminders) -------------------------------
    session_started = Signal(str, str, float)  # routine id, title, wall time of the start
    step_ended = Signal(int, str)  # step index, "completed" or "skipped"
    session_ended = Signal(bool, float)  # reached the end (False: stopped early), wall time
    pain_rated = Signal(object, object)  # pain before, pain after: int 0-10 or None each

    # -- for the window ----------------------------------------------------------------------
    start_requested = Signal(object)  # Routine: asks the view to check, then begin()
    start_refused = Signal(str)  # a message: no routine or stretch has that id
    start_declined = Signal(str)  # routine id: the red-flag check stopped it, or was left

    # -- for the player's views and cues (a deleted view is disconnected by Qt) --------------
    phase_changed = Signal(object)  # Phase: a new phase began
    state_changed = Signal(object)  # SessionState: after each look at the session
    paused_changed = Signal(bool, object)  # paused, PauseReason or None
    session_closed = Signal(object)  # SessionSummary: the routine finished or was stopped

    def __init__(
        self, library: Library, clock: Clock | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.clock: Clock = clock or SystemClock()
        self._session: RoutineSession | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.catch_up)

    # -- what the view reads ---------------------------------------------------------------

    @property
    def session(self) -> RoutineSession | None:
        return self._session

    @property
    def routine(self) -> Routine | None:
        return self._session.routine if self._session is not None else None

    def state(self) -> SessionState | None:
        """What the player shows now (reads the clock; changes nothing)."""
        return self._session.state() if self._session is not None else None

    def is_active(self) -> bool:
        """A routine is running or paused (not yet finished or stopped)."""
        state = self.state()
        return state is not None and state.started and not (state.finished or state.stopped)

    def timer_interval_ms(self) -> int | None:
        """When the timer fires next, in ms from when it was set; None when not armed."""
        return self._timer.interval() if self._timer.isActive() else None

    # -- starting ----------------------------------------------------------------------------

    @Slot(str)
    def start_routine(self, routine_id: str) -> None:
        routine = self.library.routine(routine_id)
        if routine is None:
            log.warning("player: no routine has the id %r", routine_id)
            self.start_refused.emit(
                self.tr("There is no routine called “{0}”. Pick one from the list.").format(
                    routine_id
                )
            )
            return
        self.start_requested.emit(routine)

    @Slot(str)
    def start_stretch(self, stretch_id: str) -> None:
        stretch = self.library.stretch(stretch_id)
        if stretch is None:
            log.warning("player: no stretch has the id %r", stretch_id)
            self.start_refused.emit(self.tr("There is no stretch called “{0}”.").format(stretch_id))
            return
        from backease_desktop.core.player import single_stretch_routine

        self.start_requested.emit(single_stretch_routine(stretch))

    def decline(self, routine: Routine) -> None:
        """From the red-flag check: `routine` will not start (a red flag applies today, or
        the user went back). A break waiting for its routine ends now, not after its
        overrun."""
        self.start_declined.emit(routine.id)

    def begin(self, routine: Routine) -> None:
        """Starts `routine` now; one still running ends first, as stopped."""
        from backease_desktop.core.player import RoutineSession

        self.stop()
        self._session = RoutineSession(routine, self.clock)
        self._session.start()
        self.catch_up()

    # -- controls (each one a call on the session, then a look at what it did) --------------

    @Slot()
    def toggle_pause(self) -> None:
        self._control(lambda session: session.toggle_pause())

    @Slot()
    def pause(self) -> None:
        self._control(lambda session: session.pause())

    @Slot()
    def resume(self) -> None:
        self._control(lambda session: session.resume())

    @Slot()
    def pause_for_lock(self) -> None:
        """The screen locked or the machine is going to sleep: hold the routine where it is."""
        self._control(lambda session: session.pause_for_lock())

    @Slot()
    def skip(self) -> None:
        self._control(lambda session: session.skip())

    @Slot()
    def back(self) -> None:
        self._control(lambda session: session.back())

    @Slot()
    def stop(self) -> None:
        self._control(lambda session: session.stop())

    @Slot()
    def restart(self) -> None:
        self._control(lambda session: session.restart())

    def rate_pain(self, before: int | None, after: int | None) -> None:
        """From the summary screen: hands the ratings to whatever records history."""
        self.pain_rated.emit(before, after)

    def _control(self, action: Callable[[RoutineSession], None]) -> None:
        if self._session is None:
            return
        action(self._session)
        self.catch_up()

    # -- the clock ---------------------------------------------------------------------------

    @Slot()
    def catch_up(self) -> None:
        """Asks the session what happened, reports it, and sets the timer for the next news.
        The timer calls this; tests call it after moving a fake clock."""
        session = self._session
        if session is None:
            return
        for event in session.update():
            self._report(event)
        self.state_changed.emit(session.state())
        self._arm(session)

    def _arm(self, session: RoutineSession) -> None:
        now = self.clock.monotonic()
        when = session.next_countdown_change(now)
        if when is None:
            self._timer.stop()
            return
        # Rounded up: a timer never fires before the change it is for. Qt's precise timers
        # keep to the millisecond, well inside how late a boundary may be shown (the timer
        # figures' targets in benchmarks/README.md).
        delay_ms = max(0, math.ceil((when - now) * 1000))
        self._timer.start(min(delay_ms, _MAX_TIMER_MS))

    def _report(self, event: SessionEvent) -> None:
        from backease_desktop.core.player import (
            Paused,
            PhaseChanged,
            Resumed,
            RoutineFinished,
            RoutineStopped,
            Started,
            StepFinished,
            StepSkipped,
        )

        session = self._session
        assert session is not None
        if isinstance(event, Started):
            routine = session.routine
            self.session_started.emit(routine.id, routine.title, event.wall_at)
        elif isinstance(event, PhaseChanged):
            self.phase_changed.emit(event.phase)
        elif isinstance(event, StepFinished):
            self.step_ended.emit(event.step_index, "completed")
        elif isinstance(event, StepSkipped):
            self.step_ended.emit(event.step_index, "skipped")
        elif isinstance(event, Paused | Resumed):
            reason = event.reason if isinstance(event, Paused) else None
            self.paused_changed.emit(isinstance(event, Paused), reason)
        elif isinstance(event, RoutineFinished | RoutineStopped):
            self._timer.stop()
            self.session_ended.emit(event.summary.finished, event.summary.ended_wall)
            self.session_closed.emit(event.summary)
