"""What the player says about a phase: its word and colour, the side and repetition, what
comes next, and the countdown. Pure functions of the engine's state, so tests read them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from backease_desktop.core.player import BOUNDARY_EPS_S, Phase, PhaseKind, SessionState
from backease_desktop.core.player.plan import seconds_text
from backease_desktop.core.wording import clock_duration


@dataclass(frozen=True)
class PhaseLook:
    """The phase word and the colour behind it. White text on every colour here has at
    least 7:1 contrast (a test checks), readable from across a room in light and dark mode;
    the word is always there, so colour never carries the meaning alone."""

    word: str
    colour: str


PHASE_LOOKS: dict[PhaseKind, PhaseLook] = {
    PhaseKind.GET_READY: PhaseLook("Get ready", "#1c4a87"),
    PhaseKind.HOLD: PhaseLook("Hold", "#0b5a4d"),
    PhaseKind.SWITCH_SIDES: PhaseLook("Switch sides", "#5f2a8f"),
    PhaseKind.REST_BETWEEN: PhaseLook("Rest", "#3e4a54"),
    PhaseKind.REST: PhaseLook("Rest", "#3e4a54"),
    PhaseKind.BREATHE_IN: PhaseLook("Breathe in", "#1a4f8c"),
    PhaseKind.BREATHE_PAUSE: PhaseLook("Pause", "#4f3590"),
    PhaseKind.BREATHE_OUT: PhaseLook("Breathe out", "#1b5e3b"),
    PhaseKind.DONE: PhaseLook("Done", "#0b5a4d"),
}
PAUSED_LOOK = PhaseLook("Paused", "#7a3d00")

BREATHING_KINDS = frozenset({PhaseKind.BREATHE_IN, PhaseKind.BREATHE_PAUSE, PhaseKind.BREATHE_OUT})


def look_of(phase: Phase) -> PhaseLook:
    return PHASE_LOOKS[phase.kind]


def whole_seconds_left(remaining_s: float) -> int:
    """The countdown number: rounded up, so it shows 1 in the last second and never 0 while
    the phase runs (the same rounding as the engine's next_countdown_change)."""
    return max(0, math.ceil(remaining_s - BOUNDARY_EPS_S))


def countdown_text(remaining_s: float) -> str:
    """ "17" under a minute, "1:30" from a minute up: as few characters as can be read."""
    seconds = whole_seconds_left(remaining_s)
    return str(seconds) if seconds < 60 else clock_duration(seconds)


def side_text(phase: Phase) -> str:
    if phase.side is None:
        return ""
    return f"{phase.side.capitalize()} side"


def detail_text(phase: Phase) -> str:
    """ "Left side · Rep 2 of 3", "Breath 2 of 6", "Switch to the right side"."""
    if phase.kind is PhaseKind.SWITCH_SIDES:
        return f"Switch to the {phase.side} side" if phase.side else "Switch sides"
    parts = []
    if phase.side is not None:
        parts.append(side_text(phase))
    if phase.kind is PhaseKind.HOLD and phase.reps and phase.reps > 1:
        parts.append(f"Rep {phase.rep} of {phase.reps}")
    elif phase.kind is PhaseKind.REST_BETWEEN and phase.reps:
        parts.append(f"Rep {phase.rep} of {phase.reps} done")
    elif phase.kind is PhaseKind.GET_READY and phase.side is not None:
        parts[-1] = f"{side_text(phase)} first"
    if phase.cycle is not None and phase.cycles:
        parts.append(f"Breath {phase.cycle} of {phase.cycles}")
    return " · ".join(parts)


def next_text(state: SessionState) -> str:
    """What comes next: the next phase, and the next step when this is its last phase."""
    upcoming = state.next_phase
    if upcoming is None:
        return "Next: the end of the routine"
    if upcoming.step_index != state.step_index:
        return f"Next: {upcoming.title}"
    if upcoming.kind is PhaseKind.HOLD:
        words = upcoming.cue
    elif upcoming.kind in BREATHING_KINDS:
        words = look_of(upcoming).word
    else:
        words = upcoming.cue
    after = f"\nNext step: {state.next_step_title}" if state.next_step_title else ""
    return f"Next: {words}{after}"


# Counted out loud in the last seconds of a phase this long or longer; a breath's phases
# (a few seconds each, one after another) have their words and nothing more.
COUNT_OUT_FROM_S = 8.0


def countdown_announcement(phase: Phase, seconds_left: int) -> str:
    """What a screen reader hears as the countdown reaches `seconds_left`: every ten seconds
    ("20 seconds left") and "3", "2", "1" at the end of a hold, a rest or a get-ready;
    nothing otherwise, and nothing at the phase's first second (its start says it all)."""
    if phase.kind in BREATHING_KINDS or phase.kind is PhaseKind.DONE:
        return ""
    if seconds_left <= 0 or seconds_left >= math.floor(phase.duration_s):
        return ""
    if seconds_left <= 3 and phase.duration_s >= COUNT_OUT_FROM_S:
        return str(seconds_left)
    if seconds_left % 10 == 0:
        return f"{seconds_text(seconds_left)} left"
    return ""


def announcement(phase: Phase) -> str:
    """What a screen reader hears when `phase` begins. The first breath of a breathing step
    says the step first ("Slow breathing: Breathe in"), so the change of step is heard."""
    if phase.kind in BREATHING_KINDS:
        word = look_of(phase).word
        first = phase.kind is PhaseKind.BREATHE_IN and (phase.cycle or 1) == 1
        return f"{phase.title}: {word}" if first else word
    detail = detail_text(phase)
    if phase.kind is PhaseKind.SWITCH_SIDES:
        return detail
    if phase.kind is PhaseKind.GET_READY:
        return f"Get ready: {phase.title}" + (f", {detail}" if detail else "")
    words = phase.cue if phase.kind is not PhaseKind.HOLD else phase.cue.split(" (")[0]
    return f"{words}, {detail}" if detail else words
