"""The routine JSON Schema an editor checks against agrees with the loader the app uses:
what one accepts the other accepts, what one refuses the other refuses."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backease_desktop.core.content.library import validate_files
from backease_desktop.core.content.parse import LIMITS
from backease_desktop.core.content.yamlsource import read_yaml
from backease_desktop.core.plans.serialise import dump
from tests.helpers.schema import RESOURCES, bundled, plain, untitled_properties, validator, verdicts
from tests.helpers.schema import schema as schema_of

BUNDLED_ROUTINES = sorted((RESOURCES / "routines").glob("*.yaml"))


@pytest.fixture
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="backease-schema-") as folder:
        yield Path(folder) / "routine.yaml"


def _verdicts(path: Path, text: str) -> tuple[bool, bool]:
    """(schema accepts, loader accepts) for one routine file."""
    return verdicts(path, "routine", text)


# -- the schema itself -----------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = schema_of("routine")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_offers_exactly_the_bundled_stretches() -> None:
    schema = schema_of("routine")
    choices = schema["$defs"]["stretchStep"]["properties"]["stretch"]["anyOf"]
    offered = {c["const"] for c in choices if "const" in c}
    assert offered == {s.id for s in bundled().stretches}
    assert all(c.get("title") and c.get("description") for c in choices)


def test_every_property_has_a_title_and_description_for_editors() -> None:
    assert untitled_properties(schema_of("routine")) == []


@pytest.mark.parametrize("path", BUNDLED_ROUTINES, ids=lambda p: p.name)
def test_bundled_routine_validates_against_the_schema(path: Path) -> None:
    node, problems = read_yaml(path)
    assert problems == [] and node is not None
    errors = [e.message for e in validator("routine").iter_errors(plain(node))]
    assert errors == []


# -- broken routines: both refuse ------------------------------------------------------------

GOOD = """\
id: mine
title: Mine
summary: A routine.
steps:
  - stretch: cat-cow
    hold: 10
    reps: 2
    rest_between: 3
  - stretch: knee-to-chest
    sides: [right, left]
  - breathe: {inhale: 4, pause: 0, exhale: 4, cycles: 3}
    note: Slowly.
  - rest: 15
"""

BROKEN = {
    "missing title": GOOD.replace("title: Mine\n", ""),
    "missing steps": GOOD.split("steps:")[0],
    "unknown top-level key": GOOD + "colour: blue\n",
    "unknown step key": GOOD.replace("    hold: 10", "    hodl: 10"),
    "no steps": GOOD.split("steps:")[0] + "steps: []\n",
    "step of no kind": GOOD.replace("  - rest: 15", "  - note: just a note"),
    "step of two kinds": GOOD.replace("  - rest: 15", "  - rest: 15\n    stretch: cat-cow"),
    "stretch id that is no id": GOOD.replace("stretch: cat-cow", "stretch: Toe Touch"),
    "bad id": GOOD.replace("id: mine", "id: Mine Routine"),
    "id starting with a dash": GOOD.replace("id: mine", "id: -mine"),
    "id too long": GOOD.replace("id: mine", "id: " + "a" * 65),
    "empty title": GOOD.replace("title: Mine", "title: '  '"),
    "title that is a number": GOOD.replace("title: Mine", "title: 42"),
    "hold of zero": GOOD.replace("hold: 10", "hold: 0"),
    "hold under a second": GOOD.replace("hold: 10", "hold: 0.5"),
    "hold over ten minutes": GOOD.replace("hold: 10", "hold: 601"),
    "hold as text": GOOD.replace("hold: 10", "hold: '10'"),
    "hold as true": GOOD.replace("hold: 10", "hold: yes"),
    "reps of zero": GOOD.replace("reps: 2", "reps: 0"),
    "fractional reps": GOOD.replace("reps: 2", "reps: 1.5"),
    "too many reps": GOOD.replace("reps: 2", f"reps: {LIMITS.reps_max + 1}"),
    "negative rest between": GOOD.replace("rest_between: 3", "rest_between: -1"),
    "long rest between": GOOD.replace("rest_between: 3", "rest_between: 121"),
    "empty sides": GOOD.replace("sides: [right, left]", "sides: []"),
    "side twice": GOOD.replace("sides: [right, left]", "sides: [left, left]"),
    "unknown side": GOOD.replace("sides: [right, left]", "sides: [up]"),
    "sides as a word": GOOD.replace("sides: [right, left]", "sides: left"),
    "breaths missing": GOOD.replace(", cycles: 3}", "}"),
    "breaths zero": GOOD.replace("cycles: 3", "cycles: 0"),
    "over 100 breaths": GOOD.replace("cycles: 3", "cycles: 101"),
    "inhale of zero": GOOD.replace("inhale: 4", "inhale: 0"),
    "exhale too long": GOOD.replace("exhale: 4", "exhale: 31"),
    "negative pause": GOOD.replace("pause: 0", "pause: -1"),
    "unknown breathe key": GOOD.replace("cycles: 3}", "cycles: 3, hold: 2}"),
    "breathe as a number": GOOD.replace("{inhale: 4, pause: 0, exhale: 4, cycles: 3}", "3"),
    "rest of zero": GOOD.replace("rest: 15", "rest: 0"),
    "rest over ten minutes": GOOD.replace("rest: 15", "rest: 601"),
    "empty note": GOOD.replace("note: Slowly.", "note: ''"),
    "negative get ready": GOOD + "get_ready: -1\n",
    "long get ready": GOOD + "get_ready: 61\n",
    "too many steps": GOOD + "".join("  - rest: 1\n" for _ in range(LIMITS.steps_max)),
    "a list, not a mapping": "- stretch: cat-cow\n",
    "title too long": GOOD.replace("title: Mine", "title: " + "M" * 121),
    "summary too long": GOOD.replace("summary: A routine.", "summary: " + "s" * 2001),
    "note too long": GOOD.replace("note: Slowly.", "note: " + "n" * 2001),
    "on is text in YAML 1.2": GOOD.replace("rest: 15", "rest: on"),
    "a number too long to use": GOOD.replace("rest: 15", "rest: 1" + "0" * 40),
}

WITHIN = {
    "longest title": GOOD.replace("title: Mine", "title: " + "M" * 120),
    "exponent without a dot (YAML 1.2)": GOOD.replace("rest: 15", "rest: 1.5e1"),
    "exponent without a point (YAML 1.2)": GOOD.replace("rest: 15", "rest: 2e1"),
}


@pytest.mark.parametrize("case", sorted(WITHIN))
def test_limits_and_yaml_1_2_numbers_agree_in_schema_and_loader(scratch: Path, case: str) -> None:
    assert _verdicts(scratch, WITHIN[case]) == (True, True)


def test_the_good_example_passes_both(scratch: Path) -> None:
    assert _verdicts(scratch, GOOD) == (True, True)


def test_an_unknown_stretch_id_is_left_to_the_loader(scratch: Path) -> None:
    """The schema cannot know the ids of a person's own exercises (their exercises folder
    is not in the file), so only the loader refuses an id that names nothing."""
    unknown = GOOD.replace("stretch: cat-cow", "stretch: toe-touch")
    assert _verdicts(scratch, unknown) == (True, False)


# -- a routine with exercises of its own ------------------------------------------------------

OWN = GOOD.replace(
    "steps:\n",
    """\
exercises:
  - id: pelvic-tilt
    title: Pelvic tilt
    summary: Flatten your back against the floor.
    position: lying
    instructions: [Lie on your back, knees bent., Press your back down gently.]
    cautions: [Stop if it hurts.]
    hold: 5
    reps: 10
    sides: [left, right]
    rest_between: 2
    note: From the practice.
    source: Riverside Physiotherapy
    added: 2026-11-30
steps:
  - stretch: pelvic-tilt
""",
)

BROKEN_OWN = {
    "exercise without hold": OWN.replace("    hold: 5\n", ""),
    "exercise with unknown key": OWN.replace("    reps: 10", "    repz: 10"),
    "exercise position unknown": OWN.replace("position: lying", "position: upside-down"),
    "exercise hold too long": OWN.replace("hold: 5", "hold: 601"),
    "exercise with bad id": OWN.replace("id: pelvic-tilt", "id: Pelvic Tilt"),
    "exercise date not a date": OWN.replace("added: 2026-11-30", "added: last week"),
    "exercise picture not svg or png": OWN.replace(
        "    source:", "    illustration: tilt.gif\n    source:"
    ),
    "empty exercise list": OWN.split("exercises:")[0] + "exercises: []\nsteps:\n  - rest: 3\n",
    "exercise instructions empty": OWN.replace(
        "instructions: [Lie on your back, knees bent., Press your back down gently.]",
        "instructions: []",
    ),
}


def test_a_routine_with_its_own_exercise_passes_both(scratch: Path) -> None:
    assert _verdicts(scratch, OWN) == (True, True)


@pytest.mark.parametrize("case", sorted(BROKEN_OWN))
def test_a_broken_own_exercise_is_refused_by_schema_and_loader(scratch: Path, case: str) -> None:
    assert BROKEN_OWN[case] != OWN
    assert _verdicts(scratch, BROKEN_OWN[case]) == (False, False)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_routine_is_refused_by_schema_and_loader(scratch: Path, case: str) -> None:
    assert BROKEN[case] != GOOD
    assert _verdicts(scratch, BROKEN[case]) == (False, False)


# -- property: within limits both accept, outside both refuse --------------------------------

STRETCH_IDS = sorted(s.id for s in bundled().stretches)
_letters = st.characters(codec="ascii", categories=["L", "N"])
_text = st.text(alphabet=_letters, min_size=1, max_size=12) | st.sampled_from(
    ["Yes", "no", "3", "null", "A: b", "# not a comment", " padded "]
)


def _number(low: float, high: float) -> st.SearchStrategy[float | int]:
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
    whole = st.integers(int(low) if low == int(low) else int(low) + 1, int(high))
    return floats | whole


def _whole(low: int, high: int) -> st.SearchStrategy[int | float]:
    ints = st.integers(low, high)
    return ints | ints.map(float)  # 3.0 is a whole number to both


@st.composite
def _stretch_step(draw: st.DrawFn) -> dict[str, Any]:
    step: dict[str, Any] = {"stretch": draw(st.sampled_from(STRETCH_IDS))}
    optional = {
        "hold": _number(1, LIMITS.hold_max_s),
        "reps": _whole(1, LIMITS.reps_max),
        "sides": st.sampled_from([["left"], ["right"], ["left", "right"], ["right", "left"]]),
        "rest_between": _number(0, LIMITS.rest_between_max_s),
        "note": _text,
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            step[key] = draw(values)
    return step


@st.composite
def _breathe_step(draw: st.DrawFn) -> dict[str, Any]:
    pattern: dict[str, Any] = {"cycles": draw(_whole(1, LIMITS.cycles_max))}
    for key, low in (("inhale", 1), ("pause", 0), ("exhale", 1)):
        if draw(st.booleans()):
            pattern[key] = draw(_number(low, LIMITS.breath_phase_max_s))
    return {"breathe": pattern}


_rest_step = st.builds(lambda s: {"rest": s}, _number(1, LIMITS.rest_max_s))


@st.composite
def _routine(draw: st.DrawFn) -> dict[str, Any]:
    routine: dict[str, Any] = {
        "id": draw(
            st.from_regex(r"[a-z0-9][a-z0-9-]{0,63}", fullmatch=True).filter(
                lambda i: bundled().routine(i) is None  # a taken id is its own error
            )
        ),
        "title": draw(_text),
        "summary": draw(_text),
        "steps": draw(
            st.lists(_stretch_step() | _breathe_step() | _rest_step, min_size=1, max_size=6)
        ),
    }
    if draw(st.booleans()):
        routine["get_ready"] = draw(_number(0, LIMITS.get_ready_max_s))
    return routine


def _below(low: float) -> st.SearchStrategy[float | int]:
    return st.floats(max_value=low, exclude_max=True, allow_nan=False, allow_infinity=False)


def _above(high: float) -> st.SearchStrategy[float | int]:
    return st.floats(min_value=high, exclude_min=True, allow_nan=False, allow_infinity=False) | (
        st.integers(int(high) + 1, 10**9)
    )


def _not_whole(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False).filter(lambda v: not v.is_integer())


@st.composite
def _broken_routine(draw: st.DrawFn) -> dict[str, Any]:
    """A routine within limits with exactly one value pushed outside them."""
    routine = draw(_routine())
    stretch = {"stretch": draw(st.sampled_from(STRETCH_IDS))}
    breathe: dict[str, Any] = {"breathe": {"cycles": 3}}
    what = draw(
        st.sampled_from(
            [
                "hold",
                "reps",
                "rest_between",
                "get_ready",
                "cycles",
                "inhale",
                "pause",
                "exhale",
                "rest",
            ]
        )
    )
    if what == "hold":
        stretch["hold"] = draw(_below(1) | _above(LIMITS.hold_max_s))
    elif what == "reps":
        stretch["reps"] = draw(
            st.integers(-5, 0)
            | st.integers(LIMITS.reps_max + 1, 10**6)
            | _not_whole(-5, LIMITS.reps_max)
        )
    elif what == "rest_between":
        stretch["rest_between"] = draw(_below(0) | _above(LIMITS.rest_between_max_s))
    elif what == "get_ready":
        routine["get_ready"] = draw(_below(0) | _above(LIMITS.get_ready_max_s))
    elif what == "cycles":
        breathe["breathe"]["cycles"] = draw(
            st.integers(-5, 0) | _above(LIMITS.cycles_max) | _not_whole(0, LIMITS.cycles_max)
        )
    elif what in ("inhale", "exhale"):
        breathe["breathe"][what] = draw(_below(1) | _above(LIMITS.breath_phase_max_s))
    elif what == "pause":
        breathe["breathe"]["pause"] = draw(_below(0) | _above(LIMITS.breath_phase_max_s))
    else:
        routine["steps"].append({"rest": draw(_below(1) | _above(LIMITS.rest_max_s))})
    position = draw(st.integers(0, len(routine["steps"])))
    in_stretch = what in ("hold", "reps", "rest_between")
    routine["steps"].insert(position, stretch if in_stretch else breathe)
    return routine


_PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_PROPERTY
@given(_routine())
def test_routine_within_limits_passes_schema_and_loader(
    scratch: Path, routine: dict[str, Any]
) -> None:
    assert _verdicts(scratch, dump(routine, for_people=False)) == (True, True)


@_PROPERTY
@given(_broken_routine())
def test_routine_with_a_value_out_of_limits_fails_schema_and_loader(
    scratch: Path, routine: dict[str, Any]
) -> None:
    assert _verdicts(scratch, dump(routine, for_people=False)) == (False, False)


# -- a standalone exercise file -----------------------------------------------------------


def test_the_exercise_schema_has_the_fields_of_a_routines_exercises() -> None:
    routine = schema_of("routine")["$defs"]["exercise"]
    exercise = schema_of("exercise")
    jsonschema.Draft202012Validator.check_schema(exercise)
    for key in ("type", "required", "additionalProperties", "properties"):
        assert exercise[key] == routine[key], key


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        (("", ""), True),
        (("hold: 5\n", ""), False),
        (("position: lying", "position: floating"), False),
        (("reps: 10", "repz: 10"), False),
    ],
)
def test_an_exercise_file_gets_the_same_verdict_from_schema_and_loader(
    tmp_path: Path, change: tuple[str, str], valid: bool
) -> None:
    folder = tmp_path / "exercises"
    folder.mkdir()
    path = folder / "pelvic-tilt.yaml"
    text = (
        "id: pelvic-tilt\ntitle: Pelvic tilt\nsummary: Flatten your back.\nposition: lying\n"
        "instructions: [Lie on your back.]\nhold: 5\nreps: 10\nsource: you\n"
    )
    path.write_text(text.replace(*change) if change[0] else text)
    loader_ok = validate_files([path], bundled()) == []
    node, _ = read_yaml(path)
    assert node is not None
    assert (validator("exercise").is_valid(plain(node)), loader_ok) == (valid, valid)
