"""Runs the Qt-free BreakScheduler on Qt's event loop with exactly one single-shot timer.

Every call into the scheduler goes through `run`, which re-arms the timer to the scheduler's
next deadline afterwards, so between reminders the app sleeps until that moment and does no
polling at all."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backease_desktop.core.clock import Clock
from backease_desktop.core.scheduler import BreakScheduler, SchedulerEvent

# QTimer takes a signed 32-bit number of milliseconds (about 24.8 days). A deadline further
# off (a pause "until resumed" has none, but "until tomorrow" after a long weekend may) is
# reached in steps: the timer fires early, `update` finds nothing to do, and re-arms.
MAX_TIMER_MS = 2**31 - 1


class SchedulerDriver(QObject):
    """Owns the scheduler's timer. `events_happened` carries the events of each call;
    `changed` fires after every call, for views that show the scheduler's status."""

    events_happened = Signal(list)  # list[SchedulerEvent]
    changed = Signal()

    def __init__(
        self,
        scheduler: BreakScheduler,
        clock: Clock,
        max_wait_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scheduler = scheduler
        self.clock = clock
        # Without a clock-change signal, a deadline set on the wall clock (a pause until
        # 14:05, the start of working hours) is checked at least this often.
        self.max_wait_s = max_wait_s
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # Coarse timers may fire 5 % late: a minute on a 20-minute countdown.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.on_timeout)

    def start(self) -> None:
        self.run(self.scheduler.update)

    def run(self, call: Callable[[], list[SchedulerEvent]]) -> list[SchedulerEvent]:
        """Calls the scheduler, re-arms the timer, then tells listeners what happened."""
        events = call()
        self.rearm()
        if events:
            self.events_happened.emit(events)
        self.changed.emit()
        return events

    def on_timeout(self) -> None:
        self.run(self.scheduler.update)

    def rearm(self) -> None:
        deadline = self.scheduler.next_deadline()
        wait_s: float | None = None
        if deadline is not None:
            wait_s = max(deadline - self.clock.monotonic(), 0.0)
        if self.max_wait_s is not None:
            wait_s = self.max_wait_s if wait_s is None else min(wait_s, self.max_wait_s)
        if wait_s is None:
            self.timer.stop()
            return
        self.timer.start(min(math.ceil(wait_s * 1000), MAX_TIMER_MS))
