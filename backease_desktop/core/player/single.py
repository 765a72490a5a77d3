"""A routine of one stretch, so "Start" on a stretch's page runs it in the same player."""

from __future__ import annotations

from backease_desktop.core.content.model import Routine, Stretch, StretchStep

# Routine ids are lowercase letters, digits and dashes, so this prefix never collides.
SINGLE_STRETCH_PREFIX = "stretch:"


def single_stretch_routine(stretch: Stretch, get_ready_s: float = 5.0) -> Routine:
    """The stretch with its own hold, repetitions, sides and rests, after a get-ready."""
    step = StretchStep(
        stretch=stretch,
        hold_s=stretch.hold_s,
        reps=stretch.reps,
        sides=stretch.sides,
        rest_between_s=stretch.rest_between_s,
    )
    return Routine(
        id=f"{SINGLE_STRETCH_PREFIX}{stretch.id}",
        title=stretch.title,
        summary=stretch.summary,
        steps=(step,),
        get_ready_s=get_ready_s,
    )
