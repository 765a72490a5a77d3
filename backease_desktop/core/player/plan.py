"""A routine as a flat list of timed phases (get ready, hold, switch sides, rest, breathe),
each with its offset in the routine: the plan the session replays against a clock."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from backease_desktop.core.content.model import (
    BreatheStep,
    RestStep,
    Routine,
    Side,
    Step,
    StretchStep,
)

# Long enough to roll over or change legs without rushing, short enough not to feel like a rest.
SWITCH_SIDES_S = 5.0
# Nobody can see or hear a phase shorter than this, so the plan leaves it out; it also keeps
# every phase far longer than the session's boundary tolerance.
MIN_PHASE_S = 0.001


class PhaseKind(enum.Enum):
    """What a person is asked to do during a phase."""

    GET_READY = "get_ready"
    HOLD = "hold"
    SWITCH_SIDES = "switch_sides"
    REST_BETWEEN = "rest_between"
    BREATHE_IN = "breathe_in"
    BREATHE_PAUSE = "breathe_pause"
    BREATHE_OUT = "breathe_out"
    REST = "rest"
    # Never part of a plan: the state a session shows once the last phase has ended.
    DONE = "done"


@dataclass(frozen=True)
class Phase:
    """One timed stretch of a routine.

    `side` is the side being worked (for GET_READY the first side, for SWITCH_SIDES the side
    being switched to); `rep` is the repetition held, or for REST_BETWEEN the one just
    finished; `cycle` counts breaths. Counters that do not apply are None."""

    kind: PhaseKind
    duration_s: float
    offset_s: float
    step_index: int
    title: str
    cue: str
    side: Side | None = None
    rep: int | None = None
    reps: int | None = None
    cycle: int | None = None
    cycles: int | None = None

    @property
    def end_s(self) -> float:
        return self.offset_s + self.duration_s


def seconds_text(seconds: float) -> str:
    """ "1 second", "20 seconds", "2.5 seconds": durations as a cue says them."""
    number = f"{seconds:g}"
    return f"{number} second" if number == "1" else f"{number} seconds"


class _PlanBuilder:
    """Appends phases back to back; each offset is the previous phase's end, so offsets and
    ends agree to the last bit and the plan has no gaps."""

    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.offset_s = 0.0

    def add(
        self,
        kind: PhaseKind,
        duration_s: float,
        step_index: int,
        title: str,
        cue: str,
        *,
        side: Side | None = None,
        rep: int | None = None,
        reps: int | None = None,
        cycle: int | None = None,
        cycles: int | None = None,
    ) -> None:
        if duration_s < 0:
            raise ValueError(f"step {step_index + 1}: a {kind.value} phase of {duration_s} s")
        if duration_s < MIN_PHASE_S:  # e.g. an optional phase set to 0: no get-ready
            return
        phase = Phase(
            kind,
            duration_s,
            self.offset_s,
            step_index,
            title,
            cue,
            side=side,
            rep=rep,
            reps=reps,
            cycle=cycle,
            cycles=cycles,
        )
        self.phases.append(phase)
        self.offset_s = phase.end_s


def _stretch_phases(plan: _PlanBuilder, index: int, step: StretchStep, get_ready_s: float) -> None:
    title = step.title
    sides: tuple[Side | None, ...] = step.sides or (None,)
    first = sides[0]
    ready_cue = f"Get ready: {title}" + (f", {first} side" if first else "")
    plan.add(PhaseKind.GET_READY, get_ready_s, index, title, ready_cue, side=first)
    hold_cue = f"Hold for {seconds_text(step.hold_s)}"
    for side_number, side in enumerate(sides):
        if side_number > 0:
            plan.add(
                PhaseKind.SWITCH_SIDES,
                SWITCH_SIDES_S,
                index,
                title,
                f"Switch to the {side} side",
                side=side,
            )
        for rep in range(1, step.reps + 1):
            if rep > 1:
                plan.add(
                    PhaseKind.REST_BETWEEN,
                    step.rest_between_s,
                    index,
                    title,
                    "Rest",
                    side=side,
                    rep=rep - 1,
                    reps=step.reps,
                )
            cue = hold_cue if step.reps == 1 else f"{hold_cue} ({rep} of {step.reps})"
            plan.add(
                PhaseKind.HOLD, step.hold_s, index, title, cue, side=side, rep=rep, reps=step.reps
            )


def _breathe_phases(plan: _PlanBuilder, index: int, step: BreatheStep) -> None:
    pattern = (
        (PhaseKind.BREATHE_IN, step.inhale_s, "Breathe in"),
        (PhaseKind.BREATHE_PAUSE, step.pause_s, "Pause"),
        (PhaseKind.BREATHE_OUT, step.exhale_s, "Breathe out"),
    )
    for cycle in range(1, step.cycles + 1):
        for kind, seconds, cue in pattern:
            plan.add(kind, seconds, index, step.title, cue, cycle=cycle, cycles=step.cycles)


def build_phases(routine: Routine) -> tuple[Phase, ...]:
    """The routine's phases in order. A get-ready phase precedes every stretch; a stretch
    done on both sides runs all repetitions of its first side, a switch, then the second.

    Raises ValueError for a step that takes no time (the loader's limits rule them out)."""
    plan = _PlanBuilder()
    for index, step in enumerate(routine.steps):
        before = len(plan.phases)
        if isinstance(step, StretchStep):
            _stretch_phases(plan, index, step, routine.get_ready_s)
        elif isinstance(step, BreatheStep):
            _breathe_phases(plan, index, step)
        else:
            plan.add(PhaseKind.REST, step.seconds, index, step.title, "Rest")
        if len(plan.phases) == before or not _has_own_time(plan.phases[before:], step):
            raise ValueError(f"step {index + 1} ({step.title}) takes no time")
    return tuple(plan.phases)


def _has_own_time(phases: list[Phase], step: Step) -> bool:
    """A stretch whose only phase is its get-ready would be all waiting and no stretch."""
    if isinstance(step, RestStep | BreatheStep):
        return bool(phases)
    return any(p.kind is PhaseKind.HOLD for p in phases)


def routine_duration_s(routine: Routine) -> float:
    """How long the routine takes without pauses, get-ready and side switches included."""
    phases = build_phases(routine)
    return phases[-1].end_s if phases else 0.0


def done_phase(routine: Routine, phases: tuple[Phase, ...]) -> Phase:
    """The zero-length phase a finished session shows; its step_index is one past the last."""
    end_s = phases[-1].end_s if phases else 0.0
    return Phase(PhaseKind.DONE, 0.0, end_s, len(routine.steps), routine.title, "Routine complete")
