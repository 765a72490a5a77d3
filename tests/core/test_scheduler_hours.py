"""Working hours and days: reminders only inside them, counted from their start, in local time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakOutcome,
    BreakScheduler,
    Cause,
    Outcome,
    ScheduleConfig,
    State,
)
from tests.helpers.scheduler import (
    HOUR,
    MINUTE,
    UTC,
    fire_timer,
    local,
    wall_at,
)

NINE_TO_FIVE = ScheduleConfig(
    working_hours_enabled=True, work_start=time(9, 0), work_end=time(17, 0)
)


def reminder_times_until(
    scheduler: BreakScheduler, clock: FakeClock, end_wall: float, break_s: float = 0.0
) -> list[datetime]:
    """Local times of the reminders up to `end_wall`, each answered at once with a break of
    `break_s` (0: the user stands up and says so)."""
    shown: list[datetime] = []
    while True:
        deadline = scheduler.next_deadline()
        if deadline is None or clock.wall() + (deadline - clock.monotonic()) > end_wall:
            return shown
        for event in fire_timer(scheduler, clock):
            if isinstance(event, BreakDue):
                shown.append(local(clock.wall()))
                scheduler.start_break()
                clock.advance(break_s)
                scheduler.break_finished(completed=True)


def test_eight_working_hours_give_sixteen_reminders() -> None:
    """09:00 to 17:00 holds sixteen 30-minute intervals; each ends with a reminder, the last
    one at 17:00 itself (both ends of the hours are included), none before 09:30."""
    clock = FakeClock(wall=wall_at(2026, 1, 5, 8, 0))  # Monday, before work
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 5, 23, 59))
    assert len(shown) == 16
    assert shown[0] == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert shown[-1] == datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
    assert all(b - a == timedelta(minutes=30) for a, b in pairwise(shown))


def test_two_minute_breaks_push_the_day_to_fifteen_reminders() -> None:
    """The countdown restarts when a break ends, so each 2-minute break moves the rhythm:
    09:30, 10:02, ... 16:58 is the fifteenth, and the sixteenth would fall at 17:30."""
    clock = FakeClock(wall=wall_at(2026, 1, 5, 8, 0))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 5, 23, 59), break_s=2 * MINUTE)
    assert len(shown) == 15
    assert shown[-1] == datetime(2026, 1, 5, 16, 58, tzinfo=UTC)


def test_before_working_hours_the_countdown_waits_for_them() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 8, 0))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    status = scheduler.status()
    assert status.state is State.OUTSIDE_WORKING_HOURS
    assert status.describe() == "Outside working hours — next reminder at 09:30"
    fire_timer(scheduler, clock)
    assert local(clock.wall()) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert scheduler.status().describe() == "Next break in 30 min"


def test_countdown_running_into_the_evening_does_not_remind() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 16, 40))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    clock.advance(30 * MINUTE)  # 17:10, when the reminder would have been due
    assert scheduler.update() == []
    assert scheduler.status().describe() == "Outside working hours — next reminder Tue 09:30"


def test_status_turns_to_outside_hours_when_they_end_without_a_timer() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 16, 50))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    clock.advance(11 * MINUTE)
    assert scheduler.status().state is State.OUTSIDE_WORKING_HOURS


def test_no_reminders_on_days_off() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 3, 10, 0))  # Saturday
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    assert scheduler.status().describe() == "Outside working hours — next reminder Mon 09:30"
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 5, 9, 0))
    assert shown == []
    assert local(clock.wall()) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_chosen_work_days_are_respected() -> None:
    config = ScheduleConfig(
        working_hours_enabled=True,
        work_start=time(9, 0),
        work_end=time(10, 0),
        work_days=frozenset({2, 4}),  # Tuesday and Thursday
    )
    clock = FakeClock(wall=wall_at(2026, 1, 5, 0, 0))  # Monday
    scheduler = BreakScheduler(clock, config, tz=UTC)
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 11, 23, 0))
    assert {moment.isoweekday() for moment in shown} == {2, 4}
    assert len(shown) == 4  # 09:30 and 10:00 on each day


def test_without_working_days_no_reminder_is_ever_scheduled() -> None:
    config = ScheduleConfig(working_hours_enabled=True, work_days=frozenset())
    clock = FakeClock(wall=wall_at(2026, 1, 5, 10, 0))
    scheduler = BreakScheduler(clock, config, tz=UTC)
    assert scheduler.next_deadline() is None
    assert scheduler.status().describe() == "Outside working hours — no working days are set"


def test_hours_past_midnight_belong_to_the_day_they_start() -> None:
    night_shift = ScheduleConfig(
        working_hours_enabled=True,
        work_start=time(22, 0),
        work_end=time(6, 0),
        work_days=frozenset({1}),  # Monday night only
    )
    clock = FakeClock(wall=wall_at(2026, 1, 5, 21, 0))
    scheduler = BreakScheduler(clock, night_shift, tz=UTC)
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 7, 0, 0))
    assert shown[0] == datetime(2026, 1, 5, 22, 30, tzinfo=UTC)
    assert shown[-1] == datetime(2026, 1, 6, 6, 0, tzinfo=UTC)
    assert len(shown) == 16


def test_equal_start_and_end_means_the_whole_day() -> None:
    config = ScheduleConfig(working_hours_enabled=True, work_start=time(0, 0), work_end=time(0, 0))
    clock = FakeClock(wall=wall_at(2026, 1, 5, 23, 0))  # Monday 23:00
    scheduler = BreakScheduler(clock, config, tz=UTC)
    shown = reminder_times_until(scheduler, clock, wall_at(2026, 1, 6, 1, 0))
    assert shown[:3] == [
        datetime(2026, 1, 5, 23, 30, tzinfo=UTC),
        datetime(2026, 1, 6, 0, 0, tzinfo=UTC),
        datetime(2026, 1, 6, 0, 30, tzinfo=UTC),
    ]


def test_turning_working_hours_on_in_the_evening_stops_the_countdown() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 19, 0))
    scheduler = BreakScheduler(clock, ScheduleConfig(), tz=UTC)
    assert scheduler.status().state is State.COUNTING
    scheduler.set_config(NINE_TO_FIVE)
    assert scheduler.status().describe() == "Outside working hours — next reminder Tue 09:30"


def test_reminder_held_by_do_not_disturb_past_the_end_of_hours_is_missed() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 16, 0))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    scheduler.set_do_not_disturb(True)
    fire_timer(scheduler, clock)  # 16:30: due, held back
    clock.advance(HOUR)  # the film ends at 17:30
    events = scheduler.set_do_not_disturb(False)
    assert events == [
        BreakOutcome(
            Outcome.MISSED,
            Cause.WORKDAY_ENDED,
            wall_at(2026, 1, 5, 16, 30),
            clock.wall(),
            30 * MINUTE,
        )
    ]
    assert scheduler.status().state is State.OUTSIDE_WORKING_HOURS


def test_reminder_showing_at_the_end_of_hours_can_still_be_answered() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 16, 30))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    fire_timer(scheduler, clock)  # 17:00, the last reminder of the day
    clock.advance(2 * MINUTE)
    scheduler.start_break()
    clock.advance(2 * MINUTE)
    (outcome,) = [e for e in scheduler.break_finished(True) if isinstance(e, BreakOutcome)]
    assert outcome.outcome is Outcome.TAKEN
    assert scheduler.status().state is State.OUTSIDE_WORKING_HOURS


def test_pause_until_tomorrow_on_a_friday_lasts_until_monday_morning() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 9, 15, 0))  # Friday
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    scheduler.pause_until_tomorrow()
    assert scheduler.status().describe() == "Reminders paused until Mon 09:00"
    fire_timer(scheduler, clock)
    assert local(clock.wall()) == datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
    assert scheduler.status().describe() == "Next break in 30 min"


def test_pause_until_tomorrow_follows_the_start_of_hours() -> None:
    config = ScheduleConfig(
        working_hours_enabled=True, work_start=time(8, 15), work_end=time(16, 0)
    )
    clock = FakeClock(wall=wall_at(2026, 1, 5, 11, 0))
    scheduler = BreakScheduler(clock, config, tz=UTC)
    scheduler.pause_until_tomorrow()
    assert scheduler.status().describe() == "Reminders paused until Tue 08:15"


def test_pause_ending_outside_hours_leaves_reminders_waiting_for_them() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 5, 16, 30))
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=UTC)
    scheduler.pause_for(HOUR)
    assert fire_timer(scheduler, clock) == []  # 17:30: the pause is over, the day too
    assert scheduler.status().describe() == "Outside working hours — next reminder Tue 09:30"


def test_working_hours_follow_local_time_across_a_daylight_saving_change() -> None:
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this system")
    # Clocks go forward on Sunday 29 March 2026; Monday's hours start at 09:00 CEST.
    clock = FakeClock(wall=wall_at(2026, 3, 28, 12, 0, tz=berlin))  # Saturday
    scheduler = BreakScheduler(clock, NINE_TO_FIVE, tz=berlin)
    assert scheduler.status().describe() == "Outside working hours — next reminder Mon 09:30"
    for _ in range(5):
        events = fire_timer(scheduler, clock)
        if any(isinstance(event, BreakDue) for event in events):
            break
    assert local(clock.wall(), berlin).replace(tzinfo=None) == datetime(2026, 3, 30, 9, 30)
