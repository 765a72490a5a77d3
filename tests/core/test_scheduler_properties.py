"""Rules that hold whatever the user and the machine do: one reminder at a time, each with one
outcome, a deadline always ahead, no bursts, and state that does not grow over a week."""

from __future__ import annotations

import pickle
import random
from collections.abc import Callable
from datetime import datetime, time
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import (
    BreakDue,
    BreakOutcome,
    BreakScheduler,
    ReminderClosed,
    ScheduleConfig,
    SchedulerEvent,
    State,
)
from tests.helpers.scheduler import (
    HOUR,
    MINUTE,
    UTC,
)

DAY = 24 * HOUR
MONDAY = datetime(2026, 1, 5, tzinfo=UTC).timestamp()


class Watcher:
    """Checks the event stream as the app would see it."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.on_screen: float | None = None  # due_wall of the reminder showing
        self.unresolved: float | None = None  # due_wall of the shown reminder with no outcome yet
        self.shown_mono: list[float] = []

    def see(self, events: list[SchedulerEvent]) -> None:
        assert sum(isinstance(event, BreakDue) for event in events) <= 1, events
        for event in events:
            if isinstance(event, BreakDue):
                assert self.on_screen is None, "a second reminder over the first"
                assert self.unresolved is None, "a new reminder before the last one's outcome"
                self.on_screen = self.unresolved = event.due_wall
                self.shown_mono.append(self.clock.monotonic())
            elif isinstance(event, ReminderClosed):
                assert self.on_screen == event.due_wall, "closing a reminder that is not shown"
                self.on_screen = None
            elif isinstance(event, BreakOutcome):
                if event.due_wall is None:
                    assert self.unresolved is None, "an unprompted break while a reminder waits"
                elif self.unresolved is not None:
                    assert event.due_wall == self.unresolved
                    self.unresolved = None

    def check(self, scheduler: BreakScheduler) -> None:
        """After any step, as the app's timer or the next call would: look at the clock."""
        now = self.clock.monotonic()
        ahead = scheduler.next_deadline()
        assert ahead is None or ahead > now
        self.see(scheduler.update())  # notices a suspend no call has seen yet
        assert scheduler.next_deadline() == ahead, "next_deadline differed from what update did"
        assert scheduler.update() == [], "update left something due undone"
        status = scheduler.status()
        assert status.describe()
        if self.on_screen is not None:
            assert status.state in (State.DUE, State.AWAY)
        if status.state is State.DUE:
            assert self.on_screen is not None


def fire_timer(scheduler: BreakScheduler, clock: FakeClock) -> list[SchedulerEvent]:
    deadline = scheduler.next_deadline()
    if deadline is None:
        return []
    clock.advance(deadline - clock.monotonic())
    return scheduler.update()


Step = Callable[[BreakScheduler, FakeClock], list[SchedulerEvent]]


def _advance(seconds: float) -> Step:
    def step(scheduler: BreakScheduler, clock: FakeClock) -> list[SchedulerEvent]:
        clock.advance(seconds)
        return scheduler.update()

    return step


def _suspend(seconds: float, logind: bool) -> Step:
    def step(scheduler: BreakScheduler, clock: FakeClock) -> list[SchedulerEvent]:
        events = scheduler.system_will_sleep() if logind else []
        clock.suspend(seconds)
        return events + (scheduler.system_woke() if logind else [])

    return step


def _jump(seconds: float) -> Step:
    def step(scheduler: BreakScheduler, clock: FakeClock) -> list[SchedulerEvent]:
        clock.jump_wall(seconds)
        return scheduler.update()

    return step


def _configure(interval_min: int, working_hours: bool) -> Step:
    config = ScheduleConfig(
        interval_s=interval_min * MINUTE,
        working_hours_enabled=working_hours,
        work_start=time(9, 0),
        work_end=time(17, 0),
    )
    return lambda scheduler, _clock: scheduler.set_config(config)


durations = st.floats(min_value=0, max_value=3 * HOUR)
steps: st.SearchStrategy[Step] = st.one_of(
    st.just(fire_timer),
    durations.map(_advance),
    st.builds(_suspend, durations, st.booleans()),
    st.floats(min_value=-2 * HOUR, max_value=2 * HOUR).map(_jump),
    st.floats(min_value=0, max_value=15 * MINUTE).map(
        lambda idle_s: lambda s, _c: s.user_went_idle(idle_s)
    ),
    st.sampled_from(
        [
            lambda s, _c: s.user_returned(),
            lambda s, _c: s.set_do_not_disturb(True),
            lambda s, _c: s.set_do_not_disturb(False),
            lambda s, _c: s.snooze(5),
            lambda s, _c: s.snooze(10),
            lambda s, _c: s.skip(),
            lambda s, _c: s.start_break(),
            lambda s, _c: s.break_finished(True),
            lambda s, _c: s.break_finished(False),
            lambda s, _c: s.reminder_dismissed(),
            lambda s, _c: s.reminder_timed_out(),
            lambda s, _c: s.pause_until_tomorrow(),
            lambda s, _c: s.pause_indefinitely(),
            lambda s, _c: s.resume(),
        ]
    ),
    st.floats(min_value=1, max_value=4 * HOUR).map(
        lambda pause_s: lambda s, _c: s.pause_for(pause_s)
    ),
    st.builds(_configure, st.integers(min_value=5, max_value=120), st.booleans()),
)


@settings(max_examples=300, deadline=None)
@given(
    start=st.floats(min_value=MONDAY, max_value=MONDAY + 7 * DAY),
    working_hours=st.booleans(),
    actions=st.lists(steps, max_size=60),
)
def test_any_sequence_keeps_one_reminder_and_a_deadline_ahead(
    start: float, working_hours: bool, actions: list[Step]
) -> None:
    clock = FakeClock(wall=start)
    config = ScheduleConfig(
        working_hours_enabled=working_hours, work_start=time(9, 0), work_end=time(17, 0)
    )
    scheduler = BreakScheduler(clock, config, tz=UTC)
    watcher = Watcher(clock)
    watcher.check(scheduler)
    for action in actions:
        watcher.see(action(scheduler, clock))
        watcher.check(scheduler)


class Desk:
    """A week at a desk driven by a seeded random user: the app's timer fires at every
    deadline, and the user answers reminders, wanders off, watches films, closes the lid."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clock = FakeClock(wall=MONDAY)
        config = ScheduleConfig(working_hours_enabled=True, work_start=time(8, 30))
        self.scheduler = BreakScheduler(self.clock, config, tz=UTC)
        self.watcher = Watcher(self.clock)
        self.largest_state = 0

    def live(self, seconds: float) -> None:
        """Let `seconds` of awake time pass, with the timer firing on the way."""
        end = self.clock.monotonic() + seconds
        while True:
            deadline = self.scheduler.next_deadline()
            if deadline is None or deadline > end:
                break
            self.clock.advance(deadline - self.clock.monotonic())
            self.react(self.scheduler.update())
        self.clock.advance(max(end - self.clock.monotonic(), 0.0))
        self.react(self.scheduler.update())

    def react(self, events: list[SchedulerEvent]) -> None:
        self.watcher.see(events)
        self.watcher.check(self.scheduler)
        self.largest_state = max(self.largest_state, len(pickle.dumps(self.scheduler)))
        if not any(isinstance(event, BreakDue) for event in events):
            return
        self.clock.advance(self.rng.uniform(0, 4 * MINUTE))  # reading it, within the 5 minutes
        answer = self.rng.choice(["take", "take", "snooze5", "snooze10", "skip", "ignore", "close"])
        if answer == "take":
            self.react(self.scheduler.start_break())
            self.clock.advance(self.rng.uniform(30, 3 * MINUTE))
            self.react(self.scheduler.break_finished(self.rng.random() < 0.8))
        elif answer.startswith("snooze"):
            self.react(self.scheduler.snooze(int(answer.removeprefix("snooze"))))
        elif answer == "skip":
            self.react(self.scheduler.skip())
        elif answer == "close":
            self.react(self.scheduler.reminder_dismissed())
        else:
            self.react(self.scheduler.update())

    def something_happens(self) -> None:
        rng, scheduler = self.rng, self.scheduler
        if datetime.fromtimestamp(self.clock.wall(), UTC).hour >= 18:
            self.night()
            return
        kind = rng.choices(
            ["work", "away", "film", "lid", "pause", "setting"], weights=[12, 2, 1, 1, 1, 1]
        )[0]
        if kind == "work":
            self.live(rng.uniform(1, 50) * MINUTE)
        elif kind == "away":
            self.react(scheduler.user_went_idle(rng.uniform(0, 2) * MINUTE))
            self.live(rng.uniform(1, 15) * MINUTE)
            self.react(scheduler.user_returned())
        elif kind == "film":
            self.react(scheduler.set_do_not_disturb(True))
            self.live(rng.uniform(5, 60) * MINUTE)
            self.react(scheduler.set_do_not_disturb(False))
        elif kind == "lid":
            if rng.random() < 0.5:
                self.react(scheduler.system_will_sleep())
                self.clock.suspend(rng.uniform(0.5, 30) * MINUTE)
                self.react(scheduler.system_woke())
            else:  # no logind: the gap shows at the next update
                self.clock.suspend(rng.uniform(0.5, 30) * MINUTE)
        elif kind == "pause":
            choice = rng.choice(["hour", "tomorrow", "forever"])
            if choice == "hour":
                self.react(scheduler.pause_for(HOUR))
            elif choice == "tomorrow":
                self.react(scheduler.pause_until_tomorrow())
            else:
                self.react(scheduler.pause_indefinitely())
            self.live(rng.uniform(10, 90) * MINUTE)
            self.react(scheduler.resume())
        else:
            interval_min = rng.choice([5, 10, 15, 20, 30, 45])
            config = ScheduleConfig(
                interval_s=interval_min * MINUTE,
                working_hours_enabled=rng.random() < 0.7,
                work_start=time(8, 30),
            )
            self.react(scheduler.set_config(config))

    def night(self) -> None:
        """The laptop sleeps until 08:00, with or without logind telling the scheduler."""
        now = datetime.fromtimestamp(self.clock.wall(), UTC)
        morning = datetime.combine(now.date(), time(8, 0), tzinfo=UTC).timestamp() + DAY
        logind = self.rng.random() < 0.5
        if logind:
            self.react(self.scheduler.system_will_sleep())
        self.clock.suspend(morning - self.clock.wall())
        if logind:
            self.react(self.scheduler.system_woke())


def test_a_simulated_week_keeps_state_bounded_and_reminders_apart() -> None:
    desk = Desk(seed=20260105)
    first_day_state = 0
    while desk.clock.wall() < MONDAY + 7 * DAY:
        desk.something_happens()
        if desk.clock.wall() < MONDAY + DAY:
            first_day_state = desk.largest_state
    shown = desk.watcher.shown_mono
    assert len(shown) > 100, "the week should exercise many reminders"
    shortest_snooze_s = 5 * MINUTE
    assert min(b - a for a, b in pairwise(shown)) >= shortest_snooze_s
    # The scheduler holds a fixed set of fields: a week leaves it no bigger than one day did,
    # give or take a float where a None was.
    assert desk.largest_state <= first_day_state + 64
