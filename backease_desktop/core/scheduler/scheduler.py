"""The desk-break scheduler the app talks to: it holds one plan, reads the injected clock, and
hands every change to the pure rules in `plan.py`. Each call returns the events it caused."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo

from backease_desktop.core.clock import Clock
from backease_desktop.core.scheduler.config import ScheduleConfig
from backease_desktop.core.scheduler.events import Cause, SchedulerEvent
from backease_desktop.core.scheduler.hours import LocalTime, WorkingHours
from backease_desktop.core.scheduler.plan import Instant, Plan, Rules, SchedulePhase
from backease_desktop.core.scheduler.status import State, Status

log = logging.getLogger(__name__)

# "Until tomorrow" means the coming morning even after midnight: a day ends at 04:00.
_DAY_ENDS_AT_H = 4
# Without working hours, tomorrow's reminders start at this local time.
_MORNING = time(7, 0)
_PAUSED_INDEFINITELY = "indefinite"
_LONGEST_SAVED_PAUSE_S = 366 * 86400

_Change = Callable[[Plan, Instant, list[SchedulerEvent]], Plan]


class BreakScheduler:
    """Desk-break reminders on a monotonic countdown, with snooze, skip, pauses, working hours,
    away time, sleep and do-not-disturb.

    The app keeps one single-shot timer set to `next_deadline()` and calls `update()` when it
    fires; after any call it sets the timer again and acts on the returned events. Queries
    (`next_deadline`, `status`) change nothing: they show what `update` would do at that moment.

    The rules, where the issue left a choice:
    - The countdown restarts when a break ends, a reminder is skipped or missed, a pause ends,
      working hours begin, or the user is back from time away; a snooze waits its minutes.
    - A shown reminder nobody answers is missed after `missed_after_s` (5 min): it closes and
      the countdown restarts, so there is never more than one, and no nagging.
    - Working hours use local wall time and include both ends: 09:00-17:00 with 30 minutes
      gives reminders at 09:30 ... 17:00, sixteen of them. Outside the hours nothing counts.
    - Away at least `idle_threshold_s` (5 min), or asleep at least `break_length_s` (2 min),
      is a break taken: the countdown restarts, and a reminder showing is recorded as taken.
      A reminder falling due while the user is away waits for their return.
    - A suspend shows as boottime running ahead of monotonic time (logind's PrepareForSleep
      only makes it noticed sooner). A wall-clock jump alone moves nothing: the countdown is
      monotonic, so no reminder is lost or doubled; a pause "until 14:05" ends at 14:05 on the
      new clock, and working hours follow it.
    - A due time found more than `late_limit_s` (2 min) past, with no visible suspend (a
      frozen app, a sleep no clock showed) restarts the countdown instead of firing late.
    - Do-not-disturb holds a due reminder and shows it once when it ends; if working hours
      ended meanwhile it is recorded as missed instead.
    - "Until tomorrow" pauses until the next working day's start of hours, or 07:00 without
      working hours; before 04:00, tomorrow is the coming morning.
    """

    def __init__(
        self, clock: Clock, config: ScheduleConfig | None = None, tz: tzinfo | None = None
    ) -> None:
        self._clock = clock
        self._local = LocalTime(tz)
        self._rules = self._rules_for(config or ScheduleConfig())
        now = Instant.of(clock)
        self._plan = self._rules.settle(Plan.start(now, self._rules.config), now, [])

    @property
    def config(self) -> ScheduleConfig:
        return self._rules.config

    # --- time passing ------------------------------------------------------------------

    def update(self, now: Instant | None = None) -> list[SchedulerEvent]:
        """Catch up with the clock: show a reminder that has come due, end a pause, and so on."""
        return self._apply(lambda plan, _now, _out: plan, now)

    def next_deadline(self, now: Instant | None = None) -> float | None:
        """Monotonic time at which `update` next has something to do; None when only the user
        or the desktop can change anything (paused until resumed, away, do-not-disturb)."""
        now = now or Instant.of(self._clock)
        plan = self._rules.settle(self._plan, now, [])
        return self._rules.next_deadline(plan, now)

    def status(self, now: Instant | None = None) -> Status:
        now = now or Instant.of(self._clock)
        rules, local = self._rules, self._local
        plan = rules.settle(self._plan, now, [])
        local_now = local.at(now.wall)

        def local_in(seconds: float) -> datetime:
            return local.at(now.wall + seconds)

        if plan.phase is SchedulePhase.ON_BREAK:
            return Status(State.ON_BREAK, local_now)
        if plan.paused:
            until = plan.paused_until_wall
            return Status(
                State.PAUSED, local_now, paused_until=None if until is None else local.at(until)
            )
        if plan.phase is SchedulePhase.OFF_HOURS:
            start = rules.hours.next_start(now.wall)
            next_at = None if start is None else local.at(start + rules.config.interval_s)
            return Status(State.OUTSIDE_WORKING_HOURS, local_now, next_break_at=next_at)
        if rules.away(plan, now):
            return Status(State.AWAY, local_now)
        if plan.phase is SchedulePhase.REMINDING:
            assert plan.reminder_due_wall is not None
            due_at = local.at(plan.reminder_due_wall)
            if plan.reminder_shown is None:
                return Status(State.WAITING_FOR_DO_NOT_DISTURB, local_now, reminder_due_at=due_at)
            return Status(State.DUE, local_now, reminder_due_at=due_at)
        state = State.SNOOZED if plan.snoozed else State.COUNTING
        return Status(state, local_now, next_break_at=local_in(plan.due - now.mono))

    # --- the user's answers ------------------------------------------------------------

    def start_break(self) -> list[SchedulerEvent]:
        """The user got up: from the reminder, or on their own from the tray."""
        return self._apply(self._rules.start_break)

    def break_finished(self, completed: bool) -> list[SchedulerEvent]:
        """The break is over; `completed` is False when the user stopped it early."""
        return self._apply(
            lambda plan, now, out: self._rules.finish_break(plan, now, completed, out)
        )

    def break_declined(self) -> list[SchedulerEvent]:
        """The break's routine did not start: the red-flag check before it stopped it, or
        the person left the check. Not a break taken; the countdown starts over."""
        return self._apply(self._rules.decline_break)

    def snooze(self, minutes: int) -> list[SchedulerEvent]:
        """Remind again in `minutes`, one of the config's snooze choices (5 or 10)."""
        return self._apply(lambda plan, now, out: self._rules.snooze(plan, now, minutes, out))

    def skip(self) -> list[SchedulerEvent]:
        """Not this break: the countdown starts over."""
        return self._apply(self._rules.skip)

    def reminder_dismissed(self) -> list[SchedulerEvent]:
        """The reminder was closed without an answer: missed, and the countdown starts over."""
        return self._apply(
            lambda plan, now, out: self._rules.dismiss(plan, now, Cause.DISMISSED, out)
        )

    def reminder_timed_out(self) -> list[SchedulerEvent]:
        """The notification server let the reminder expire unanswered."""
        return self._apply(
            lambda plan, now, out: self._rules.dismiss(plan, now, Cause.UNANSWERED, out)
        )

    def pause_for(self, seconds: float) -> list[SchedulerEvent]:
        if seconds <= 0:
            raise ValueError(f"a pause of {seconds} s is not a pause")
        return self._pause(lambda now: now.wall + seconds)

    def pause_until_tomorrow(self) -> list[SchedulerEvent]:
        """Pause until the next working day's start of hours when working hours are on,
        otherwise until 07:00 tomorrow. Before 04:00, tomorrow is the coming morning."""
        return self._pause(self._tomorrow_morning)

    def pause_indefinitely(self) -> list[SchedulerEvent]:
        return self._pause(lambda now: None)

    def resume(self) -> list[SchedulerEvent]:
        """End a pause; a full interval starts now."""
        return self._apply(self._rules.resume)

    # --- the desktop's reports ---------------------------------------------------------

    def user_went_idle(self, idle_for_s: float = 0.0) -> list[SchedulerEvent]:
        """The desktop says the user has not touched anything for `idle_for_s` seconds."""
        return self._apply(lambda plan, now, _out: self._rules.went_idle(plan, now, idle_for_s))

    def user_returned(self) -> list[SchedulerEvent]:
        """The user is back. Away at least `idle_threshold_s` counts as a break taken."""
        return self._apply(self._rules.returned)

    def system_will_sleep(self) -> list[SchedulerEvent]:
        """logind's PrepareForSleep(true): note the clocks just before the machine sleeps."""
        return self.update()

    def system_woke(self) -> list[SchedulerEvent]:
        """PrepareForSleep(false). Sleep shows as boottime running ahead of monotonic time, so
        this is `update` at the right moment; sleep at least `break_length_s` is a break taken."""
        return self.update()

    def set_do_not_disturb(self, active: bool) -> list[SchedulerEvent]:
        """A full-screen window or a screensaver inhibitor: a due reminder waits for the end."""
        return self._apply(lambda plan, _now, _out: self._rules.set_do_not_disturb(plan, active))

    def set_config(self, config: ScheduleConfig) -> list[SchedulerEvent]:
        """New settings. A running countdown keeps the time already counted: if it now exceeds
        the new interval, the reminder comes within a minute rather than at once."""
        now = Instant.of(self._clock)
        out: list[SchedulerEvent] = []
        plan = self._rules.settle(self._plan, now, out)
        self._rules = self._rules_for(config)
        plan = self._rules.adopt_interval(plan, now)
        self._plan = self._rules.settle(plan, now, out)
        return out

    # --- a pause that survives a restart -----------------------------------------------

    def pause_setting(self) -> str:
        """The pause as text for Options.reminders_paused_until: "" when not paused,
        "indefinite", or a local ISO date and time."""
        plan = self._plan
        if not plan.paused:
            return ""
        if plan.paused_until_wall is None:
            return _PAUSED_INDEFINITELY
        return self._local.at(plan.paused_until_wall).isoformat(timespec="seconds")

    def restore_pause(self, text: str) -> list[SchedulerEvent]:
        """Pause again as `pause_setting` described; a pause already over, or text that is
        not a pause, leaves reminders on."""
        text = text.strip()
        if not text:
            return []
        if text == _PAUSED_INDEFINITELY:
            return self.pause_indefinitely()
        try:
            until = datetime.fromisoformat(text)
            if until.tzinfo is None and self._local.tz is not None:
                until = until.replace(tzinfo=self._local.tz)
            until_wall = until.timestamp()
        except (ValueError, OverflowError, OSError):
            log.warning("scheduler: ignoring a saved pause %r that is not a date and time", text)
            return []
        if until_wall <= self._clock.wall():
            return []
        if until_wall - self._clock.wall() > _LONGEST_SAVED_PAUSE_S:
            # The app never pauses that far ahead ("until I resume" is saved as such): a
            # hand-edited or damaged value, which would otherwise silence reminders for good.
            log.warning("scheduler: ignoring a saved pause %r more than a year ahead", text)
            return []
        return self._pause(lambda _now: until_wall)

    # --- plumbing ----------------------------------------------------------------------

    def _rules_for(self, config: ScheduleConfig) -> Rules:
        return Rules(config, WorkingHours(config, self._local))

    def _apply(self, change: _Change, now: Instant | None = None) -> list[SchedulerEvent]:
        """Catch up with the clock, apply `change`, and catch up with what it set off."""
        now = now or Instant.of(self._clock)
        out: list[SchedulerEvent] = []
        plan = self._rules.settle(self._plan, now, out)
        plan = change(plan, now, out)
        self._plan = self._rules.settle(plan, now, out)
        return out

    def _pause(self, until: Callable[[Instant], float | None]) -> list[SchedulerEvent]:
        def change(plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
            return self._rules.pause(plan, now, until(now), out)

        return self._apply(change)

    def _tomorrow_morning(self, now: Instant) -> float:
        config = self._rules.config
        local_now = self._local.at(now.wall)
        day = (local_now - timedelta(hours=_DAY_ENDS_AT_H)).date() + timedelta(days=1)
        by_hours = config.working_hours_enabled and bool(config.work_days)
        morning = config.work_start if by_hours else _MORNING
        # The loop also steps past a 00:00 start of hours asked for at 01:00.
        while (by_hours and day.isoweekday() not in config.work_days) or self._local.wall_of(
            day, morning
        ) <= now.wall:
            day += timedelta(days=1)
        return self._local.wall_of(day, morning)
