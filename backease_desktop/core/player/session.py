"""A routine being followed: where in the plan a person is at any instant, driven by an
injected monotonic clock, with pause, skip, back, restart and a record of what was done.

The session has no tick. The plan position is `segment_position + (now - segment_start)`,
where a segment begins at start, at each resume and at each jump; the UI sets one timer for
`next_deadline()` and calls `update()` when it fires, and everything shown is derived from
`now`, so asking a thousand times or never gives the same answers and nothing drifts.

Controls, chosen for a person following from the floor who presses an arrow key:
- skip (Right) leaves the current step, which counts as skipped, and starts the next step at
  its first phase (its get-ready, so there is time to get into position); skipping the last
  step finishes the routine. Get-ready belongs to the step it announces.
- back (Left) restarts the current step when more than BACK_RESTART_S into it (get-ready
  included), otherwise goes to the start of the previous step (the first step restarts).
- skip and back keep a paused session paused, showing the new phase with its full time;
  restart starts over and runs, closing a run in progress as stopped.
- Once finished or stopped, only restart does anything.

Sleep: Linux's monotonic clock stops while the machine is suspended, so the plan cannot run
ahead; but the person has walked away. When boottime or wall time moved more than
SUSPEND_GAP_S further than monotonic time since the last look, the session pauses where it
was at that last look. A forward wall-clock change of that size looks the same and pauses too
(where CLOCK_BOOTTIME is missing, the wall clock is the only sign of sleep); resuming is one
key press. The UI calls `pause_for_lock()` when the screen locks."""

from __future__ import annotations

import enum
import math
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from backease_desktop.core.clock import Clock
from backease_desktop.core.content.model import Routine, Side
from backease_desktop.core.player.plan import Phase, build_phases, done_phase

# Positions this close below a boundary count as past it, so a timer firing at exactly
# `next_deadline()` always sees the next phase despite float rounding.
BOUNDARY_EPS_S = 1e-6
# Pressing back this far into a step means "again", sooner it means "the one before".
BACK_RESTART_S = 2.0
# More unexplained time than this between two looks at the clock means the machine slept.
SUSPEND_GAP_S = 10.0


class PauseReason(enum.Enum):
    USER = "user"
    LOCK = "lock"
    SUSPEND = "suspend"


class _Status(enum.Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class _Reading(NamedTuple):
    mono: float
    boot: float
    wall: float

    def wall_at(self, mono: float) -> float:
        """The wall time of an earlier monotonic instant, assuming no sleep in between."""
        return self.wall - (self.mono - mono)


@dataclass(frozen=True)
class SessionSummary:
    """One run of a routine, for the done screen and the history. Times are seconds;
    `elapsed_s` runs from start to end on the monotonic clock, pauses included."""

    routine_id: str
    routine_title: str
    started_wall: float
    ended_wall: float
    elapsed_s: float
    paused_s: float
    step_count: int
    completed_steps: tuple[int, ...]
    skipped_steps: tuple[int, ...]
    finished: bool  # reached the end (the last step done or skipped); False when stopped

    @property
    def active_s(self) -> float:
        return self.elapsed_s - self.paused_s

    @property
    def steps_completed(self) -> int:
        return len(self.completed_steps)

    @property
    def steps_skipped(self) -> int:
        return len(self.skipped_steps)


@dataclass(frozen=True)
class Started:
    at: float
    wall_at: float


@dataclass(frozen=True)
class PhaseChanged:
    index: int
    phase: Phase
    at: float
    wall_at: float


@dataclass(frozen=True)
class StepFinished:
    step_index: int
    title: str
    at: float
    wall_at: float


@dataclass(frozen=True)
class StepSkipped:
    step_index: int
    title: str
    at: float
    wall_at: float


@dataclass(frozen=True)
class Paused:
    reason: PauseReason
    at: float
    wall_at: float


@dataclass(frozen=True)
class Resumed:
    at: float
    wall_at: float


@dataclass(frozen=True)
class RoutineFinished:
    summary: SessionSummary
    at: float
    wall_at: float


@dataclass(frozen=True)
class RoutineStopped:
    summary: SessionSummary
    at: float
    wall_at: float


SessionEvent = (
    Started
    | PhaseChanged
    | StepFinished
    | StepSkipped
    | Paused
    | Resumed
    | RoutineFinished
    | RoutineStopped
)


@dataclass(frozen=True)
class SessionState:
    """Everything the player shows at one instant. `step_index` and `phase_index` count from
    0; a finished session shows the DONE phase, whose indexes are one past the last."""

    phase: Phase
    phase_index: int
    phase_count: int
    step_index: int
    step_count: int
    remaining_phase_s: float
    elapsed_phase_s: float
    phase_fraction: float
    remaining_step_s: float
    elapsed_routine_s: float
    remaining_routine_s: float
    total_s: float
    started: bool
    paused: bool
    pause_reason: PauseReason | None
    finished: bool
    stopped: bool
    next_phase: Phase | None
    next_step_title: str | None

    @property
    def title(self) -> str:
        return self.phase.title

    @property
    def cue(self) -> str:
        return self.phase.cue

    @property
    def side(self) -> Side | None:
        return self.phase.side

    @property
    def rep(self) -> int | None:
        return self.phase.rep

    @property
    def reps(self) -> int | None:
        return self.phase.reps

    @property
    def cycle(self) -> int | None:
        return self.phase.cycle

    @property
    def cycles(self) -> int | None:
        return self.phase.cycles


class RoutineSession:
    """One routine followed in the player. Controls queue events; `update()` returns them,
    together with every phase boundary crossed since the last call, each once, in order."""

    def __init__(self, routine: Routine, clock: Clock) -> None:
        phases = build_phases(routine)
        if not phases:
            raise ValueError(f"routine {routine.id!r} has no steps")
        self._routine = routine
        self._clock = clock
        self._phases = phases
        self._starts = tuple(p.offset_s for p in phases)
        self._ends = tuple(p.end_s for p in phases)
        self._total_s = self._ends[-1]
        self._done = done_phase(routine, phases)
        self._step_first: dict[int, int] = {}
        self._step_end_s: dict[int, float] = {}
        for index, phase in enumerate(phases):
            self._step_first.setdefault(phase.step_index, index)
            self._step_end_s[phase.step_index] = phase.end_s

        self._status = _Status.READY
        # The running segment: plan position `_seg_pos` at monotonic `_seg_mono`. While
        # paused, finished or stopped the position is `_seg_pos` and does not move.
        self._seg_mono = 0.0
        self._seg_pos = 0.0
        self._reported = 0  # the phase the last PhaseChanged announced
        self._events: list[SessionEvent] = []
        self._pause_reason: PauseReason | None = None
        self._paused_since = 0.0
        self._paused_total_s = 0.0
        self._started: _Reading | None = None
        self._ended: tuple[float, float] | None = None  # (monotonic, wall)
        self._completed: set[int] = set()
        self._skipped: set[int] = set()
        self._last: _Reading | None = None

    # -- what the UI reads ---------------------------------------------------------------

    @property
    def routine(self) -> Routine:
        return self._routine

    @property
    def phases(self) -> tuple[Phase, ...]:
        return self._phases

    @property
    def total_s(self) -> float:
        return self._total_s

    def state(self, now: float | None = None) -> SessionState:
        """The snapshot at monotonic `now` (default: the clock's now). Pure: changes nothing."""
        if now is None:
            now = self._clock.monotonic()
        position = self._position(now)
        index = len(self._phases) if self._status is _Status.FINISHED else self._index_at(position)
        step_count = len(self._routine.steps)
        started = self._status is not _Status.READY
        paused = self._status is _Status.PAUSED
        pause_reason = self._pause_reason if paused else None
        stopped = self._status is _Status.STOPPED
        if index >= len(self._phases):
            return SessionState(
                phase=self._done,
                phase_index=len(self._phases),
                phase_count=len(self._phases),
                step_index=step_count,
                step_count=step_count,
                remaining_phase_s=0.0,
                elapsed_phase_s=0.0,
                phase_fraction=1.0,
                remaining_step_s=0.0,
                elapsed_routine_s=self._total_s,
                remaining_routine_s=0.0,
                total_s=self._total_s,
                finished=True,
                next_phase=None,
                next_step_title=None,
                started=started,
                paused=paused,
                pause_reason=pause_reason,
                stopped=stopped,
            )
        phase = self._phases[index]
        elapsed = min(phase.duration_s, max(0.0, position - phase.offset_s))
        next_step = phase.step_index + 1
        return SessionState(
            phase=phase,
            phase_index=index,
            phase_count=len(self._phases),
            step_index=phase.step_index,
            step_count=step_count,
            # Clamped: within BOUNDARY_EPS_S of its start, a phase shows its full duration.
            remaining_phase_s=min(phase.duration_s, max(0.0, phase.end_s - position)),
            elapsed_phase_s=elapsed,
            phase_fraction=elapsed / phase.duration_s,
            remaining_step_s=max(0.0, self._step_end_s[phase.step_index] - position),
            elapsed_routine_s=position,
            remaining_routine_s=max(0.0, self._total_s - position),
            total_s=self._total_s,
            finished=False,
            next_phase=self._phases[index + 1] if index + 1 < len(self._phases) else None,
            next_step_title=(
                self._routine.steps[next_step].title if next_step < step_count else None
            ),
            started=started,
            paused=paused,
            pause_reason=pause_reason,
            stopped=stopped,
        )

    def phase_index_at(self, now: float) -> int:
        """The index of the phase at monotonic `now`; len(phases) once the routine is done."""
        if self._status is _Status.FINISHED:
            return len(self._phases)
        return self._index_at(self._position(now))

    def next_deadline(self) -> float | None:
        """The monotonic time at which `update()` has news: the end of the phase last
        announced (already past if boundaries went unreported). None unless running."""
        if self._status is not _Status.RUNNING:
            return None
        return self._mono_at(self._ends[self._reported])

    def next_countdown_change(self, now: float | None = None) -> float | None:
        """When a countdown of the phase in whole seconds (rounded up) next shows a new
        number, or the phase ends, whichever comes first; None unless running."""
        deadline = self.next_deadline()
        if deadline is None:
            return None
        remaining = deadline - (self._clock.monotonic() if now is None else now)
        if remaining <= 0:
            return deadline
        return deadline - (math.ceil(remaining) - 1)

    def summary(self) -> SessionSummary | None:
        """The run so far (or as it ended); None before it starts."""
        if self._started is None:
            return None
        if self._ended is not None:
            end_mono, end_wall = self._ended
        else:
            now = self._clock.monotonic()
            end_mono, end_wall = now, self._clock.wall()
        paused = self._paused_total_s
        if self._status is _Status.PAUSED:
            paused += end_mono - self._paused_since
        return SessionSummary(
            routine_id=self._routine.id,
            routine_title=self._routine.title,
            started_wall=self._started.wall,
            ended_wall=end_wall,
            elapsed_s=end_mono - self._started.mono,
            paused_s=paused,
            step_count=len(self._routine.steps),
            completed_steps=tuple(sorted(self._completed)),
            skipped_steps=tuple(sorted(self._skipped - self._completed)),
            finished=self._status is _Status.FINISHED,
        )

    # -- what the UI calls -------------------------------------------------------------

    def update(self) -> list[SessionEvent]:
        """Catches up with the clock and returns what happened since the last call."""
        self._sync()
        events, self._events = self._events, []
        return events

    def start(self) -> None:
        """Begins the routine at its first phase; does nothing once started (see restart)."""
        reading = self._sync()
        if self._status is _Status.READY:
            self._begin(reading)

    def pause(self, reason: PauseReason = PauseReason.USER) -> None:
        reading = self._sync()
        if self._status is _Status.RUNNING:
            self._pause(reading.mono, reading.wall, reason)

    def pause_for_lock(self) -> None:
        """The screen locked: the person is away, so the clock must not run on without them."""
        self.pause(PauseReason.LOCK)

    def resume(self) -> None:
        reading = self._sync()
        if self._status is not _Status.PAUSED:
            return
        self._paused_total_s += reading.mono - self._paused_since
        self._seg_mono = reading.mono
        self._status = _Status.RUNNING
        self._pause_reason = None
        self._events.append(Resumed(reading.mono, reading.wall))

    def toggle_pause(self) -> None:
        # Decided on the state the person last saw: pressing pause on a screen that showed
        # the routine running leaves it paused even if a sleep is only noticed now.
        if self._status is _Status.RUNNING:
            self.pause()
        elif self._status is _Status.PAUSED:
            self.resume()

    def skip(self) -> None:
        """Leaves the current step (counted as skipped) for the start of the next one."""
        reading = self._sync()
        if self._status not in (_Status.RUNNING, _Status.PAUSED):
            return
        step = self._phases[self._reported].step_index
        self._skipped.add(step)
        self._events.append(
            StepSkipped(step, self._routine.steps[step].title, reading.mono, reading.wall)
        )
        if step + 1 >= len(self._routine.steps):
            self._finish(reading.mono, reading.wall)
        else:
            self._jump(self._step_first[step + 1], reading)

    def back(self) -> None:
        """To the start of this step, or of the previous one when this one has just begun."""
        reading = self._sync()
        if self._status not in (_Status.RUNNING, _Status.PAUSED):
            return
        step = self._phases[self._reported].step_index
        into_step = self._position(reading.mono) - self._starts[self._step_first[step]]
        target = step if into_step > BACK_RESTART_S or step == 0 else step - 1
        self._jump(self._step_first[target], reading)

    def restart(self) -> None:
        """Starts a new run from the first phase; a run in progress ends as stopped."""
        reading = self._sync()
        if self._status in (_Status.RUNNING, _Status.PAUSED):
            self._stop(reading)
        self._begin(reading)

    def stop(self) -> None:
        """Ends the run where it is (the person closed the player)."""
        reading = self._sync()
        if self._status in (_Status.RUNNING, _Status.PAUSED):
            self._stop(reading)

    # -- inside --------------------------------------------------------------------------

    def _position(self, now: float) -> float:
        if self._status is _Status.READY:
            return 0.0
        if self._status is _Status.RUNNING:
            return min(self._total_s, self._seg_pos + max(0.0, now - self._seg_mono))
        return self._seg_pos

    def _index_at(self, position: float) -> int:
        if position + BOUNDARY_EPS_S >= self._total_s:
            return len(self._phases)
        return bisect_right(self._starts, position + BOUNDARY_EPS_S) - 1

    def _mono_at(self, position: float) -> float:
        """When the running segment reaches `position`."""
        return self._seg_mono + (position - self._seg_pos)

    def _sync(self) -> _Reading:
        """Reads the clocks, pauses if the machine slept, and reports crossed boundaries."""
        reading = _Reading(self._clock.monotonic(), self._clock.boottime(), self._clock.wall())
        last = self._last
        if self._status is _Status.RUNNING and last is not None:
            awake = reading.mono - last.mono
            passed = max(reading.boot - last.boot, reading.wall - last.wall)
            if passed - awake > SUSPEND_GAP_S:
                # Back to the last moment we know the person saw: nothing after it counts.
                self._pause(last.mono, last.wall, PauseReason.SUSPEND)
        self._advance(reading)
        self._last = reading
        return reading

    def _advance(self, reading: _Reading) -> None:
        if self._status is not _Status.RUNNING:
            return
        target = self._index_at(self._position(reading.mono))
        while self._reported < target:
            index = self._reported
            phase = self._phases[index]
            at = self._mono_at(self._ends[index])
            following = index + 1
            if following == len(self._phases) or (
                self._phases[following].step_index != phase.step_index
            ):
                self._completed.add(phase.step_index)
                self._events.append(
                    StepFinished(phase.step_index, phase.title, at, reading.wall_at(at))
                )
            if following == len(self._phases):
                self._finish(at, reading.wall_at(at))
                return
            self._reported = following
            self._events.append(
                PhaseChanged(following, self._phases[following], at, reading.wall_at(at))
            )

    def _begin(self, reading: _Reading) -> None:
        self._status = _Status.RUNNING
        self._seg_mono = reading.mono
        self._seg_pos = 0.0
        self._reported = 0
        self._pause_reason = None
        self._paused_total_s = 0.0
        self._started = reading
        self._ended = None
        self._completed = set()
        self._skipped = set()
        self._events.append(Started(reading.mono, reading.wall))
        self._events.append(PhaseChanged(0, self._phases[0], reading.mono, reading.wall))

    def _pause(self, at: float, wall_at: float, reason: PauseReason) -> None:
        self._seg_pos = self._position(at)
        self._status = _Status.PAUSED
        self._paused_since = at
        self._pause_reason = reason
        self._events.append(Paused(reason, at, wall_at))

    def _jump(self, index: int, reading: _Reading) -> None:
        """Puts the start of phase `index` at now; a paused session stays paused there."""
        self._seg_pos = self._starts[index]
        self._seg_mono = reading.mono
        self._reported = index
        self._events.append(PhaseChanged(index, self._phases[index], reading.mono, reading.wall))

    def _close_pause(self, at: float) -> None:
        if self._status is _Status.PAUSED:
            self._paused_total_s += at - self._paused_since
            self._pause_reason = None

    def _finish(self, at: float, wall_at: float) -> None:
        self._close_pause(at)
        self._status = _Status.FINISHED
        self._seg_pos = self._total_s
        self._reported = len(self._phases) - 1
        self._ended = (at, wall_at)
        summary = self.summary()
        assert summary is not None
        self._events.append(RoutineFinished(summary, at, wall_at))

    def _stop(self, reading: _Reading) -> None:
        if self._status is _Status.RUNNING:
            self._seg_pos = self._position(reading.mono)
        self._close_pause(reading.mono)
        self._status = _Status.STOPPED
        self._ended = (reading.mono, reading.wall)
        summary = self.summary()
        assert summary is not None
        self._events.append(RoutineStopped(summary, reading.mono, reading.wall))
