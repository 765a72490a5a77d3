"""Routines built in a line for the player's tests, and moving a driver along its plan on a
FakeClock as its timer would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content.model import (
    BreathePattern,
    BreatheStep,
    Library,
    RestStep,
    Routine,
    Side,
    Step,
    Stretch,
    StretchStep,
)

if TYPE_CHECKING:
    from backease_desktop.platform.player_driver import PlayerDriver

T0 = 1000.0  # FakeClock's monotonic start, where the player's tests start a routine
# 2026-01-01 10:00 UTC: the same date in nearly every time zone, "today" for these tests.
WALL0 = 1_767_261_600.0


def stretch(
    title: str = "Knee to chest",
    hold_s: float = 20.0,
    reps: int = 1,
    sides: tuple[Side, ...] = (),
    rest_between_s: float = 0.0,
) -> StretchStep:
    movement = Stretch(
        id=title.lower().replace(" ", "-"),
        title=title,
        summary="",
        position="lying",
        illustration="",
        instructions=("Do it.",),
        cautions=("Gently.",),
        hold_s=hold_s,
    )
    return StretchStep(movement, hold_s, reps, sides, rest_between_s)


def breathe(cycles: int = 1, pattern: BreathePattern | None = None) -> BreatheStep:
    pattern = pattern or BreathePattern()
    return BreatheStep(pattern.inhale_s, pattern.pause_s, pattern.exhale_s, cycles)


def routine(
    *steps: Step, get_ready_s: float = 5.0, routine_id: str = "r", title: str = "Routine"
) -> Routine:
    return Routine(id=routine_id, title=title, summary="", steps=steps, get_ready_s=get_ready_s)


def sample_routine(library: Library) -> Routine:
    """141 s: knee to chest on both sides with two holds each, two breaths, a rest, and
    cat-cow once (the engine tests' sample, with the library's real stretches)."""
    knee = library.stretch("knee-to-chest")
    cat = library.stretch("cat-cow")
    assert knee is not None and cat is not None
    return Routine(
        id="sample",
        title="Sample routine",
        summary="",
        steps=(
            StretchStep(knee, 20.0, 2, ("left", "right"), 5.0),
            BreatheStep(5.0, 1.0, 3.0, cycles=2),
            RestStep(10.0),
            StretchStep(cat, 8.0, 1, (), 0.0),
        ),
    )


def play_to(driver: PlayerDriver, clock: FakeClock, plan_s: float) -> None:
    """Moves the clock to `plan_s` after T0 (pauses count) and lets the timer's slot run."""
    clock.advance(T0 + plan_s - clock.monotonic())
    driver.catch_up()
