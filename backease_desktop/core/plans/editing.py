"""The routine editor's model, without Qt: the edits as pure functions from one draft
(core/plans/drafts.py) to the next, so undo keeps the two drafts and nothing else, and the
check, which writes the draft as the YAML a save would write and runs the loader on it: the
editor and the app can never disagree on what is valid."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.exercises import UserExercises, picture_problem
from backease_desktop.core.content.model import BreathePattern, Library, Routine, Side
from backease_desktop.core.content.parse import parse_routine
from backease_desktop.core.content.yamlsource import read_yaml
from backease_desktop.core.plans.drafts import (
    ExerciseDraft,
    RoutineDraft,
    StepDraft,
    draft_data,
    draft_from_routine,
)
from backease_desktop.core.plans.serialise import dump


class Edit(NamedTuple):
    """One undoable change: what it is called ("Move step") and the drafts either side."""

    label: str
    before: RoutineDraft
    after: RoutineDraft


# -- from the model -----------------------------------------------------------------------


def breathing_step(pattern: BreathePattern, cycles: int = 3) -> StepDraft:
    """A new breathing step: the article's 5-1-3 rhythm unless the file says otherwise."""
    return StepDraft(
        "breathe",
        inhale_s=pattern.inhale_s,
        pause_s=pattern.pause_s,
        exhale_s=pattern.exhale_s,
        cycles=cycles,
    )


def free_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever no routine or exercise uses yet."""
    used = set(taken)
    stem = base[:58] or "my-routine"
    if stem not in used:
        return stem
    counter = 2
    while f"{stem}-{counter}" in used:
        counter += 1
    return f"{stem}-{counter}"


def taken_ids(library: Library) -> set[str]:
    return {r.id for r in library.routines} | {s.id for s in library.stretches}


def duplicate(routine: Routine, library: Library, title_suffix: str = " (copy)") -> RoutineDraft:
    """A new routine to edit, starting from `routine` (a bundled one too). Its own
    exercises are copied under new ids: ids are one namespace across a person's files."""
    draft = draft_from_routine(routine)
    taken = taken_ids(library)
    new_id = free_id(f"{routine.id}-copy", taken)
    taken.add(new_id)
    renamed: dict[str, str] = {}
    exercises = []
    for exercise in draft.exercises:
        renamed[exercise.id] = free_id(exercise.id, taken)
        taken.add(renamed[exercise.id])
        exercises.append(exercise._replace(id=renamed[exercise.id]))
    steps = tuple(
        s._replace(stretch_id=renamed.get(s.stretch_id, s.stretch_id)) for s in draft.steps
    )
    return draft._replace(
        id=new_id,
        title=f"{routine.title}{title_suffix}",
        steps=steps,
        exercises=tuple(exercises),
    )


def new_routine(library: Library) -> RoutineDraft:
    """An empty routine with one breathing step, so it is valid from the start."""
    return RoutineDraft(
        id=free_id("my-routine", taken_ids(library)),
        title="My routine",
        summary="My own routine.",
        steps=(breathing_step(library.breathing),),
    )


# -- edits: draft -> draft ------------------------------------------------------------------


def move_step(draft: RoutineDraft, index: int, to: int) -> RoutineDraft:
    steps = list(draft.steps)
    if not (0 <= index < len(steps)) or not (0 <= to < len(steps)) or index == to:
        return draft
    steps.insert(to, steps.pop(index))
    return draft._replace(steps=tuple(steps))


def insert_step(draft: RoutineDraft, index: int, step: StepDraft) -> RoutineDraft:
    steps = list(draft.steps)
    steps.insert(max(0, min(index, len(steps))), step)
    return draft._replace(steps=tuple(steps))


def remove_step(draft: RoutineDraft, index: int) -> RoutineDraft:
    if not 0 <= index < len(draft.steps):
        return draft
    return draft._replace(steps=draft.steps[:index] + draft.steps[index + 1 :])


def replace_step(draft: RoutineDraft, index: int, step: StepDraft) -> RoutineDraft:
    if not 0 <= index < len(draft.steps):
        return draft
    return draft._replace(steps=(*draft.steps[:index], step, *draft.steps[index + 1 :]))


def put_exercise(draft: RoutineDraft, exercise: ExerciseDraft, old_id: str = "") -> RoutineDraft:
    """Adds or changes one of the routine's own exercises; a changed id is followed by the
    steps that use it."""
    key = old_id or exercise.id
    exercises = [e for e in draft.exercises if e.id != key]
    position = next((i for i, e in enumerate(draft.exercises) if e.id == key), len(exercises))
    exercises.insert(position, exercise)
    steps = draft.steps
    if old_id and old_id != exercise.id:
        steps = tuple(
            s._replace(stretch_id=exercise.id) if s.stretch_id == old_id else s for s in steps
        )
    return draft._replace(exercises=tuple(exercises), steps=steps)


# -- to YAML and back through the loader ------------------------------------------------------


class StretchValues(NamedTuple):
    """What a stretch step does: its own values where it sets them, else its exercise's."""

    hold_s: float
    reps: int
    sides: tuple[Side, ...]
    rest_between_s: float


def stretch_values(draft: RoutineDraft, step: StepDraft, library: Library) -> StretchValues:
    own = next((e for e in draft.exercises if e.id == step.stretch_id), None)
    base = own if own is not None else library.stretch(step.stretch_id)
    return StretchValues(
        hold_s=step.hold_s if step.hold_s is not None else (base.hold_s if base else 10.0),
        reps=step.reps if step.reps is not None else (base.reps if base else 1),
        sides=step.sides if step.sides is not None else (base.sides if base else ()),
        rest_between_s=(
            step.rest_between_s
            if step.rest_between_s is not None
            else (base.rest_between_s if base else 0.0)
        ),
    )


class Check(NamedTuple):
    """The loader's verdict on a draft: the routine it makes (None if it would refuse the
    file) and every problem, each naming its field (`steps[3].hold`)."""

    routine: Routine | None
    errors: tuple[ContentError, ...]

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.errors


class DraftChecker:
    """Checks drafts against the person's library, as the loader will when it is saved.

    `own_file` is the file the draft was opened from, if any: its own exercises and id do
    not count as taken. One scratch file is reused for every check."""

    def __init__(self, library: Library, own_file: Path | None = None) -> None:
        self.library = library
        self.own_file = own_file
        self._scratch = tempfile.TemporaryDirectory(prefix="backease-editor-")
        self._path = Path(self._scratch.name) / "routine.yaml"

    def close(self) -> None:
        self._scratch.cleanup()

    def check(self, draft: RoutineDraft) -> Check:
        errors: list[ContentError] = []
        text = dump(draft_data(draft, with_pictures=False), for_people=False)
        self._path.write_text(text, encoding="utf-8")
        node, problems = read_yaml(self._path)
        errors += problems
        routine = None
        if node is not None:
            bundled = {s.id: s for s in self.library.stretches if s.origin == "bundled"}
            own = UserExercises(bundled, errors, strict=True)
            own.seed(self.library, ignore=[self.own_file] if self.own_file else [])
            stripped, known = own.for_routine(node, self._path)
            routine = parse_routine(stripped, self._path, errors, known, self.library.breathing)
        for index, exercise in enumerate(draft.exercises):
            if exercise.picture:
                picture = Path(exercise.picture)
                problem = picture_problem(picture.name, picture.parent)
                if problem:
                    field = f"exercises[{index}].illustration"
                    errors.append(ContentError(self._path, 1, 1, field, problem))
        taken = self.library.routine(draft.id)
        if taken is not None and (taken.source is None or taken.source != self.own_file):
            errors.append(
                ContentError(self._path, 1, 1, "id", f"the routine id '{draft.id}' is already used")
            )
        return Check(routine if not errors else None, tuple(errors))
