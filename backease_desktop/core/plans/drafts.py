"""The routine being edited or exported, as plain immutable data: what the editor changes,
undo keeps and a save or an export writes, and the one place that turns it into the
mapping of a routine file (`draft_data`), so both write the same YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, NamedTuple

from backease_desktop.core.content.model import (
    BreatheStep,
    RestStep,
    Routine,
    Side,
    Stretch,
    StretchStep,
)
from backease_desktop.core.plans.serialise import dump

StepKind = Literal["stretch", "breathe", "rest"]
DEFAULT_GET_READY_S = 5.0


class StepDraft(NamedTuple):
    """One step as the editor holds it. For a stretch, None means "the exercise's own"."""

    kind: StepKind
    stretch_id: str = ""
    hold_s: float | None = None
    reps: int | None = None
    sides: tuple[Side, ...] | None = None
    rest_between_s: float | None = None
    inhale_s: float = 5.0
    pause_s: float = 1.0
    exhale_s: float = 3.0
    cycles: int = 3
    seconds: float = 30.0
    note: str = ""


class ExerciseDraft(NamedTuple):
    """An exercise of the routine's own. `picture` is a file anywhere on disk (copied next
    to the routine when it is saved), or empty."""

    id: str
    title: str
    summary: str = ""
    position: str = "lying"
    instructions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ("Stop if it hurts.",)
    hold_s: float = 10.0
    reps: int = 1
    sides: tuple[Side, ...] = ()
    rest_between_s: float = 0.0
    note: str = ""
    picture: str = ""
    source: str = "you"
    added: str = ""


class RoutineDraft(NamedTuple):
    id: str
    title: str
    summary: str
    steps: tuple[StepDraft, ...] = ()
    exercises: tuple[ExerciseDraft, ...] = ()
    get_ready_s: float = 5.0


def exercise_draft(stretch: Stretch) -> ExerciseDraft:
    return ExerciseDraft(
        id=stretch.id,
        title=stretch.title,
        summary=stretch.summary,
        position=stretch.position,
        instructions=stretch.instructions,
        cautions=stretch.cautions,
        hold_s=stretch.hold_s,
        reps=stretch.reps,
        sides=stretch.sides,
        rest_between_s=stretch.rest_between_s,
        note=stretch.note,
        picture=stretch.illustration if stretch.origin != "bundled" else "",
        source=stretch.source or "you",
        added=stretch.added,
    )


def draft_from_routine(routine: Routine, inline_all: bool = False) -> RoutineDraft:
    """The routine as the editor holds it. The exercises written in its own file come with
    it; with `inline_all` (an export), every exercise of the person's does, so the plan needs
    nothing else. A bundled stretch's hold and repetitions are written out, so a plan keeps
    its dose if a later BackEase changes the stretch's own; other values only where they
    differ from the exercise's."""
    steps: list[StepDraft] = []
    exercises: dict[str, ExerciseDraft] = {}
    for step in routine.steps:
        if isinstance(step, StretchStep):
            stretch = step.stretch
            bundled = stretch.origin == "bundled"
            if not bundled and (inline_all or stretch.file == routine.source):
                exercises.setdefault(stretch.id, exercise_draft(stretch))
            steps.append(
                StepDraft(
                    "stretch",
                    stretch_id=stretch.id,
                    hold_s=step.hold_s if bundled or step.hold_s != stretch.hold_s else None,
                    reps=step.reps if bundled or step.reps != stretch.reps else None,
                    sides=step.sides if step.sides != stretch.sides else None,
                    rest_between_s=(
                        step.rest_between_s
                        if step.rest_between_s != stretch.rest_between_s
                        else None
                    ),
                    note=step.note,
                )
            )
        elif isinstance(step, BreatheStep):
            steps.append(
                StepDraft(
                    "breathe",
                    inhale_s=step.inhale_s,
                    pause_s=step.pause_s,
                    exhale_s=step.exhale_s,
                    cycles=step.cycles,
                    note=step.note,
                )
            )
        else:
            assert isinstance(step, RestStep)
            steps.append(StepDraft("rest", seconds=step.seconds, note=step.note))
    return RoutineDraft(
        id=routine.id,
        title=routine.title,
        summary=routine.summary,
        steps=tuple(steps),
        exercises=tuple(exercises.values()),
        get_ready_s=routine.get_ready_s,
    )


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _exercise_data(exercise: ExerciseDraft, picture: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise.id,
        "title": exercise.title,
        "summary": exercise.summary,
        "position": exercise.position,
        "instructions": list(exercise.instructions),
    }
    if exercise.cautions:
        data["cautions"] = list(exercise.cautions)
    data["hold"] = _num(exercise.hold_s)
    if exercise.reps != 1:
        data["reps"] = exercise.reps
    if exercise.sides:
        data["sides"] = list(exercise.sides)
    if exercise.rest_between_s:
        data["rest_between"] = _num(exercise.rest_between_s)
    if exercise.note:
        data["note"] = exercise.note
    if picture:
        data["illustration"] = picture
    data["source"] = exercise.source or "you"
    if exercise.added:
        data["added"] = exercise.added
    return data


def _step_data(step: StepDraft) -> dict[str, Any]:
    data: dict[str, Any]
    if step.kind == "stretch":
        data = {"stretch": step.stretch_id}
        if step.hold_s is not None:
            data["hold"] = _num(step.hold_s)
        if step.reps is not None:
            data["reps"] = step.reps
        if step.sides:
            data["sides"] = list(step.sides)
        if step.rest_between_s is not None:
            data["rest_between"] = _num(step.rest_between_s)
    elif step.kind == "breathe":
        data = {
            "breathe": {
                "inhale": _num(step.inhale_s),
                "pause": _num(step.pause_s),
                "exhale": _num(step.exhale_s),
                "cycles": step.cycles,
            }
        }
    else:
        data = {"rest": _num(step.seconds)}
    if step.note:
        data["note"] = step.note
    return data


def picture_name(exercise: ExerciseDraft) -> str:
    """Where a saved routine keeps the exercise's picture, relative to the routine file."""
    return f"pictures/{exercise.id}{Path(exercise.picture).suffix.lower()}"


def draft_data(draft: RoutineDraft, with_pictures: bool = True) -> dict[str, Any]:
    """The routine file's mapping, the pictures named as a save or an export places them
    (`picture_name`)."""
    data: dict[str, Any] = {"id": draft.id, "title": draft.title, "summary": draft.summary}
    if draft.get_ready_s != DEFAULT_GET_READY_S:
        data["get_ready"] = _num(draft.get_ready_s)
    if draft.exercises:
        data["exercises"] = [
            _exercise_data(e, picture_name(e) if with_pictures and e.picture else None)
            for e in draft.exercises
        ]
    data["steps"] = [_step_data(s) for s in draft.steps]
    return data


def draft_text(draft: RoutineDraft) -> str:
    return dump(draft_data(draft))
