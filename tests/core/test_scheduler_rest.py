"""Away time, sleep, wall-clock changes and do-not-disturb: rest counts as a break, and a
reminder is never fired late, in a burst, or over a full-screen window."""

from __future__ import annotations

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakOutcome,
    BreakScheduler,
    Cause,
    CountdownRestarted,
    Outcome,
    ReminderClosed,
    RestartReason,
    State,
)
from tests.helpers.scheduler import (
    HOUR,
    MINUTE,
    fire_timer,
    outcomes,
    remind,
    reminders,
    restarts,
    seconds_left,
)

# --- away ---------------------------------------------------------------------------------


def test_away_five_minutes_restarts_the_countdown_on_return(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    scheduler.user_went_idle()
    clock.advance(5 * MINUTE)
    assert restarts(scheduler.user_returned()) == [RestartReason.AWAY]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_away_four_minutes_keeps_the_countdown(scheduler: BreakScheduler, clock: FakeClock) -> None:
    clock.advance(10 * MINUTE)
    scheduler.user_went_idle()
    clock.advance(4 * MINUTE)
    assert scheduler.user_returned() == []
    assert seconds_left(scheduler, clock) == 16 * MINUTE


def test_idle_reported_late_counts_from_when_it_began(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    scheduler.user_went_idle(idle_for_s=5 * MINUTE)
    assert restarts(scheduler.user_returned()) == [RestartReason.AWAY]


def test_repeated_idle_reports_keep_the_first(scheduler: BreakScheduler, clock: FakeClock) -> None:
    clock.advance(10 * MINUTE)
    scheduler.user_went_idle(idle_for_s=MINUTE)
    clock.advance(4 * MINUTE)
    scheduler.user_went_idle(idle_for_s=0)
    assert restarts(scheduler.user_returned()) == [RestartReason.AWAY]


def test_reminder_falling_due_while_away_waits_for_the_return(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(20 * MINUTE)
    scheduler.user_went_idle()
    assert reminders(fire_timer(scheduler, clock)) == []  # due at 30 min, away for 10
    assert scheduler.status().state is State.AWAY
    assert scheduler.next_deadline() is None
    clock.advance(HOUR)
    assert restarts(scheduler.user_returned()) == [RestartReason.AWAY]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_short_idle_does_not_hold_back_the_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(27 * MINUTE)
    scheduler.user_went_idle()  # reading, not away: three minutes by the due time
    assert len(reminders(fire_timer(scheduler, clock))) == 1


def test_leaving_while_a_reminder_shows_counts_as_the_break_taken(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    scheduler.user_went_idle()
    clock.advance(20 * MINUTE)  # well past the time a reminder is missed
    assert scheduler.update() == []
    events = scheduler.user_returned()
    assert ReminderClosed(shown.due_wall) in events
    (outcome,) = outcomes(events)
    assert (outcome.outcome, outcome.cause) == (Outcome.TAKEN, Cause.AWAY)


def test_idle_during_a_break_is_just_the_break(scheduler: BreakScheduler, clock: FakeClock) -> None:
    remind(scheduler, clock)
    scheduler.start_break()
    scheduler.user_went_idle()
    clock.advance(6 * MINUTE)
    assert scheduler.user_returned() == []
    assert scheduler.status().state is State.ON_BREAK


# --- sleep --------------------------------------------------------------------------------


def test_two_hour_suspend_restarts_the_countdown_without_a_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    assert scheduler.system_will_sleep() == []
    clock.suspend(2 * HOUR)
    events = scheduler.system_woke()
    assert reminders(events) == []
    assert restarts(events) == [RestartReason.ASLEEP]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_suspend_is_noticed_without_logind_when_the_timer_fires(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    clock.suspend(2 * HOUR)
    events = fire_timer(scheduler, clock)  # the monotonic timer fires 20 awake minutes later
    assert reminders(events) == []
    assert restarts(events) == [RestartReason.ASLEEP]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_suspend_shorter_than_a_break_keeps_the_countdown(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    scheduler.system_will_sleep()
    clock.suspend(MINUTE)
    assert scheduler.system_woke() == []
    assert seconds_left(scheduler, clock) == 20 * MINUTE


def test_sleeping_through_a_reminder_counts_as_the_break_taken(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    scheduler.system_will_sleep()
    clock.suspend(3 * MINUTE)
    events = scheduler.system_woke()
    assert ReminderClosed(shown.due_wall) in events
    (outcome,) = outcomes(events)
    assert (outcome.outcome, outcome.cause) == (Outcome.TAKEN, Cause.ASLEEP)


def test_suspend_during_a_pause_changes_nothing(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_indefinitely()
    clock.suspend(2 * HOUR)
    assert scheduler.system_woke() == []
    assert scheduler.status().describe() == "Reminders paused"


def test_timed_pause_that_ended_during_sleep_ends_on_waking(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_for(HOUR)
    scheduler.system_will_sleep()
    clock.suspend(2 * HOUR)
    assert restarts(scheduler.system_woke()) == [RestartReason.PAUSE_ENDED]


def test_timer_firing_long_after_the_due_time_does_not_show_a_stale_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(40 * MINUTE)  # the app was frozen, or slept in a way no clock showed
    events = scheduler.update()
    assert reminders(events) == []
    assert restarts(events) == [RestartReason.LATE]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_timer_firing_a_minute_late_still_shows_the_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(31 * MINUTE)
    (shown,) = reminders(scheduler.update())
    assert shown.due_wall == shown.shown_wall - MINUTE


# --- wall-clock changes -------------------------------------------------------------------


@pytest.mark.parametrize("jump_s", [HOUR, -HOUR])
def test_wall_clock_jump_neither_fires_nor_loses_the_reminder(
    scheduler: BreakScheduler, clock: FakeClock, jump_s: float
) -> None:
    clock.advance(10 * MINUTE)
    clock.jump_wall(jump_s)
    assert scheduler.update() == []
    assert seconds_left(scheduler, clock) == 20 * MINUTE
    events = fire_timer(scheduler, clock)
    assert reminders(events) == [BreakDue(clock.wall(), clock.wall(), after_snooze=False)]


@pytest.mark.parametrize("jump_s", [HOUR, -HOUR])
def test_wall_clock_jump_during_a_reminder_leaves_one_reminder(
    scheduler: BreakScheduler, clock: FakeClock, jump_s: float
) -> None:
    remind(scheduler, clock)
    clock.jump_wall(jump_s)
    assert scheduler.update() == []
    assert scheduler.status().state is State.DUE


def test_timed_pause_ends_by_the_wall_clock_it_was_shown_in(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_for(HOUR)  # "until 11:00"
    clock.jump_wall(HOUR)  # the clock is corrected to 11:00
    assert restarts(scheduler.update()) == [RestartReason.PAUSE_ENDED]


# --- do not disturb -----------------------------------------------------------------------


def test_do_not_disturb_holds_the_reminder_and_shows_it_once_when_it_ends(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    due_wall = clock.wall() + 30 * MINUTE
    clock.advance(10 * MINUTE)
    scheduler.set_do_not_disturb(True)
    clock.advance(20 * MINUTE)
    assert scheduler.update() == []
    assert scheduler.status().describe() == (
        "Break due — the reminder waits until do not disturb ends"
    )
    assert scheduler.next_deadline() is None
    clock.advance(HOUR)
    events = scheduler.set_do_not_disturb(False)
    assert events == [BreakDue(due_wall, clock.wall(), after_snooze=False)]
    scheduler.set_do_not_disturb(True)
    assert scheduler.set_do_not_disturb(False) == []


def test_reminder_shown_after_do_not_disturb_gets_its_full_answer_time(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.set_do_not_disturb(True)
    assert fire_timer(scheduler, clock) == []  # due, held back
    clock.advance(2 * HOUR)
    scheduler.set_do_not_disturb(False)
    assert seconds_left(scheduler, clock) == 5 * MINUTE


def test_do_not_disturb_starting_over_a_shown_reminder_leaves_it(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    assert scheduler.set_do_not_disturb(True) == []
    assert scheduler.status().state is State.DUE


def test_held_reminder_can_be_skipped_from_the_tray(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.set_do_not_disturb(True)
    fire_timer(scheduler, clock)
    events = scheduler.skip()
    assert [type(event) for event in events] == [BreakOutcome, CountdownRestarted]
    assert scheduler.set_do_not_disturb(False) == []


def test_do_not_disturb_without_a_due_reminder_changes_nothing(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    scheduler.set_do_not_disturb(True)
    clock.advance(5 * MINUTE)
    scheduler.set_do_not_disturb(False)
    assert seconds_left(scheduler, clock) == 15 * MINUTE
