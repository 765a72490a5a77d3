"""Driving the break scheduler as the app's single timer would, on a FakeClock, and reading
its events."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakOutcome,
    BreakScheduler,
    CountdownRestarted,
    RestartReason,
    SchedulerEvent,
)

UTC = timezone.utc
MINUTE = 60.0
HOUR = 3600.0


def wall_at(year: int, month: int, day: int, hour: int, minute: int = 0, tz: tzinfo = UTC) -> float:
    return datetime(year, month, day, hour, minute, tzinfo=tz).timestamp()


# A Monday, 10:00 UTC: where the scheduler tests' clock starts.
MONDAY_10 = wall_at(2026, 1, 5, 10)


def local(wall: float, tz: tzinfo = UTC) -> datetime:
    return datetime.fromtimestamp(wall, tz)


def fire_timer(scheduler: BreakScheduler, clock: FakeClock) -> list[SchedulerEvent]:
    """What the app's single-shot timer does: wait until the deadline, then update."""
    deadline = scheduler.next_deadline()
    assert deadline is not None, "nothing is scheduled"
    clock.advance(deadline - clock.monotonic())
    return scheduler.update()


def reminders(events: list[SchedulerEvent]) -> list[BreakDue]:
    return [event for event in events if isinstance(event, BreakDue)]


def outcomes(events: list[SchedulerEvent]) -> list[BreakOutcome]:
    return [event for event in events if isinstance(event, BreakOutcome)]


def restarts(events: list[SchedulerEvent]) -> list[RestartReason]:
    return [event.reason for event in events if isinstance(event, CountdownRestarted)]


def seconds_left(scheduler: BreakScheduler, clock: FakeClock) -> float:
    deadline = scheduler.next_deadline()
    assert deadline is not None
    return deadline - clock.monotonic()


def remind(scheduler: BreakScheduler, clock: FakeClock) -> BreakDue:
    """Runs the timer until the reminder shows."""
    for _ in range(10):
        shown = reminders(fire_timer(scheduler, clock))
        if shown:
            return shown[0]
    raise AssertionError("no reminder came")
