"""Desk-break reminders without Qt: a countdown on the injected monotonic clock, with snooze,
skip, pauses, working hours, away time, sleep and do-not-disturb, and an outcome for each
reminder. See BreakScheduler."""

from backease_desktop.core.scheduler.config import ScheduleConfig, time_of_day
from backease_desktop.core.scheduler.events import (
    BreakDue,
    BreakOutcome,
    Cause,
    CountdownRestarted,
    Outcome,
    ReminderClosed,
    RestartReason,
    SchedulerEvent,
)
from backease_desktop.core.scheduler.plan import Instant
from backease_desktop.core.scheduler.scheduler import BreakScheduler
from backease_desktop.core.scheduler.status import State, Status

__all__ = [
    "BreakDue",
    "BreakOutcome",
    "BreakScheduler",
    "Cause",
    "CountdownRestarted",
    "Instant",
    "Outcome",
    "ReminderClosed",
    "RestartReason",
    "ScheduleConfig",
    "SchedulerEvent",
    "State",
    "Status",
    "time_of_day",
]
