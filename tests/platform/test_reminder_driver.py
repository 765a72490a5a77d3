"""The scheduler's Qt adapter and the desktop's reports, with a fake clock: one single-shot
timer always set to the next deadline, away time, sleep and do not disturb."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakScheduler,
    Cause,
    Outcome,
    ScheduleConfig,
    State,
)
from backease_desktop.core.settings import Settings
from backease_desktop.platform.do_not_disturb import DoNotDisturb, Watcher
from backease_desktop.platform.idle import IdleMonitor, XIdleMonitor
from backease_desktop.platform.reminders import Reminders
from backease_desktop.platform.scheduler_driver import MAX_TIMER_MS, SchedulerDriver


@pytest.fixture
def driver(fake_clock: FakeClock, qapp: object) -> SchedulerDriver:
    scheduler = BreakScheduler(fake_clock, ScheduleConfig(interval_s=30 * 60))
    driver = SchedulerDriver(scheduler, fake_clock)
    driver.start()
    return driver


class Shown:
    """A presenter that records what it was asked to show."""

    name = "test"

    def __init__(self) -> None:
        self.shown: list[BreakDue] = []
        self.closed = 0

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool:
        self.shown.append(due)
        return True

    def close_reminder(self) -> None:
        self.closed += 1


@pytest.fixture
def shown() -> Shown:
    return Shown()


@pytest.fixture
def reminders(settings: Settings, fake_clock: FakeClock, shown: Shown) -> Reminders:
    reminders = Reminders(settings, fake_clock)
    reminders.set_presenters([shown])
    reminders.start()
    return reminders


# --- the timer ----------------------------------------------------------------------------


def test_timer_is_one_precise_single_shot_set_to_the_deadline(driver: SchedulerDriver) -> None:
    timer = driver.timer
    assert timer.isActive() and timer.isSingleShot()
    assert timer.timerType() == Qt.TimerType.PreciseTimer
    assert timer.interval() == 30 * 60 * 1000


def test_timer_firing_at_the_deadline_shows_the_reminder(
    driver: SchedulerDriver, fake_clock: FakeClock
) -> None:
    events: list[Any] = []
    driver.events_happened.connect(events.extend)
    fake_clock.advance(30 * 60)
    driver.on_timeout()
    assert [type(e) for e in events] == [BreakDue]
    assert driver.timer.interval() == 5 * 60 * 1000  # missed if nobody answers in 5 min


def test_every_call_rearms_the_timer(driver: SchedulerDriver, fake_clock: FakeClock) -> None:
    fake_clock.advance(10 * 60)
    driver.run(lambda: driver.scheduler.pause_for(15 * 60))
    assert driver.timer.interval() == 15 * 60 * 1000
    driver.run(driver.scheduler.resume)
    assert driver.timer.interval() == 30 * 60 * 1000


def test_a_deadline_beyond_qts_range_is_reached_in_steps(
    driver: SchedulerDriver, fake_clock: FakeClock
) -> None:
    driver.run(lambda: driver.scheduler.pause_for(40 * 24 * 3600))
    assert driver.timer.interval() == MAX_TIMER_MS
    fake_clock.advance(MAX_TIMER_MS / 1000)
    driver.on_timeout()
    assert driver.scheduler.status().state is State.PAUSED
    assert driver.timer.isActive()


def test_no_deadline_means_no_timer(driver: SchedulerDriver) -> None:
    driver.run(driver.scheduler.pause_indefinitely)
    assert not driver.timer.isActive()


def test_without_clock_change_signals_waits_are_capped(
    driver: SchedulerDriver,
) -> None:
    driver.max_wait_s = 3600.0
    driver.run(driver.scheduler.pause_indefinitely)
    assert driver.timer.interval() == 3600 * 1000


# --- away time ------------------------------------------------------------------------------


class FakeIdle(IdleMonitor):
    name = "test idle"


def test_away_five_minutes_counts_as_a_break(reminders: Reminders, fake_clock: FakeClock) -> None:
    idle = FakeIdle()
    reminders.attach_idle_monitor(idle)
    fake_clock.advance(20 * 60)
    idle.went_idle.emit(300.0)
    assert reminders.status().state is State.AWAY
    fake_clock.advance(60)
    idle.returned.emit()
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)


def test_a_short_absence_keeps_the_countdown(reminders: Reminders, fake_clock: FakeClock) -> None:
    idle = FakeIdle()
    reminders.attach_idle_monitor(idle)
    fake_clock.advance(20 * 60)
    idle.went_idle.emit(60.0)
    fake_clock.advance(60)
    idle.returned.emit()
    assert reminders.status().seconds_to_break == pytest.approx(9 * 60)


def test_away_while_a_reminder_shows_is_a_break_taken(
    reminders: Reminders, fake_clock: FakeClock, shown: Shown, qtbot: Any
) -> None:
    idle = FakeIdle()
    reminders.attach_idle_monitor(idle)
    fake_clock.advance(30 * 60)
    reminders.driver.on_timeout()
    idle.went_idle.emit(0.0)
    fake_clock.advance(6 * 60)
    with qtbot.waitSignal(reminders.break_outcome) as outcome:
        idle.returned.emit()
    assert (outcome.args[0].outcome, outcome.args[0].cause) == (Outcome.TAKEN, Cause.AWAY)
    assert shown.closed == 1


class FakeDoNotDisturb(Watcher):
    name = "test"

    def set(self, active: bool) -> None:
        self._set_active(active)


def test_idle_during_a_film_or_call_is_not_a_break(
    reminders: Reminders, fake_clock: FakeClock
) -> None:
    idle, film = FakeIdle(), FakeDoNotDisturb()
    reminders.attach_idle_monitor(idle)
    reminders.attach_do_not_disturb(DoNotDisturb([film]))
    fake_clock.advance(10 * 60)
    film.set(True)
    idle.went_idle.emit(300.0)
    fake_clock.advance(10 * 60)
    idle.returned.emit()
    assert reminders.status().seconds_to_break == pytest.approx(10 * 60)


def test_do_not_disturb_holds_the_reminder_and_shows_it_once_after(
    reminders: Reminders, fake_clock: FakeClock, shown: Shown
) -> None:
    film = FakeDoNotDisturb()
    reminders.attach_do_not_disturb(DoNotDisturb([film]))
    film.set(True)
    fake_clock.advance(30 * 60)
    reminders.driver.on_timeout()
    assert shown.shown == []
    fake_clock.advance(20 * 60)
    film.set(False)
    assert len(shown.shown) == 1


def test_idle_monitor_that_polls_rests_while_paused(reminders: Reminders) -> None:
    readings = iter([1000] * 10)
    poller = XIdleMonitor(lambda: next(readings))
    reminders.attach_idle_monitor(poller)
    reminders.driver.run(reminders.scheduler.pause_indefinitely)
    assert not poller.timer.isActive()
    reminders.resume()
    assert poller.timer.isActive()


# --- sleep and clock changes --------------------------------------------------------------


class FakeSession(QObject):
    about_to_sleep = Signal()
    woke = Signal()
    clock_changed = Signal()
    screen_locked = Signal()
    watches_clock = True


def test_a_locked_screen_or_sleep_tells_the_app_the_user_left_the_desk(
    reminders: Reminders,
) -> None:
    session = FakeSession()
    reminders.attach_session_events(session)  # type: ignore[arg-type]
    left: list[str] = []
    reminders.left_desk.connect(lambda: left.append("left"))
    session.screen_locked.emit()
    session.about_to_sleep.emit()
    assert left == ["left", "left"]


def test_waking_after_a_long_sleep_restarts_the_countdown(
    reminders: Reminders, fake_clock: FakeClock
) -> None:
    session = FakeSession()
    reminders.attach_session_events(session)  # type: ignore[arg-type]
    fake_clock.advance(20 * 60)
    session.about_to_sleep.emit()
    fake_clock.suspend(3 * 3600)
    session.woke.emit()
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)
    assert reminders.driver.timer.interval() == 30 * 60 * 1000


def test_without_logind_the_clock_gap_shows_the_sleep(
    reminders: Reminders, fake_clock: FakeClock, shown: Shown
) -> None:
    fake_clock.advance(20 * 60)
    fake_clock.suspend(3 * 3600)
    fake_clock.advance(10 * 60)
    reminders.driver.on_timeout()  # the timer fires on the monotonic clock, after the sleep
    assert shown.shown == []
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)


def test_a_clock_change_moves_a_pause_that_ends_at_a_time_of_day(
    reminders: Reminders, fake_clock: FakeClock
) -> None:
    session = FakeSession()
    reminders.attach_session_events(session)  # type: ignore[arg-type]
    reminders.pause_for_hour()
    fake_clock.jump_wall(45 * 60)  # the clock is set 45 minutes ahead
    session.clock_changed.emit()
    assert reminders.driver.timer.interval() == 15 * 60 * 1000


# --- the X11 poller ------------------------------------------------------------------------


def test_x11_idle_is_read_when_the_threshold_could_first_be_reached(qapp: object) -> None:
    poller = XIdleMonitor(lambda: 60_000, threshold_s=300)
    poller.poll()
    assert poller.timer.interval() == 240_000


def test_x11_idle_reports_the_absence_and_the_return(qapp: object, qtbot: Any) -> None:
    readings = [310_000, 370_000, 2_000]
    poller = XIdleMonitor(lambda: readings.pop(0), threshold_s=300)
    with qtbot.waitSignal(poller.went_idle) as went:
        poller.poll()
    assert went.args == [310.0]
    assert poller.timer.interval() == 60_000  # once a minute while away
    with qtbot.assertNotEmitted(poller.returned):
        poller.poll()
    with qtbot.waitSignal(poller.returned):
        poller.poll()
    assert poller.timer.interval() == 298_000
