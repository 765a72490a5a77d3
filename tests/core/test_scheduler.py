"""The break countdown and the answers to a reminder: take, snooze, skip, miss; pauses; settings
changes; the tooltip text. Time moves only on a FakeClock, as the app's single timer would."""

from __future__ import annotations

from datetime import datetime, time

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
    ScheduleConfig,
    State,
)
from backease_desktop.core.settings import DictBackend, Options, Settings
from tests.helpers.scheduler import (
    HOUR,
    MINUTE,
    UTC,
    fire_timer,
    local,
    outcomes,
    remind,
    reminders,
    seconds_left,
    wall_at,
)

# --- the countdown ------------------------------------------------------------------------


def test_first_reminder_comes_thirty_minutes_after_start(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    start = clock.wall()
    assert seconds_left(scheduler, clock) == 30 * MINUTE
    events = fire_timer(scheduler, clock)
    assert events == [
        BreakDue(due_wall=start + 30 * MINUTE, shown_wall=clock.wall(), after_snooze=False)
    ]


def test_no_reminder_before_the_interval_is_up(scheduler: BreakScheduler, clock: FakeClock) -> None:
    clock.advance(29 * MINUTE + 59)
    assert scheduler.update() == []
    assert scheduler.status().state is State.COUNTING


def test_reminder_shows_once_however_often_update_runs(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    assert scheduler.update() == []
    clock.advance(MINUTE)
    assert scheduler.update() == []
    assert scheduler.status().state is State.DUE


def test_timer_firing_a_little_early_still_shows_the_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(30 * MINUTE - 0.01)
    assert len(reminders(scheduler.update())) == 1


def test_interval_comes_from_the_config(clock: FakeClock) -> None:
    scheduler = BreakScheduler(clock, ScheduleConfig(interval_s=45 * MINUTE), tz=UTC)
    assert seconds_left(scheduler, clock) == 45 * MINUTE


def test_interval_as_short_as_ten_seconds_is_allowed_for_one_run(clock: FakeClock) -> None:
    scheduler = BreakScheduler(clock, ScheduleConfig(interval_s=10), tz=UTC)
    clock.advance(10)
    assert len(reminders(scheduler.update())) == 1


def test_interval_under_ten_seconds_is_refused() -> None:
    with pytest.raises(ValueError, match="outside 10 s"):
        ScheduleConfig(interval_s=9)


# --- taking the break ---------------------------------------------------------------------


def test_starting_the_break_closes_the_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    assert scheduler.start_break() == [ReminderClosed(shown.due_wall)]
    assert scheduler.status().state is State.ON_BREAK


def test_finished_break_is_recorded_as_taken(scheduler: BreakScheduler, clock: FakeClock) -> None:
    shown = remind(scheduler, clock)
    scheduler.start_break()
    clock.advance(2 * MINUTE)
    (outcome,) = outcomes(scheduler.break_finished(completed=True))
    assert outcome == BreakOutcome(
        Outcome.TAKEN, Cause.ANSWERED, shown.due_wall, clock.wall(), 30 * MINUTE, completed=True
    )


def test_countdown_restarts_when_the_break_ends(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    scheduler.start_break()
    clock.advance(2 * MINUTE)
    scheduler.break_finished(completed=True)
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_break_stopped_early_is_taken_but_not_completed(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    scheduler.start_break()
    clock.advance(20)
    (outcome,) = outcomes(scheduler.break_finished(completed=False))
    assert (outcome.outcome, outcome.completed) == (Outcome.TAKEN, False)


def test_break_started_from_the_tray_is_recorded_without_a_reminder(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    assert scheduler.start_break() == []
    clock.advance(2 * MINUTE)
    events = scheduler.break_finished(completed=True)
    (outcome,) = outcomes(events)
    assert (outcome.outcome, outcome.cause, outcome.due_wall) == (
        Outcome.TAKEN,
        Cause.UNPROMPTED,
        None,
    )
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_a_break_whose_routine_the_check_stops_is_declined_not_taken(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    scheduler.start_break()
    clock.advance(15)
    events = scheduler.break_declined()
    assert outcomes(events) == [
        BreakOutcome(Outcome.DECLINED, Cause.ANSWERED, shown.due_wall, clock.wall(), 30 * MINUTE)
    ]
    restarted = [event for event in events if isinstance(event, CountdownRestarted)]
    assert [event.reason for event in restarted] == [RestartReason.BREAK_DECLINED]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_a_tray_break_declined_at_the_check_has_no_due_time(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    scheduler.start_break()
    (outcome,) = outcomes(scheduler.break_declined())
    assert (outcome.outcome, outcome.cause, outcome.due_wall) == (
        Outcome.DECLINED,
        Cause.UNPROMPTED,
        None,
    )
    assert scheduler.status().state is State.COUNTING


def test_declining_with_no_break_under_way_changes_nothing(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    assert scheduler.break_declined() == []
    assert seconds_left(scheduler, clock) == 20 * MINUTE


def test_no_reminder_during_a_break(scheduler: BreakScheduler, clock: FakeClock) -> None:
    clock.advance(29 * MINUTE)
    scheduler.start_break()
    clock.advance(5 * MINUTE)
    assert scheduler.update() == []
    assert scheduler.status().describe() == "On a break"


def test_break_never_reported_finished_ends_by_itself(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    scheduler.start_break()
    assert seconds_left(scheduler, clock) == 15 * MINUTE
    events = fire_timer(scheduler, clock)
    (outcome,) = outcomes(events)
    assert (outcome.outcome, outcome.completed) == (Outcome.TAKEN, False)
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_break_finished_twice_records_one_outcome(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    scheduler.start_break()
    scheduler.break_finished(completed=True)
    assert scheduler.break_finished(completed=True) == []


# --- snooze, skip, miss -------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [5, 10])
def test_snooze_reminds_again_after_the_chosen_minutes(
    scheduler: BreakScheduler, clock: FakeClock, minutes: int
) -> None:
    shown = remind(scheduler, clock)
    events = scheduler.snooze(minutes)
    assert events == [
        ReminderClosed(shown.due_wall),
        BreakOutcome(Outcome.SNOOZED, Cause.ANSWERED, shown.due_wall, clock.wall(), 30 * MINUTE),
    ]
    assert seconds_left(scheduler, clock) == minutes * MINUTE
    again = reminders(fire_timer(scheduler, clock))
    assert again == [BreakDue(clock.wall(), clock.wall(), after_snooze=True)]


def test_snoozed_countdown_is_described_as_snoozed(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    scheduler.snooze(10)
    status = scheduler.status()
    assert status.state is State.SNOOZED
    assert status.describe() == "Break snoozed — next reminder in 10 min"


def test_snooze_of_another_length_is_refused(scheduler: BreakScheduler, clock: FakeClock) -> None:
    remind(scheduler, clock)
    with pytest.raises(ValueError, match="not one of"):
        scheduler.snooze(7)


def test_skip_records_skipped_and_waits_a_full_interval(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    clock.advance(30)
    events = scheduler.skip()
    assert outcomes(events) == [
        BreakOutcome(Outcome.SKIPPED, Cause.ANSWERED, shown.due_wall, clock.wall(), 30 * MINUTE)
    ]
    assert ReminderClosed(shown.due_wall) in events
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_unanswered_reminder_is_missed_after_five_minutes(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    assert seconds_left(scheduler, clock) == 5 * MINUTE
    events = fire_timer(scheduler, clock)
    assert events[:2] == [
        ReminderClosed(shown.due_wall),
        BreakOutcome(Outcome.MISSED, Cause.UNANSWERED, shown.due_wall, clock.wall(), 30 * MINUTE),
    ]


def test_missed_reminder_restarts_the_countdown_instead_of_nagging(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    remind(scheduler, clock)
    fire_timer(scheduler, clock)  # missed
    assert scheduler.status().state is State.COUNTING
    assert seconds_left(scheduler, clock) == 30 * MINUTE


@pytest.mark.parametrize(
    ("answer", "cause"),
    [
        (BreakScheduler.reminder_dismissed, Cause.DISMISSED),
        (BreakScheduler.reminder_timed_out, Cause.UNANSWERED),
    ],
)
def test_reminder_closed_without_an_answer_is_missed(
    scheduler: BreakScheduler, clock: FakeClock, answer: object, cause: Cause
) -> None:
    remind(scheduler, clock)
    assert callable(answer)
    (outcome,) = outcomes(answer(scheduler))
    assert (outcome.outcome, outcome.cause) == (Outcome.MISSED, cause)
    assert seconds_left(scheduler, clock) == 30 * MINUTE


@pytest.mark.parametrize(
    "answer",
    [
        lambda s: s.snooze(5),
        BreakScheduler.skip,
        BreakScheduler.reminder_dismissed,
        BreakScheduler.reminder_timed_out,
    ],
)
def test_answers_with_no_reminder_showing_change_nothing(
    scheduler: BreakScheduler, clock: FakeClock, answer: object
) -> None:
    clock.advance(10 * MINUTE)
    before = scheduler.next_deadline()
    assert callable(answer)
    assert answer(scheduler) == []
    assert scheduler.next_deadline() == before


def test_unanswered_reminders_never_pile_up(scheduler: BreakScheduler, clock: FakeClock) -> None:
    """Three hours with nobody answering: each reminder is closed before the next shows."""
    on_screen: list[float] = []
    for _ in range(20):
        for event in fire_timer(scheduler, clock):
            if isinstance(event, BreakDue):
                assert on_screen == []
                on_screen.append(event.due_wall)
            elif isinstance(event, ReminderClosed):
                assert on_screen == [event.due_wall]
                on_screen.clear()
    assert clock.monotonic() > 1000 + 5 * HOUR


# --- pauses -------------------------------------------------------------------------------


def test_pause_for_an_hour_holds_reminders_until_then(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(25 * MINUTE)
    scheduler.pause_for(HOUR)
    status = scheduler.status()
    assert status.state is State.PAUSED
    assert status.describe() == "Reminders paused until 11:25"
    assert seconds_left(scheduler, clock) == HOUR
    clock.advance(30 * MINUTE)
    assert scheduler.update() == []


def test_countdown_starts_afresh_when_a_pause_ends(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(25 * MINUTE)
    scheduler.pause_for(HOUR)
    events = fire_timer(scheduler, clock)
    assert events == [
        CountdownRestarted(RestartReason.PAUSE_ENDED, clock.wall(), clock.wall() + 30 * MINUTE)
    ]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_pausing_while_a_reminder_shows_skips_it(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    shown = remind(scheduler, clock)
    events = scheduler.pause_for(HOUR)
    assert ReminderClosed(shown.due_wall) in events
    (outcome,) = outcomes(events)
    assert (outcome.outcome, outcome.cause) == (Outcome.SKIPPED, Cause.PAUSED)


def test_pause_until_resumed_has_no_deadline(scheduler: BreakScheduler, clock: FakeClock) -> None:
    scheduler.pause_indefinitely()
    assert scheduler.next_deadline() is None
    clock.advance(8 * HOUR)
    assert scheduler.update() == []
    assert scheduler.status().describe() == "Reminders paused"


def test_resume_starts_a_full_interval(scheduler: BreakScheduler, clock: FakeClock) -> None:
    scheduler.pause_indefinitely()
    clock.advance(3 * HOUR)
    events = scheduler.resume()
    assert events == [
        CountdownRestarted(RestartReason.RESUMED, clock.wall(), clock.wall() + 30 * MINUTE)
    ]
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_resume_ends_a_timed_pause_early(scheduler: BreakScheduler, clock: FakeClock) -> None:
    scheduler.pause_for(HOUR)
    clock.advance(10 * MINUTE)
    scheduler.resume()
    assert scheduler.status().state is State.COUNTING
    assert seconds_left(scheduler, clock) == 30 * MINUTE


def test_resume_when_not_paused_changes_nothing(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(10 * MINUTE)
    assert scheduler.resume() == []
    assert seconds_left(scheduler, clock) == 20 * MINUTE


def test_pause_until_tomorrow_ends_at_seven_without_working_hours(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(5 * HOUR)  # Monday 15:00
    scheduler.pause_until_tomorrow()
    assert scheduler.status().describe() == "Reminders paused until Tue 07:00"
    fire_timer(scheduler, clock)
    assert local(clock.wall()) == datetime(2026, 1, 6, 7, 0, tzinfo=UTC)
    assert scheduler.status().state is State.COUNTING


def test_pause_until_tomorrow_after_midnight_means_the_coming_morning() -> None:
    clock = FakeClock(wall=wall_at(2026, 1, 6, 1, 30))  # Tuesday 01:30, still Monday night
    scheduler = BreakScheduler(clock, ScheduleConfig(), tz=UTC)
    scheduler.pause_until_tomorrow()
    assert scheduler.status().describe() == "Reminders paused until 07:00"


def test_pause_of_no_time_is_refused(scheduler: BreakScheduler) -> None:
    with pytest.raises(ValueError, match="not a pause"):
        scheduler.pause_for(0)


def test_timed_pause_survives_a_restart_of_the_app(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_for(HOUR)
    saved = scheduler.pause_setting()
    assert saved == "2026-01-05T11:00:00+00:00"
    restarted = BreakScheduler(clock, ScheduleConfig(), tz=UTC)
    restarted.restore_pause(saved)
    assert restarted.status().describe() == "Reminders paused until 11:00"


def test_pause_until_resumed_survives_a_restart_of_the_app(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_indefinitely()
    restarted = BreakScheduler(clock, ScheduleConfig(), tz=UTC)
    restarted.restore_pause(scheduler.pause_setting())
    assert restarted.status().describe() == "Reminders paused"


@pytest.mark.parametrize("saved", ["", "2026-01-05T09:00:00+00:00", "next tuesday"])
def test_saved_pause_that_is_over_or_unreadable_leaves_reminders_on(
    scheduler: BreakScheduler, saved: str
) -> None:
    assert scheduler.restore_pause(saved) == []
    assert scheduler.status().state is State.COUNTING


def test_no_pause_is_saved_as_empty_text(scheduler: BreakScheduler) -> None:
    scheduler.pause_for(HOUR)
    scheduler.resume()
    assert scheduler.pause_setting() == ""


# --- settings changes ---------------------------------------------------------------------


def test_shorter_interval_keeps_the_time_already_counted(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(20 * MINUTE)
    scheduler.set_config(ScheduleConfig(interval_s=25 * MINUTE))
    assert seconds_left(scheduler, clock) == 5 * MINUTE


def test_interval_shorter_than_the_time_counted_reminds_within_a_minute(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(20 * MINUTE)
    assert scheduler.set_config(ScheduleConfig(interval_s=10 * MINUTE)) == []
    assert seconds_left(scheduler, clock) == MINUTE


def test_longer_interval_moves_the_reminder_later(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(20 * MINUTE)
    scheduler.set_config(ScheduleConfig(interval_s=HOUR))
    assert seconds_left(scheduler, clock) == 40 * MINUTE


def test_interval_change_leaves_a_snooze_alone(scheduler: BreakScheduler, clock: FakeClock) -> None:
    remind(scheduler, clock)
    scheduler.snooze(5)
    scheduler.set_config(ScheduleConfig(interval_s=HOUR))
    assert seconds_left(scheduler, clock) == 5 * MINUTE


def test_config_from_settings_reads_the_users_choices() -> None:
    settings = Settings(DictBackend())
    settings.set(Options.break_interval_min, 45)
    settings.set(Options.working_hours_enabled, True)
    settings.set(Options.work_start, "08:30")
    settings.set(Options.work_end, "24:00")
    settings.set(Options.work_days, (1, 3, 5))
    config = ScheduleConfig.from_settings(settings)
    assert config.interval_s == 45 * MINUTE
    assert config.working_hours_enabled
    assert (config.work_start, config.work_end) == (time(8, 30), time(0, 0))
    assert config.work_days == frozenset({1, 3, 5})


def test_command_line_interval_overrides_the_setting() -> None:
    settings = Settings(DictBackend())
    settings.set(Options.break_interval_min, 45)
    assert ScheduleConfig.from_settings(settings, interval_override_s=45).interval_s == 45


def test_default_settings_give_thirty_minutes_on_weekdays() -> None:
    config = ScheduleConfig.from_settings(Settings(DictBackend()))
    assert config.interval_s == 30 * MINUTE
    assert not config.working_hours_enabled
    assert config.work_days == frozenset({1, 2, 3, 4, 5})


# --- the tooltip --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed_s", "text"),
    [
        (0, "Next break in 30 min"),
        (6 * MINUTE, "Next break in 24 min"),
        (6 * MINUTE + 30, "Next break in 24 min"),
        (29 * MINUTE + 1, "Next break in less than a minute"),
    ],
)
def test_tooltip_counts_whole_minutes_up(
    scheduler: BreakScheduler, clock: FakeClock, elapsed_s: float, text: str
) -> None:
    clock.advance(elapsed_s)
    assert scheduler.status().describe() == text


def test_tooltip_shows_hours_for_long_intervals(clock: FakeClock) -> None:
    scheduler = BreakScheduler(clock, ScheduleConfig(interval_s=95 * MINUTE), tz=UTC)
    assert scheduler.status().describe() == "Next break in 1 h 35 min"
    clock.advance(35 * MINUTE)
    assert scheduler.status().describe() == "Next break in 1 h"


def test_status_says_when_the_next_break_is(scheduler: BreakScheduler, clock: FakeClock) -> None:
    clock.advance(10 * MINUTE)
    status = scheduler.status()
    assert status.seconds_to_break == 20 * MINUTE
    assert status.next_break_at == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)


def test_tooltip_while_the_reminder_shows(scheduler: BreakScheduler, clock: FakeClock) -> None:
    remind(scheduler, clock)
    status = scheduler.status()
    assert status.describe() == "Time for a break"
    assert status.reminder_due_at == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)


def test_status_shows_what_update_would_do_without_doing_it(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    clock.advance(30 * MINUTE)
    assert scheduler.status().state is State.DUE
    assert len(reminders(scheduler.update())) == 1


def test_pause_lasting_past_today_names_the_day(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_for(20 * HOUR)
    assert scheduler.status().describe() == "Reminders paused until Tue 06:00"


def test_pause_lasting_over_a_week_names_the_date(
    scheduler: BreakScheduler, clock: FakeClock
) -> None:
    scheduler.pause_for(10 * 24 * HOUR)
    assert scheduler.status().describe() == "Reminders paused until 2026-01-15 10:00"
