"""What the break scheduler tells the app: show or close a reminder, record an outcome for the
history, or note that the countdown started over. Times are wall-clock epoch seconds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    TAKEN = "taken"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"
    # The guided break's routine did not start: the red-flag check stopped it (a warning
    # sign applies) or the person left the check. Not a break taken, nor one skipped.
    DECLINED = "declined"


class Cause(Enum):
    """How an outcome came about, for a history that wants to tell them apart."""

    ANSWERED = "answered"  # the user chose it on the reminder or the tray menu
    UNPROMPTED = "unprompted"  # a break the user started with no reminder showing
    PAUSED = "paused"  # skipped by pausing reminders while one was due
    AWAY = "away"  # taken: away from the computer at least the idle threshold
    ASLEEP = "asleep"  # taken: the computer slept at least a break's length
    DISMISSED = "dismissed"  # missed: the reminder was closed without an answer
    UNANSWERED = "unanswered"  # missed: nobody answered in time
    WORKDAY_ENDED = "workday_ended"  # missed: do-not-disturb lasted past working hours


class RestartReason(Enum):
    BREAK_FINISHED = "break_finished"
    BREAK_DECLINED = "break_declined"
    SKIPPED = "skipped"
    MISSED = "missed"
    AWAY = "away"
    ASLEEP = "asleep"
    RESUMED = "resumed"
    PAUSE_ENDED = "pause_ended"
    WORKDAY_STARTED = "workday_started"
    LATE = "late"  # the timer fired long after the due time: no stale reminder


@dataclass(frozen=True)
class BreakDue:
    """Show the reminder. `due_wall` is when it fell due (earlier than now when do-not-disturb
    held it back)."""

    due_wall: float
    shown_wall: float
    after_snooze: bool


@dataclass(frozen=True)
class ReminderClosed:
    """Take the reminder off the screen: it was answered, missed, or no longer applies."""

    due_wall: float


@dataclass(frozen=True)
class BreakOutcome:
    """One line of history. `due_wall` is None for a break the user started on their own;
    `completed` says, for a taken break, whether the guided break ran to its end."""

    outcome: Outcome
    cause: Cause
    due_wall: float | None
    at_wall: float
    interval_s: float
    completed: bool | None = None


@dataclass(frozen=True)
class CountdownRestarted:
    """A full interval starts now; the next reminder is expected at `next_due_wall`."""

    reason: RestartReason
    at_wall: float
    next_due_wall: float


SchedulerEvent = BreakDue | ReminderClosed | BreakOutcome | CountdownRestarted
