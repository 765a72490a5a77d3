"""How the editor names steps and problems: one line per step for the list, and a
problem's field turned into words a person can find ("Step 3, hold")."""

from __future__ import annotations

import re

from backease_desktop.core.content import ContentError, Library
from backease_desktop.core.plans.drafts import RoutineDraft, StepDraft
from backease_desktop.core.plans.editing import stretch_values
from backease_desktop.core.wording import clock_duration

_FIELD = re.compile(r"^(steps|exercises)\[(\d+)\](?:\.(.+))?$")
_WORDS = {
    "hold": "hold",
    "reps": "repetitions",
    "sides": "sides",
    "rest_between": "rest between",
    "rest": "rest",
    "note": "note",
    "stretch": "exercise",
    "breathe.inhale": "breathe in",
    "breathe.pause": "pause",
    "breathe.exhale": "breathe out",
    "breathe.cycles": "breaths",
    "illustration": "picture",
}


def _num(value: float) -> str:
    return f"{value:g}"


def step_title(step: StepDraft, draft: RoutineDraft, library: Library) -> str:
    if step.kind == "breathe":
        return "Slow breathing"
    if step.kind == "rest":
        return "Rest"
    own = next((e for e in draft.exercises if e.id == step.stretch_id), None)
    if own is not None:
        return own.title
    stretch = library.stretch(step.stretch_id)
    return stretch.title if stretch is not None else step.stretch_id


def step_line(index: int, step: StepDraft, draft: RoutineDraft, library: Library) -> str:
    """One step as the list shows it (and a screen reader reads it): "3. Cat-cow: 8 s, 6 times"."""
    title = step_title(step, draft, library)
    if step.kind == "breathe":
        rhythm = f"{_num(step.inhale_s)}-{_num(step.pause_s)}-{_num(step.exhale_s)}"
        detail = f"{rhythm}, {step.cycles} breaths"
    elif step.kind == "rest":
        detail = clock_duration(step.seconds)
    else:
        values = stretch_values(draft, step, library)
        sides = values.sides
        times = "once" if values.reps == 1 else f"{values.reps} times"
        detail = f"{_num(values.hold_s)} s, {times}" + (
            f", {' then '.join(sides)}" if sides else ""
        )
    return f"{index + 1}. {title}: {detail}"


def problem_line(error: ContentError) -> str:
    """A loader error as the editor shows it: where in words, then what."""
    match = _FIELD.match(error.field)
    if match is None:
        where = {"id": "Id", "title": "Title", "summary": "Summary", "steps": "Steps"}.get(
            error.field, error.field
        )
        return f"{where}: {error.message}"
    kind, number, rest = match.group(1), int(match.group(2)) + 1, match.group(3)
    noun = "Step" if kind == "steps" else "Exercise"
    field = f", {_WORDS.get(rest, rest)}" if rest else ""
    return f"{noun} {number}{field}: {error.message}"
