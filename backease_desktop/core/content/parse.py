"""Builds model objects from YAML trees, one function per kind of content file.

Every limit a person could get wrong in a routine file lives here, next to the field it
guards, so the loader, the CLI's --validate and the JSON Schema tests agree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.fields import MappingReader
from backease_desktop.core.content.model import (
    BreathePattern,
    BreatheStep,
    RedFlag,
    RedFlagGroup,
    RedFlags,
    RestStep,
    Routine,
    Section,
    Side,
    Step,
    Stretch,
    StretchStep,
    Tier,
    Topic,
)
from backease_desktop.core.content.yamlsource import YNode


@dataclass(frozen=True)
class Limits:
    """The bounds of every duration and count (seconds unless named otherwise)."""

    hold_max_s: float = 600.0  # a hold longer than 10 minutes is not a stretch
    rest_max_s: float = 600.0
    rest_between_max_s: float = 120.0
    get_ready_max_s: float = 60.0
    breath_phase_max_s: float = 30.0
    cycles_max: int = 100
    reps_max: int = 50
    steps_max: int = 200


LIMITS = Limits()
POSITIONS = ("lying", "kneeling", "all-fours", "seated", "standing")
SIDES: tuple[Side, ...] = ("left", "right")
STEP_KINDS = ("stretch", "breathe", "rest")


def _root(node: YNode, path: Path, errors: list[ContentError]) -> MappingReader | None:
    if not isinstance(node.value, dict):
        errors.append(
            ContentError(
                path,
                node.line,
                node.column,
                "(file)",
                f"expected a mapping of keys to values at the top, got {node.kind}",
            )
        )
        return None
    return MappingReader(node, path, "", errors)


def parse_topic(node: YNode, path: Path, errors: list[ContentError]) -> Topic | None:
    doc = _root(node, path, errors)
    if doc is None:
        return None
    before = len(errors)
    topic_id = doc.identifier("id")
    title = doc.text("title")
    icon = doc.text("icon", required=False, default="topic")
    order = doc.whole("order", 0, 10_000, unit="(sort position)", required=False, default=500)
    summary = doc.text("summary")
    sections: list[Section] = []
    for index, item in enumerate(doc.sequence("sections") or []):
        sec = doc.child(item, f"sections[{index}]")
        if sec is None:
            continue
        heading = sec.text("heading")
        paragraphs = sec.text_list("paragraphs", required=False)
        bullets = sec.text_list("bullets", required=False)
        if not paragraphs and not bullets and sec.has("heading"):
            sec.error_at(item, sec.prefix, "a section needs paragraphs, bullets or both")
        sec.finish()
        if heading is not None:
            sections.append(Section(heading, paragraphs or (), bullets or ()))
    stretch_ids = doc.text_list("stretches", required=False)
    routine_ids = doc.text_list("routines", required=False)
    doc.finish()
    if len(errors) > before or topic_id is None or title is None or summary is None:
        return None
    return Topic(
        id=topic_id,
        title=title,
        icon=icon or "topic",
        order=order if order is not None else 500,
        summary=summary,
        sections=tuple(sections),
        stretch_ids=stretch_ids or (),
        routine_ids=routine_ids or (),
    )


def _sides(reader: MappingReader, key: str = "sides") -> tuple[Side, ...] | None:
    """Returns (), a tuple of sides, or None when the value is wrong (error recorded)."""
    node = reader.raw(key, required=False)
    if node is None:
        return ()
    name = reader.field_name(key)
    if not isinstance(node.value, list) or not node.value:
        reader.error_at(node, name, "expected a list such as [left, right]")
        return None
    sides: list[Side] = []
    for index, item in enumerate(node.value):
        if item.value not in SIDES:
            reader.error_at(item, f"{name}[{index}]", f"expected left or right, got {item.value!r}")
            return None
        if item.value in sides:
            reader.error_at(item, f"{name}[{index}]", f"'{item.value}' is listed twice")
            return None
        sides.append(item.value)
    return tuple(sides)


def parse_stretch(node: YNode, path: Path, errors: list[ContentError]) -> Stretch | None:
    doc = _root(node, path, errors)
    if doc is None:
        return None
    before = len(errors)
    stretch_id = doc.identifier("id")
    title = doc.text("title")
    summary = doc.text("summary")
    position = doc.text("position")
    if position is not None and position not in POSITIONS:
        doc.error_at(
            doc.raw("position") or doc.node,
            "position",
            f"expected one of {', '.join(POSITIONS)}, got '{position}'",
        )
    illustration = doc.text("illustration")
    description = doc.text("description")
    instructions = doc.text_list("instructions")
    cautions = doc.text_list("cautions")
    hold = doc.number("hold", 1, LIMITS.hold_max_s)
    reps = doc.whole("reps", 1, LIMITS.reps_max, unit="repetitions", required=False, default=1)
    sides = _sides(doc)
    rest_between = doc.number(
        "rest_between", 0, LIMITS.rest_between_max_s, required=False, default=0.0, allow_zero=True
    )
    note = doc.text("note", required=False)
    doc.finish()
    if len(errors) > before:
        return None
    assert stretch_id and title and summary and position and illustration and description
    assert instructions and cautions and hold is not None and sides is not None
    return Stretch(
        id=stretch_id,
        title=title,
        summary=summary,
        position=position,
        illustration=illustration,
        instructions=instructions,
        cautions=cautions,
        hold_s=hold,
        reps=reps or 1,
        sides=sides,
        rest_between_s=rest_between or 0.0,
        note=note or "",
        description=description,
    )


def parse_routine(
    node: YNode,
    path: Path,
    errors: list[ContentError],
    stretches: Mapping[str, Stretch],
    breathing: BreathePattern,
    bundled: bool = False,
) -> Routine | None:
    doc = _root(node, path, errors)
    if doc is None:
        return None
    before = len(errors)
    routine_id = doc.identifier("id")
    title = doc.text("title")
    summary = doc.text("summary")
    get_ready = doc.number(
        "get_ready", 0, LIMITS.get_ready_max_s, required=False, default=5.0, allow_zero=True
    )
    steps: list[Step] = []
    items = doc.sequence("steps")
    if items is not None and not items:
        doc.error_at(doc.raw("steps") or doc.node, "steps", "a routine needs at least one step")
    if items is not None and len(items) > LIMITS.steps_max:
        doc.error_at(
            doc.raw("steps") or doc.node,
            "steps",
            f"{len(items)} steps is too many (at most {LIMITS.steps_max})",
        )
        items = []
    for index, item in enumerate(items or []):
        step = _parse_step(doc, item, f"steps[{index}]", stretches, breathing)
        if step is not None:
            steps.append(step)
    doc.finish()
    if len(errors) > before:
        return None
    assert routine_id and title and summary and get_ready is not None
    return Routine(
        id=routine_id,
        title=title,
        summary=summary,
        steps=tuple(steps),
        get_ready_s=get_ready,
        source=path,
        bundled=bundled,
    )


def _parse_step(
    doc: MappingReader,
    item: YNode,
    field: str,
    stretches: Mapping[str, Stretch],
    breathing: BreathePattern,
) -> Step | None:
    """One step of a routine: exactly one of stretch, breathe or rest, each read by its
    own function below; None (with the reasons in the errors) when it has problems."""
    step = doc.child(item, field)
    if step is None:
        return None
    kinds = [k for k in STEP_KINDS if step.has(k)]
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none of them"
        step.error_at(
            item, field, f"a step is exactly one of stretch, breathe or rest; found {found}"
        )
        return None
    before = len(step.errors)
    note = step.text("note", required=False) or ""
    result: Step | None
    if kinds[0] == "stretch":
        result = _stretch_step(step, item, field, stretches, note)
    elif kinds[0] == "breathe":
        result = _breathe_step(step, breathing, note)
    else:
        result = _rest_step(step, note)
    step.finish()
    return result if len(step.errors) == before else None


def _stretch_step(
    step: MappingReader, item: YNode, field: str, stretches: Mapping[str, Stretch], note: str
) -> StretchStep | None:
    """A bundled stretch with the routine's own hold, reps, sides and rest, or its own."""
    before = len(step.errors)
    stretch_id = step.text("stretch")
    stretch = stretches.get(stretch_id) if stretch_id else None
    if stretch_id and stretch is None:
        known = ", ".join(sorted(stretches)) or "none loaded"
        step.error_at(
            step.raw("stretch") or item,
            f"{field}.stretch",
            f"no stretch has the id '{stretch_id}' (known: {known})",
        )
    hold = step.number("hold", 1, LIMITS.hold_max_s, required=False)
    reps = step.whole("reps", 1, LIMITS.reps_max, unit="repetitions", required=False)
    sides = _sides(step)
    rest_between = step.number(
        "rest_between", 0, LIMITS.rest_between_max_s, required=False, allow_zero=True
    )
    if stretch is None or sides is None or len(step.errors) != before:
        return None
    return StretchStep(
        stretch=stretch,
        hold_s=hold if hold is not None else stretch.hold_s,
        reps=reps if reps is not None else stretch.reps,
        sides=sides if step.has("sides") else stretch.sides,
        rest_between_s=rest_between if rest_between is not None else stretch.rest_between_s,
        note=note,
    )


def _breathe_step(step: MappingReader, breathing: BreathePattern, note: str) -> BreatheStep | None:
    """Paced breathing; a phase left out takes the app's pattern (breathing.yaml)."""
    before = len(step.errors)
    pattern = step.mapping("breathe")
    if pattern is None:
        return None
    limit = LIMITS.breath_phase_max_s
    inhale = pattern.number("inhale", 1, limit, required=False, default=breathing.inhale_s)
    pause = pattern.number(
        "pause", 0, limit, required=False, default=breathing.pause_s, allow_zero=True
    )
    exhale = pattern.number("exhale", 1, limit, required=False, default=breathing.exhale_s)
    cycles = pattern.whole("cycles", 1, LIMITS.cycles_max, unit="cycles")
    pattern.finish()
    if len(step.errors) != before:
        return None
    assert inhale is not None and pause is not None and exhale is not None
    assert cycles is not None
    return BreatheStep(inhale, pause, exhale, cycles, note)


def _rest_step(step: MappingReader, note: str) -> RestStep | None:
    seconds = step.number("rest", 1, LIMITS.rest_max_s)
    return None if seconds is None else RestStep(seconds, note)


RED_FLAG_GROUPS: tuple[tuple[str, Tier, bool], ...] = (
    ("emergency", "emergency", False),
    ("soon", "soon", False),
    ("standing", "soon", True),
)
RED_FLAG_SIGNS_MAX = 40


def parse_red_flags(node: YNode, path: Path, errors: list[ContentError]) -> RedFlags | None:
    """Reads the three groups of warning signs. Any error rejects the whole file: a partial
    list would let the check before a routine pass signs it never asked about."""
    doc = _root(node, path, errors)
    if doc is None:
        return None
    before = len(errors)
    banner = doc.text("banner")
    intro = doc.text("intro")
    groups: dict[str, RedFlagGroup] = {}
    seen: set[str] = set()
    for key, tier, standing in RED_FLAG_GROUPS:
        group = doc.mapping(key)
        if group is None:
            continue
        heading = group.text("heading")
        advice = group.text("advice")
        items = group.sequence("signs") or []
        if not items and group.has("signs"):
            group.error_at(
                group.raw("signs") or group.node, f"{key}.signs", "needs one sign or more"
            )
        if len(items) > RED_FLAG_SIGNS_MAX:
            group.error_at(
                group.raw("signs") or group.node,
                f"{key}.signs",
                f"{len(items)} signs is too many (at most {RED_FLAG_SIGNS_MAX})",
            )
            items = []
        signs: list[RedFlag] = []
        for index, item in enumerate(items):
            entry = group.child(item, f"{key}.signs[{index}]")
            if entry is None:
                continue
            flag_id = entry.identifier("id")
            text = entry.text("text")
            source = entry.text("source")
            entry.finish()
            if flag_id in seen:
                entry.error_at(item, entry.field_name("id"), f"'{flag_id}' is used twice")
            if flag_id and text and source:
                seen.add(flag_id)
                signs.append(RedFlag(flag_id, text, tier, standing, source))
        group.finish()
        groups[key] = RedFlagGroup(heading or "", advice or "", tuple(signs))
    doc.finish()
    if len(errors) > before:
        return None
    assert banner and intro
    return RedFlags(banner=banner, intro=intro, **groups)


def parse_breathing(node: YNode, path: Path, errors: list[ContentError]) -> BreathePattern | None:
    doc = _root(node, path, errors)
    if doc is None:
        return None
    before = len(errors)
    inhale = doc.number("inhale", 1, LIMITS.breath_phase_max_s)
    pause = doc.number("pause", 0, LIMITS.breath_phase_max_s, allow_zero=True)
    exhale = doc.number("exhale", 1, LIMITS.breath_phase_max_s)
    guidance = doc.text_list("guidance", required=False)
    doc.finish()
    if len(errors) > before:
        return None
    assert inhale is not None and pause is not None and exhale is not None
    return BreathePattern(inhale, pause, exhale, guidance or ())
