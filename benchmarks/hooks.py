"""Hooks the benchmark harness switches on with environment variables (BACKEASE_BENCH_*).

The harness starts the app as a user would and learns from these hooks, on stdout, when the
window was first painted, which heavy modules were loaded by then, when each phase boundary
of a routine was due and when it reached the screen, and when each reminder was sent. The
app loads this module only when one of the variables is set (app.attach_benchmark_hooks);
it is not part of the installed product."""

from __future__ import annotations

import gc
import os
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from backease_desktop.app import BackEase
    from backease_desktop.core.player import (
        PauseReason,
        Phase,
        SessionEvent,
        SessionState,
    )
    from backease_desktop.core.scheduler import SchedulerEvent
    from backease_desktop.platform.player_driver import PlayerDriver
    from backease_desktop.platform.reminders import Reminders

# "1": print the time of the first painted frame and quit; "stay": print it and keep running.
FIRST_PAINT_ENV = "BACKEASE_BENCH_FIRST_PAINT"
# Any value: print the time the event loop first runs (for --tray, where nothing is painted).
READY_ENV = "BACKEASE_BENCH_READY"
# Any value: with either line above, first list which HEAVY_MODULES are already imported.
IMPORTS_ENV = "BACKEASE_BENCH_IMPORTS"
# Any value: for the routine started with --routine, print one BOUNDARY_WORD line per phase
# boundary and one for its end, then DONE_WORD and quit (ABORTED_WORD if it paused or
# stopped instead, which spoils the timing).
TIMER_ENV = "BACKEASE_BENCH_TIMER"
BOUNDARY_WORD = "timer-boundary"
DONE_WORD = "timer-done"
# Before DONE_WORD: one line per garbage collection that held the app up for GC_PAUSE_S or
# more during the routine ("timer-gc GENERATION START END"), to tell its pauses from the
# timer's or the views'.
GC_WORD = "timer-gc"
GC_PAUSE_S = 0.002
ABORTED_WORD = "timer-aborted"
# The label of the routine's end, the last boundary (the others carry their phase's kind).
END_LABEL = "end"
# A count N: print one REMINDER_WORD line per break reminder once it has been handed to the
# desktop ("reminder-sent DUE_WALL SENT_WALL PRESENTER"), answer it with Skip after
# REMINDER_ANSWER_MS as a user would (so the next countdown starts), and after N print
# REMINDERS_DONE_WORD and quit. Meant for --tray with a short --break-interval.
REMINDERS_ENV = "BACKEASE_BENCH_REMINDERS"
REMINDER_WORD = "reminder-sent"
REMINDERS_DONE_WORD = "reminders-done"
REMINDER_ANSWER_MS = 300

# Modules that cost start-up time and that the first window does not need.
HEAVY_MODULES = (
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "sqlite3",
    "jsonschema",
)


def heavy_modules_loaded() -> list[str]:
    return [name for name in HEAVY_MODULES if name in sys.modules]


def _say(*lines: str) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


def _report(event: str, at: float | None = None) -> None:
    # CLOCK_MONOTONIC is system-wide on Linux, so the harness can subtract its own reading
    # taken just before it started this process.
    now = time.monotonic() if at is None else at
    lines = []
    if os.environ.get(IMPORTS_ENV):
        lines.append("heavy-imports " + ",".join(heavy_modules_loaded()))
    lines.append(f"{event} {now:.6f}")
    _say(*lines)


# The events in whose handling Qt paints a window's dirty widgets and flushes the frame.
_FRAME_EVENTS = (QEvent.Type.Expose, QEvent.Type.UpdateRequest)


class _FirstPaintWatcher(QObject):
    """Times the first frame of the window: the moment Qt has painted its widgets and
    flushed them to the screen. Qt does both inside the handling of one Expose or
    UpdateRequest event of the window or its QWindow, so the filter on those hands the
    event on itself and reads the clock when it returns, if `painted` (a widget that paints
    in every frame: the app's banner, the floor's label) painted meanwhile. Work the app
    queues for after its first frame therefore does not count; the report itself waits for
    the event loop.

    It watches those objects only. A filter on the whole application would make PySide6
    wrap every object that gets an event, and working out the Python type of Qt's own
    private widgets cost the app 15-25 ms before its first frame, which no user pays."""

    def __init__(self, window: QWidget, painted: QWidget, quit_after: bool) -> None:
        super().__init__(window)
        self._window = window
        self._painted_widget = painted
        self._handle: QObject | None = None  # the window's QWindow, once it exists
        self._quit_after = quit_after
        self._in_frame = False
        self._painted_in_frame = False
        self._done = False
        window.installEventFilter(self)
        painted.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._done:
            return False
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Show and self._handle is None:
            # The QWindow exists from the moment the window is shown.
            self._handle = self._window.windowHandle()
            if self._handle is not None:
                self._handle.installEventFilter(self)
            return False
        if watched is self._painted_widget:
            if kind == QEvent.Type.Paint:
                if self._in_frame:
                    self._painted_in_frame = True
                else:  # painted outside a frame event: the frame is out by the next turn
                    self._finish(None)
            return False
        is_window = watched is self._window or watched is self._handle
        if kind in _FRAME_EVENTS and not self._in_frame and is_window:
            self._in_frame = True
            try:
                watched.event(event)
            finally:
                self._in_frame = False
            if self._painted_in_frame:
                self._finish(time.monotonic())
            return True  # delivered above
        return False

    def _finish(self, at: float | None) -> None:
        self._done = True
        for watched in (self._window, self._painted_widget, self._handle):
            if watched is not None:
                watched.removeEventFilter(self)
        QTimer.singleShot(0, lambda: self._painted(at))

    def _painted(self, at: float | None) -> None:
        _report("first-paint", at)
        if self._quit_after:
            QApplication.quit()


@dataclass
class Boundary:
    """One phase boundary: when the plan put it and when each step of showing it happened,
    all on the monotonic clock (shared by every process on Linux)."""

    label: str  # the kind of the phase that begins, or END_LABEL
    offset_s: float  # where it falls in the routine's plan
    due: float  # the routine's start + offset_s (the benchmark never pauses)
    fired: float  # the driver reported it: its timer went off and the session saw it
    updated: float | None = None  # the driver has told every view (and cue) about it
    painted: float | None = None  # the first paint of the window after that
    shown: float | None = None  # back in the event loop after that paint: the frame is out

    def line(self) -> str:
        times = (self.due, self.fired, self.updated, self.painted, self.shown)
        return " ".join(
            [BOUNDARY_WORD, self.label, f"{self.offset_s:.6f}"]
            + [f"{t:.6f}" if t is not None else "-" for t in times]
        )


@dataclass
class BoundaryLog:
    """The bookkeeping of the timer hook, apart from Qt: a boundary waits from when the
    driver reports it, through the views being updated, until a frame painted after that
    is out. A paint before the views are done does not count: it may show the new phase
    with the old countdown."""

    start: float | None = None  # the monotonic time of the routine's start
    waiting: list[Boundary] = field(default_factory=list)
    count: int = 0  # boundaries shown so far

    def reported(self, label: str, offset_s: float, now: float) -> None:
        if self.start is None:
            raise RuntimeError("a boundary was reported before the routine's start")
        self.waiting.append(Boundary(label, offset_s, self.start + offset_s, now))

    def updated(self, now: float) -> bool:
        """The views are done with what was reported; True if a paint is now awaited."""
        for boundary in self.waiting:
            if boundary.updated is None:
                boundary.updated = now
        return any(b.painted is None for b in self.waiting)

    def painted(self, now: float) -> None:
        for boundary in self.waiting:
            if boundary.updated is not None and boundary.painted is None:
                boundary.painted = now

    def shown(self, now: float) -> list[str]:
        """Lines for the boundaries whose paint is now on screen; later ones keep waiting."""
        done = [b for b in self.waiting if b.painted is not None]
        self.waiting = [b for b in self.waiting if b.painted is None]
        for boundary in done:
            boundary.shown = now
        self.count += len(done)
        return [b.line() for b in done]


class _GcPauses:
    """Notes the garbage collector's longer runs (a gc.callbacks entry)."""

    def __init__(self) -> None:
        self.began = 0.0
        self.pauses: list[tuple[int, float, float]] = []  # generation, start, end

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        now = time.monotonic()
        if phase == "start":
            self.began = now
        elif now - self.began >= GC_PAUSE_S:
            self.pauses.append((info["generation"], self.began, now))

    def lines(self) -> list[str]:
        return [f"{GC_WORD} {gen} {start:.6f} {end:.6f}" for gen, start, end in self.pauses]


class _BoundaryWatcher(QObject):
    """Times the phase boundaries of the routine the driver runs: when the driver reports
    one, when it has told every view, and when the first frame painted after that is out
    (as for the first frame above).

    The event filter is on the application only from the views' update to that paint,
    so the app runs unobserved the rest of the time."""

    def __init__(self, app: QApplication, window: QWidget, driver: PlayerDriver) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._driver = driver
        self._log = BoundaryLog()
        self._watching = False
        self._ending = False
        self._gc = _GcPauses()
        self._following = False  # connected to the driver's state_changed
        gc.callbacks.append(self._gc)
        # First in line: Qt calls a signal's slots in the order they were connected, and the
        # cues connected before this hook. Hearing each event as the driver reports it,
        # before it emits anything, reads the time when the session saw the boundary,
        # before cues and views do their work.
        report = driver._report

        def report_first(event: SessionEvent) -> None:
            self._on_event(event)
            report(event)

        driver._report = report_first  # type: ignore[method-assign]
        # The end as before this change: after the listeners of session_ended (history,
        # reminders), before the summary's view and cue.
        driver.session_ended.connect(self._on_session_ended)
        driver.paused_changed.connect(self._on_paused_changed)

    def _now(self) -> float:
        return self._driver.clock.monotonic()

    def _on_event(self, event: SessionEvent) -> None:
        from backease_desktop.core.player import PhaseChanged

        if isinstance(event, PhaseChanged):
            self._on_phase_changed(event.phase)

    def _on_phase_changed(self, phase: Phase) -> None:
        now = self._now()
        session = self._driver.session
        if self._log.start is None:
            # The routine's first phase, just begun: the session's next deadline is its end.
            deadline = session.next_deadline() if session is not None else None
            if deadline is not None:
                self._log.start = deadline - phase.end_s
            return
        self._log.reported(phase.kind.value, phase.offset_s, now)
        self._follow_views()

    def _on_session_ended(self, finished: bool, _wall: float) -> None:
        now = self._now()
        session = self._driver.session
        if not finished or session is None or self._log.start is None:
            self._abort("stopped")
            return
        self._log.reported(END_LABEL, session.total_s, now)
        self._ending = True
        self._follow_views()

    def _follow_views(self) -> None:
        # The driver updates the views (show_state) after reporting the events of a catch-up;
        # last in that line, this hears when they are all done. The player's page joins the
        # line when the first routine starts, after this hook was installed.
        states = self._driver.state_changed
        if self._following:
            states.disconnect(self._on_views_updated)
        states.connect(self._on_views_updated)
        self._following = True

    def _on_views_updated(self, state: SessionState) -> None:
        if self._log.waiting and self._log.updated(self._now()):
            self._watch()

    def _on_paused_changed(self, paused: bool, reason: PauseReason | None) -> None:
        if paused:
            self._abort(f"paused ({reason.value if reason is not None else 'no reason'})")

    def _abort(self, why: str) -> None:
        _say(f"{ABORTED_WORD} {why}")
        QTimer.singleShot(0, QApplication.quit)

    def _watch(self) -> None:
        if not self._watching:
            self._watching = True
            self._app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._watching
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._watching = False
            self._app.removeEventFilter(self)
            self._log.painted(self._now())
            QTimer.singleShot(0, self._frame_out)
        return False

    def _frame_out(self) -> None:
        lines = self._log.shown(self._now())
        if lines:
            _say(*lines)
        if any(b.updated is not None for b in self._log.waiting):
            self._watch()  # told to the views while that frame was painted: the next one
        elif self._ending and not self._log.waiting:
            _say(*self._gc.lines(), f"{DONE_WORD} {self._log.count}")
            QApplication.quit()


def _install_timer(app: QApplication, window: QWidget) -> None:
    from backease_desktop.platform.player_driver import PlayerDriver

    driver = window.findChild(PlayerDriver)
    if driver is None:
        _say(f"{ABORTED_WORD} no player")
        return
    _BoundaryWatcher(app, window, driver)


class _ReminderWatcher(QObject):
    """Reports each reminder once the presenter has handed it over (the scheduler's events
    reach this after the Reminders object has shown them), then answers it."""

    def __init__(self, reminders: Reminders, count: int) -> None:
        super().__init__(reminders)
        self._reminders = reminders
        self._left = count
        reminders.driver.events_happened.connect(self._on_events)

    def _on_events(self, events: list[SchedulerEvent]) -> None:
        from backease_desktop.core.scheduler import BreakDue

        for event in events:
            if not isinstance(event, BreakDue):
                continue
            sent = time.time()
            showing = self._reminders.showing
            name = showing.name if showing is not None else "-"
            _say(f"{REMINDER_WORD} {event.due_wall:.6f} {sent:.6f} {name}")
            self._left -= 1
            if self._left <= 0:
                _say(f"{REMINDERS_DONE_WORD}")
                QTimer.singleShot(0, QApplication.quit)
            else:
                QTimer.singleShot(REMINDER_ANSWER_MS, self, self._skip)

    def _skip(self) -> None:
        from backease_desktop.platform.reminders import SKIP

        showing = self._reminders.showing
        if showing is not None:
            showing.close_reminder()
        self._reminders.answer(SKIP)


def attach(backease: BackEase) -> None:
    """Called by the app once its main window exists, before it is shown and before a
    routine asked for with --routine starts."""
    install(backease.window, backease.window.banner)
    count = os.environ.get(REMINDERS_ENV, "")
    if not count:
        return
    if backease.reminders is not None:  # wired already: --tray
        _ReminderWatcher(backease.reminders, int(count))
        return

    def watch_reminders() -> None:
        # The app wires the reminders on this same first frame; asking for them here only
        # saves depending on which of the two callbacks Qt runs first.
        backease.finish_start()
        assert backease.reminders is not None
        _ReminderWatcher(backease.reminders, int(count))

    from backease_desktop.ui.first_paint import after_first_paint

    after_first_paint(backease.window.banner, watch_reminders)


def install(window: QWidget, painted: QWidget) -> None:
    """Called once the main window exists, before it is shown; `painted` is a widget of it
    that paints in every frame (see _FirstPaintWatcher)."""
    first_paint = os.environ.get(FIRST_PAINT_ENV, "")
    app = QApplication.instance()
    if first_paint:
        _FirstPaintWatcher(window, painted, quit_after=first_paint != "stay")
    if os.environ.get(READY_ENV):
        QTimer.singleShot(0, lambda: _report("ready"))
    if os.environ.get(TIMER_ENV) and isinstance(app, QApplication):
        _install_timer(app, window)
