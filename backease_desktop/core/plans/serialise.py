"""A routine (and its own exercises) back to plain YAML a person can read and edit by hand.

Used by export and by the routine editor: the same model the loader builds goes out as the
same file the loader reads, so a plan survives the round trip unchanged. Only plain data
(mappings, lists, text, numbers) is written, with `yaml.safe_dump`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from backease_desktop.core.content.model import (
    BreatheStep,
    RestStep,
    Routine,
    Step,
    Stretch,
    StretchStep,
)

HEADER = (
    "# yaml-language-server: $schema=https://raw.githubusercontent.com/backease/"
    "backease-desktop/main/resources/schema/routine.schema.json\n"
    "# A BackEase routine. Check it with: backease --validate FILE\n"
)
DEFAULT_GET_READY_S = 5.0


def _num(value: float) -> int | float:
    """3.0 is written as 3: what a person would type."""
    return int(value) if float(value).is_integer() else value


def own_exercises(routine: Routine) -> list[Stretch]:
    """The person's own exercises the routine's steps use, each once, in order of use."""
    seen: dict[str, Stretch] = {}
    for step in routine.steps:
        if isinstance(step, StretchStep) and step.stretch.origin != "bundled":
            seen.setdefault(step.stretch.id, step.stretch)
    return list(seen.values())


def exercise_data(stretch: Stretch, picture: str | None = None) -> dict[str, Any]:
    """One exercise as the mapping of an `exercises:` item (or a standalone file)."""
    data: dict[str, Any] = {
        "id": stretch.id,
        "title": stretch.title,
        "summary": stretch.summary,
        "position": stretch.position,
        "instructions": list(stretch.instructions),
        "cautions": list(stretch.cautions),
        "hold": _num(stretch.hold_s),
    }
    if stretch.reps != 1:
        data["reps"] = stretch.reps
    if stretch.sides:
        data["sides"] = list(stretch.sides)
    if stretch.rest_between_s:
        data["rest_between"] = _num(stretch.rest_between_s)
    if stretch.note:
        data["note"] = stretch.note
    if picture:
        data["illustration"] = picture
    data["source"] = stretch.source or "you"
    if stretch.added:
        data["added"] = stretch.added
    return data


def step_data(step: Step) -> dict[str, Any]:
    """One step. A bundled stretch's hold and repetitions are always written, so a plan
    keeps its dose if a later BackEase changes the stretch's own; other values only when
    they differ from the exercise's."""
    data: dict[str, Any]
    if isinstance(step, StretchStep):
        stretch = step.stretch
        data = {"stretch": stretch.id}
        bundled = stretch.origin == "bundled"
        if bundled or step.hold_s != stretch.hold_s:
            data["hold"] = _num(step.hold_s)
        if bundled or step.reps != stretch.reps:
            data["reps"] = step.reps
        if step.sides != stretch.sides and step.sides:
            data["sides"] = list(step.sides)
        if step.rest_between_s != stretch.rest_between_s:
            data["rest_between"] = _num(step.rest_between_s)
    elif isinstance(step, BreatheStep):
        data = {
            "breathe": {
                "inhale": _num(step.inhale_s),
                "pause": _num(step.pause_s),
                "exhale": _num(step.exhale_s),
                "cycles": step.cycles,
            }
        }
    else:
        assert isinstance(step, RestStep)
        data = {"rest": _num(step.seconds)}
    if step.note:
        data["note"] = step.note
    return data


def routine_data(
    routine: Routine,
    exercises: Sequence[Stretch] = (),
    pictures: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The routine file's mapping; `exercises` go inline, with `pictures` (exercise id ->
    picture path relative to the file) where they have one."""
    names = pictures or {}
    data: dict[str, Any] = {"id": routine.id, "title": routine.title, "summary": routine.summary}
    if routine.get_ready_s != DEFAULT_GET_READY_S:
        data["get_ready"] = _num(routine.get_ready_s)
    if exercises:
        data["exercises"] = [exercise_data(s, names.get(s.id)) for s in exercises]
    data["steps"] = [step_data(step) for step in routine.steps]
    return data


def dump(data: Mapping[str, Any]) -> str:
    """The YAML text, block style, in the order given, with the schema line on top."""
    import yaml

    class _Indented(yaml.SafeDumper):
        """Indents a list under its key, as people write YAML by hand."""

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    body = yaml.dump(
        dict(data),
        Dumper=_Indented,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return HEADER + body
