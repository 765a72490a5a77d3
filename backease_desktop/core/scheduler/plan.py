"""The scheduler's rules as pure functions of (plan, config, now): each returns a new plan and
appends what happened to an event list. A plan is a fixed set of fields replaced whole, so
nothing accumulates however long the app runs, and there is at most one pending reminder."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum, auto

from backease_desktop.core.clock import Clock
from backease_desktop.core.scheduler.config import ScheduleConfig
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
from backease_desktop.core.scheduler.hours import EARLY_S, WorkingHours

# Settling applies at most a handful of transitions in a row (pause ends -> countdown restarts
# -> working hours over, say); more means a rule loops, which is a bug.
_MAX_STEPS = 16
# When a shorter interval is chosen mid-countdown, the reminder never pops up sooner than this,
# so it does not appear the moment the settings dialog closes.
_INTERVAL_CHANGE_GRACE_S = 60.0


@dataclass(frozen=True)
class Instant:
    """The three clocks read at one moment."""

    mono: float
    boot: float
    wall: float

    @classmethod
    def of(cls, clock: Clock) -> Instant:
        return cls(clock.monotonic(), clock.boottime(), clock.wall())


class SchedulePhase(Enum):
    """Where the scheduler stands (not the player's Phase, a part of a routine)."""

    COUNTING = auto()  # the next reminder falls due at `due`
    REMINDING = auto()  # one reminder is due; shown, or held back by do-not-disturb
    ON_BREAK = auto()
    OFF_HOURS = auto()  # outside working hours: the countdown starts when they begin


@dataclass(frozen=True)
class Plan:
    """Everything the scheduler knows. Monotonic seconds unless the name says wall."""

    phase: SchedulePhase
    seen: Instant  # the clocks at the last settle, to notice a suspend in between
    countdown_start: float
    due: float  # COUNTING: when the reminder falls due
    snoozed: bool = False  # COUNTING: `due` is the end of a snooze
    reminder_due_wall: float | None = None  # REMINDING, ON_BREAK: the reminder answered
    reminder_shown: float | None = None  # REMINDING: None while do-not-disturb holds it
    reminder_after_snooze: bool = False
    break_started: float | None = None
    paused: bool = False
    paused_until_wall: float | None = None  # None while paused: until resumed
    do_not_disturb: bool = False
    idle_since: float | None = None

    @classmethod
    def start(cls, now: Instant, config: ScheduleConfig) -> Plan:
        return cls(SchedulePhase.COUNTING, now, now.mono, now.mono + config.interval_s)


class Rules:
    """The transitions for one config and one set of working hours."""

    def __init__(self, config: ScheduleConfig, hours: WorkingHours) -> None:
        self.config = config
        self.hours = hours

    # --- time passing -------------------------------------------------------------------

    def settle(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        """Apply everything that has come due by `now`."""
        # Linux's monotonic clock stops while the machine sleeps and boottime does not, so
        # their difference since the last look is time asleep. This is the fallback for
        # systems without logind's PrepareForSleep, and the measurement when it is there.
        slept_s = (now.boot - plan.seen.boot) - (now.mono - plan.seen.mono)
        plan = replace(plan, seen=now)
        if slept_s >= self.config.break_length_s:
            plan = self._rested(plan, now, Cause.ASLEEP, RestartReason.ASLEEP, out)
        for _ in range(_MAX_STEPS):
            following = self._step(plan, now, out)
            if following is plan:
                return plan
            plan = following
        raise AssertionError(f"break scheduler did not settle: {plan}")

    def _step(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        """One transition that is due, or `plan` itself when none is."""
        config = self.config
        if (
            plan.paused
            and plan.paused_until_wall is not None
            and now.wall >= plan.paused_until_wall - EARLY_S
        ):
            plan = replace(plan, paused=False, paused_until_wall=None)
            if plan.phase is SchedulePhase.ON_BREAK:
                return plan
            return self._restart(plan, now, RestartReason.PAUSE_ENDED, out)
        if plan.phase is SchedulePhase.ON_BREAK:
            assert plan.break_started is not None
            if now.mono >= plan.break_started + config.break_overrun_s - EARLY_S:
                return self.finish_break(plan, now, completed=False, out=out)
            return plan
        if plan.paused:
            return plan
        in_hours = self.hours.contains(now.wall)
        if plan.phase is SchedulePhase.OFF_HOURS:
            return (
                self._restart(plan, now, RestartReason.WORKDAY_STARTED, out) if in_hours else plan
            )
        if plan.phase is SchedulePhase.COUNTING:
            if not in_hours:
                return replace(plan, phase=SchedulePhase.OFF_HOURS, snoozed=False)
            if now.mono < plan.due - EARLY_S or self.away(plan, now):
                return plan  # while away, a due reminder waits for the return, which resets it
            late_s = now.mono - plan.due
            if late_s > config.late_limit_s:
                return self._restart(plan, now, RestartReason.LATE, out)
            return replace(
                plan,
                phase=SchedulePhase.REMINDING,
                reminder_due_wall=now.wall - max(late_s, 0.0),
                reminder_shown=None,
                reminder_after_snooze=plan.snoozed,
                snoozed=False,
            )
        # REMINDING
        due_wall = plan.reminder_due_wall
        assert due_wall is not None
        if plan.reminder_shown is None:
            if plan.do_not_disturb:
                return plan
            if not in_hours:
                plan = self._close(plan, now, Outcome.MISSED, Cause.WORKDAY_ENDED, out)
                return self._restart(plan, now, RestartReason.MISSED, out)
            out.append(BreakDue(due_wall, now.wall, plan.reminder_after_snooze))
            return replace(plan, reminder_shown=now.mono)
        if self.away(plan, now):
            return plan  # the return counts as the break; no point calling it missed meanwhile
        if now.mono >= plan.reminder_shown + config.missed_after_s - EARLY_S:
            plan = self._close(plan, now, Outcome.MISSED, Cause.UNANSWERED, out)
            return self._restart(plan, now, RestartReason.MISSED, out)
        return plan

    def next_deadline(self, plan: Plan, now: Instant) -> float | None:
        """The monotonic time at which `settle` next has something to do, for a settled plan."""
        deadlines: list[float] = []
        if plan.phase is SchedulePhase.ON_BREAK:
            assert plan.break_started is not None
            deadlines.append(plan.break_started + self.config.break_overrun_s)
        if plan.paused:
            if plan.paused_until_wall is not None:
                deadlines.append(now.mono + (plan.paused_until_wall - now.wall))
        elif plan.phase is SchedulePhase.OFF_HOURS:
            start = self.hours.next_start(now.wall)
            if start is not None:
                deadlines.append(now.mono + (start - now.wall))
        elif self.away(plan, now):
            pass  # nothing happens until the user is back
        elif plan.phase is SchedulePhase.COUNTING:
            deadlines.append(plan.due)
        elif plan.phase is SchedulePhase.REMINDING and plan.reminder_shown is not None:
            deadlines.append(plan.reminder_shown + self.config.missed_after_s)
        return min(deadlines, default=None)

    def away(self, plan: Plan, now: Instant) -> bool:
        return (
            plan.idle_since is not None
            and now.mono - plan.idle_since >= self.config.idle_threshold_s
        )

    # --- the user's answers and the desktop's reports ----------------------------------

    def snooze(self, plan: Plan, now: Instant, minutes: int, out: list[SchedulerEvent]) -> Plan:
        if minutes not in self.config.snooze_choices_min:
            raise ValueError(
                f"a snooze of {minutes} minutes is not one of {self.config.snooze_choices_min}"
            )
        if plan.phase is not SchedulePhase.REMINDING:
            return plan  # the reminder went away (missed, say) as the user clicked
        plan = self._close(plan, now, Outcome.SNOOZED, Cause.ANSWERED, out)
        return replace(
            plan, phase=SchedulePhase.COUNTING, due=now.mono + minutes * 60.0, snoozed=True
        )

    def skip(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        if plan.phase is not SchedulePhase.REMINDING:
            return plan
        plan = self._close(plan, now, Outcome.SKIPPED, Cause.ANSWERED, out)
        return self._restart(plan, now, RestartReason.SKIPPED, out)

    def dismiss(self, plan: Plan, now: Instant, cause: Cause, out: list[SchedulerEvent]) -> Plan:
        """The reminder was closed, or the notification expired, without an answer."""
        if plan.phase is not SchedulePhase.REMINDING or plan.reminder_shown is None:
            return plan
        plan = self._close(plan, now, Outcome.MISSED, cause, out)
        return self._restart(plan, now, RestartReason.MISSED, out)

    def start_break(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        if plan.phase is SchedulePhase.ON_BREAK:
            return plan
        due_wall = plan.reminder_due_wall if plan.phase is SchedulePhase.REMINDING else None
        if plan.phase is SchedulePhase.REMINDING and plan.reminder_shown is not None:
            assert plan.reminder_due_wall is not None
            out.append(ReminderClosed(plan.reminder_due_wall))
        return replace(
            plan,
            phase=SchedulePhase.ON_BREAK,
            break_started=now.mono,
            reminder_due_wall=due_wall,
            reminder_shown=None,
            snoozed=False,
        )

    def finish_break(
        self, plan: Plan, now: Instant, completed: bool, out: list[SchedulerEvent]
    ) -> Plan:
        if plan.phase is not SchedulePhase.ON_BREAK:
            return plan
        cause = Cause.UNPROMPTED if plan.reminder_due_wall is None else Cause.ANSWERED
        out.append(
            BreakOutcome(
                Outcome.TAKEN,
                cause,
                plan.reminder_due_wall,
                now.wall,
                self.config.interval_s,
                completed=completed,
            )
        )
        plan = replace(plan, break_started=None, reminder_due_wall=None)
        return self._restart(plan, now, RestartReason.BREAK_FINISHED, out)

    def decline_break(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        """The break's routine never started (the red-flag check stopped it): recorded as
        declined, and the countdown starts over as after a break."""
        if plan.phase is not SchedulePhase.ON_BREAK:
            return plan
        cause = Cause.UNPROMPTED if plan.reminder_due_wall is None else Cause.ANSWERED
        out.append(
            BreakOutcome(
                Outcome.DECLINED, cause, plan.reminder_due_wall, now.wall, self.config.interval_s
            )
        )
        plan = replace(plan, break_started=None, reminder_due_wall=None)
        return self._restart(plan, now, RestartReason.BREAK_DECLINED, out)

    def pause(
        self, plan: Plan, now: Instant, until_wall: float | None, out: list[SchedulerEvent]
    ) -> Plan:
        if plan.phase is SchedulePhase.REMINDING:
            plan = self._close(plan, now, Outcome.SKIPPED, Cause.PAUSED, out)
            plan = replace(plan, phase=SchedulePhase.COUNTING)
        return replace(plan, paused=True, paused_until_wall=until_wall, snoozed=False)

    def resume(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        if not plan.paused:
            return plan
        plan = replace(plan, paused=False, paused_until_wall=None)
        if plan.phase is SchedulePhase.ON_BREAK:
            return plan
        return self._restart(plan, now, RestartReason.RESUMED, out)

    def went_idle(self, plan: Plan, now: Instant, idle_for_s: float) -> Plan:
        since = now.mono - max(idle_for_s, 0.0)
        if plan.idle_since is not None:
            since = min(since, plan.idle_since)  # a second report of the same absence
        return replace(plan, idle_since=since)

    def returned(self, plan: Plan, now: Instant, out: list[SchedulerEvent]) -> Plan:
        was_away = self.away(plan, now)
        plan = replace(plan, idle_since=None)
        if not was_away:
            return plan
        return self._rested(plan, now, Cause.AWAY, RestartReason.AWAY, out)

    def set_do_not_disturb(self, plan: Plan, active: bool) -> Plan:
        return replace(plan, do_not_disturb=active)

    def adopt_interval(self, plan: Plan, now: Instant) -> Plan:
        """Keep the time already counted under the new interval, as a plan made under the old
        config moves to this one."""
        if plan.phase is not SchedulePhase.COUNTING or plan.snoozed:
            return plan
        interval_s = self.config.interval_s
        due = max(
            plan.countdown_start + interval_s,
            now.mono + min(interval_s, _INTERVAL_CHANGE_GRACE_S),
        )
        return replace(plan, due=due)

    # --- building blocks ---------------------------------------------------------------

    def _rested(
        self,
        plan: Plan,
        now: Instant,
        cause: Cause,
        reason: RestartReason,
        out: list[SchedulerEvent],
    ) -> Plan:
        """Time away or asleep long enough is a break: it answers a due reminder, and the
        countdown starts over (silently under a pause, which restarts it when it ends)."""
        if plan.phase in (SchedulePhase.ON_BREAK, SchedulePhase.OFF_HOURS):
            return plan
        if plan.phase is SchedulePhase.REMINDING:
            plan = self._close(plan, now, Outcome.TAKEN, cause, out)
        return self._restart(plan, now, reason, out)

    def _close(
        self,
        plan: Plan,
        now: Instant,
        outcome: Outcome,
        cause: Cause,
        out: list[SchedulerEvent],
    ) -> Plan:
        """End the pending reminder with `outcome`; the caller picks the next phase."""
        assert plan.phase is SchedulePhase.REMINDING and plan.reminder_due_wall is not None
        if plan.reminder_shown is not None:
            out.append(ReminderClosed(plan.reminder_due_wall))
        out.append(
            BreakOutcome(outcome, cause, plan.reminder_due_wall, now.wall, self.config.interval_s)
        )
        return replace(
            plan, reminder_due_wall=None, reminder_shown=None, reminder_after_snooze=False
        )

    def _restart(
        self, plan: Plan, now: Instant, reason: RestartReason, out: list[SchedulerEvent]
    ) -> Plan:
        """A full interval from now. Outside working hours, or under a pause, there is no
        countdown to announce: it starts when they end."""
        interval_s = self.config.interval_s
        plan = replace(
            plan,
            phase=SchedulePhase.COUNTING,
            countdown_start=now.mono,
            due=now.mono + interval_s,
            snoozed=False,
            reminder_due_wall=None,
            reminder_shown=None,
            reminder_after_snooze=False,
            break_started=None,
        )
        if plan.paused:
            return plan
        if not self.hours.contains(now.wall):
            return replace(plan, phase=SchedulePhase.OFF_HOURS)
        out.append(CountdownRestarted(reason, now.wall, now.wall + interval_s))
        return plan
