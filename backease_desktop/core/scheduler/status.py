"""What the scheduler is doing, for the tray icon and its tooltip, computed when asked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

# Fixed English names: strftime's %a follows the C locale Qt sets from the environment, which
# would mix languages in one sentence. The UI can build its own text from the fields.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class State(Enum):
    COUNTING = "counting"
    SNOOZED = "snoozed"
    DUE = "due"  # the reminder is showing
    WAITING_FOR_DO_NOT_DISTURB = "waiting_for_do_not_disturb"
    ON_BREAK = "on_break"
    AWAY = "away"
    PAUSED = "paused"
    OUTSIDE_WORKING_HOURS = "outside_working_hours"


@dataclass(frozen=True)
class Status:
    """A snapshot. Times are local, aware datetimes; `next_break_at` is when the next reminder
    is expected if nothing changes (None when that depends on the user)."""

    state: State
    now: datetime
    next_break_at: datetime | None = None
    paused_until: datetime | None = None
    reminder_due_at: datetime | None = None

    @property
    def seconds_to_break(self) -> float | None:
        if self.next_break_at is None:
            return None
        return max((self.next_break_at - self.now).total_seconds(), 0.0)

    def describe(self) -> str:
        """One line for the tray tooltip."""
        state = self.state
        if state is State.COUNTING:
            return f"Next break in {_duration(self.seconds_to_break)}"
        if state is State.SNOOZED:
            return f"Break snoozed — next reminder in {_duration(self.seconds_to_break)}"
        if state is State.DUE:
            return "Time for a break"
        if state is State.WAITING_FOR_DO_NOT_DISTURB:
            return "Break due — the reminder waits until do not disturb ends"
        if state is State.ON_BREAK:
            return "On a break"
        if state is State.AWAY:
            return "Away — the countdown starts again when you are back"
        if state is State.PAUSED:
            if self.paused_until is None:
                return "Reminders paused"
            return f"Reminders paused until {self._when(self.paused_until)}"
        if self.next_break_at is None:
            return "Outside working hours — no working days are set"
        when = self._when(self.next_break_at)
        if self.next_break_at.date() == self.now.date():
            when = f"at {when}"
        return f"Outside working hours — next reminder {when}"

    def _when(self, moment: datetime) -> str:
        """14:05 today, Mon 09:00 within the week, 2026-03-02 09:00 further on."""
        clock = f"{moment.hour:02d}:{moment.minute:02d}"
        days_ahead = (moment.date() - self.now.date()).days
        if days_ahead == 0:
            return clock
        if 0 < days_ahead < 7:
            return f"{_WEEKDAYS[moment.weekday()]} {clock}"
        return f"{moment.date().isoformat()} {clock}"


def _duration(seconds: float | None) -> str:
    if seconds is None or seconds < 60:
        return "less than a minute"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h" if minutes == 0 else f"{hours} h {minutes:02d} min"
