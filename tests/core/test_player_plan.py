"""The plan: which phases a routine becomes, in what order, for how long, with which cues."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backease_desktop.core.content.model import (
    BreathePattern,
    BreatheStep,
    RestStep,
    Routine,
    Side,
    StretchStep,
)
from backease_desktop.core.content.parse import LIMITS
from backease_desktop.core.player import (
    MIN_PHASE_S,
    SWITCH_SIDES_S,
    Phase,
    PhaseKind,
    build_phases,
    routine_duration_s,
    seconds_text,
)
from tests.helpers.player import breathe, routine, stretch

K = PhaseKind


def shape(phases: tuple[Phase, ...]) -> list[tuple[PhaseKind, float, Side | None, int | None]]:
    return [(p.kind, p.duration_s, p.side, p.rep) for p in phases]


def test_get_ready_comes_before_every_stretch_step() -> None:
    phases = build_phases(routine(stretch("A"), breathe(), stretch("B")))
    ready = [p for p in phases if p.kind is K.GET_READY]
    assert [(p.title, p.duration_s) for p in ready] == [("A", 5.0), ("B", 5.0)]
    assert phases[0].kind is K.GET_READY
    assert phases[1].kind is K.HOLD


def test_get_ready_uses_the_routine_setting() -> None:
    phases = build_phases(routine(stretch(), get_ready_s=12.0))
    assert shape(phases) == [(K.GET_READY, 12.0, None, None), (K.HOLD, 20.0, None, 1)]


def test_no_get_ready_when_the_routine_sets_zero() -> None:
    phases = build_phases(routine(stretch(), get_ready_s=0.0))
    assert [p.kind for p in phases] == [K.HOLD]


def test_breathing_and_rest_steps_have_no_get_ready() -> None:
    phases = build_phases(routine(breathe(), RestStep(30.0)))
    assert K.GET_READY not in [p.kind for p in phases]


def test_both_sides_run_first_side_reps_then_switch_then_second_side_reps() -> None:
    step = stretch(hold_s=20.0, reps=2, sides=("left", "right"), rest_between_s=5.0)
    assert shape(build_phases(routine(step))) == [
        (K.GET_READY, 5.0, "left", None),
        (K.HOLD, 20.0, "left", 1),
        (K.REST_BETWEEN, 5.0, "left", 1),
        (K.HOLD, 20.0, "left", 2),
        (K.SWITCH_SIDES, SWITCH_SIDES_S, "right", None),
        (K.HOLD, 20.0, "right", 1),
        (K.REST_BETWEEN, 5.0, "right", 1),
        (K.HOLD, 20.0, "right", 2),
    ]


def test_side_order_follows_the_step() -> None:
    phases = build_phases(routine(stretch(sides=("right", "left"))))
    assert [(p.kind, p.side) for p in phases] == [
        (K.GET_READY, "right"),
        (K.HOLD, "right"),
        (K.SWITCH_SIDES, "left"),
        (K.HOLD, "left"),
    ]


def test_switching_sides_takes_five_seconds() -> None:
    phases = build_phases(routine(stretch(sides=("left", "right"))))
    assert SWITCH_SIDES_S == 5.0
    assert [p.duration_s for p in phases if p.kind is K.SWITCH_SIDES] == [5.0]


def test_one_sided_stretch_has_no_switch() -> None:
    phases = build_phases(routine(stretch(reps=2, sides=("left",))))
    assert [(p.kind, p.side) for p in phases] == [
        (K.GET_READY, "left"),
        (K.HOLD, "left"),
        (K.HOLD, "left"),
    ]


def test_symmetric_stretch_has_no_side() -> None:
    phases = build_phases(routine(stretch(reps=3, rest_between_s=2.0)))
    assert {p.side for p in phases} == {None}
    assert [(p.kind, p.rep, p.reps) for p in phases[1:]] == [
        (K.HOLD, 1, 3),
        (K.REST_BETWEEN, 1, 3),
        (K.HOLD, 2, 3),
        (K.REST_BETWEEN, 2, 3),
        (K.HOLD, 3, 3),
    ]


def test_no_rest_between_repetitions_when_it_is_zero() -> None:
    phases = build_phases(routine(stretch(reps=3, rest_between_s=0.0)))
    assert [p.kind for p in phases] == [K.GET_READY, K.HOLD, K.HOLD, K.HOLD]


def test_no_rest_between_sides_only_the_switch() -> None:
    phases = build_phases(routine(stretch(reps=1, sides=("left", "right"), rest_between_s=9.0)))
    assert K.REST_BETWEEN not in [p.kind for p in phases]


def test_breathing_with_the_default_pattern_is_5_1_3_seconds_per_cycle() -> None:
    phases = build_phases(routine(breathe(cycles=3)))
    assert [(p.kind, p.duration_s, p.cycle, p.cycles) for p in phases[:3]] == [
        (K.BREATHE_IN, 5.0, 1, 3),
        (K.BREATHE_PAUSE, 1.0, 1, 3),
        (K.BREATHE_OUT, 3.0, 1, 3),
    ]
    boundaries = [p.end_s for p in phases]
    assert boundaries == [5.0, 6.0, 9.0, 14.0, 15.0, 18.0, 23.0, 24.0, 27.0]
    assert [p.cycle for p in phases] == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_breathing_without_a_pause_has_no_pause_phase() -> None:
    phases = build_phases(routine(breathe(cycles=2, pattern=BreathePattern(4.0, 0.0, 6.0))))
    assert shape(phases) == [
        (K.BREATHE_IN, 4.0, None, None),
        (K.BREATHE_OUT, 6.0, None, None),
        (K.BREATHE_IN, 4.0, None, None),
        (K.BREATHE_OUT, 6.0, None, None),
    ]


def test_rest_step_is_one_rest_phase() -> None:
    phases = build_phases(routine(RestStep(45.0)))
    assert shape(phases) == [(K.REST, 45.0, None, None)]
    assert phases[0].title == "Rest"


def test_phases_are_numbered_by_their_step() -> None:
    phases = build_phases(routine(stretch(), breathe(cycles=2), RestStep(10.0)))
    assert [p.step_index for p in phases] == [0, 0, 1, 1, 1, 1, 1, 1, 2]


def test_each_phase_starts_where_the_previous_one_ends() -> None:
    phases = build_phases(routine(stretch(reps=2, sides=("left", "right")), breathe(2)))
    assert phases[0].offset_s == 0.0
    assert all(a.end_s == b.offset_s for a, b in pairwise(phases))


def test_get_ready_cue_names_the_stretch_and_first_side() -> None:
    phases = build_phases(routine(stretch("Knee to chest", sides=("left", "right"))))
    assert phases[0].cue == "Get ready: Knee to chest, left side"


def test_get_ready_cue_for_a_symmetric_stretch_has_no_side() -> None:
    assert build_phases(routine(stretch("Cat-cow")))[0].cue == "Get ready: Cat-cow"


def test_hold_cue_says_how_long() -> None:
    assert build_phases(routine(stretch(hold_s=20.0)))[1].cue == "Hold for 20 seconds"


def test_hold_cue_counts_repetitions_when_there_are_several() -> None:
    phases = build_phases(routine(stretch(hold_s=8.0, reps=2)))
    assert [p.cue for p in phases if p.kind is K.HOLD] == [
        "Hold for 8 seconds (1 of 2)",
        "Hold for 8 seconds (2 of 2)",
    ]


def test_switch_rest_and_breathing_cues() -> None:
    phases = build_phases(
        routine(
            stretch(reps=2, sides=("left", "right"), rest_between_s=3.0),
            breathe(),
            RestStep(10.0),
        )
    )
    cues = {p.kind: p.cue for p in phases}
    assert cues[K.SWITCH_SIDES] == "Switch to the right side"
    assert cues[K.REST_BETWEEN] == "Rest"
    assert cues[K.BREATHE_IN] == "Breathe in"
    assert cues[K.BREATHE_PAUSE] == "Pause"
    assert cues[K.BREATHE_OUT] == "Breathe out"
    assert cues[K.REST] == "Rest"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1.0, "1 second"), (20.0, "20 seconds"), (2.5, "2.5 seconds"), (600.0, "600 seconds")],
)
def test_seconds_are_spoken_naturally(seconds: float, text: str) -> None:
    assert seconds_text(seconds) == text


def test_routine_duration_includes_get_ready_and_side_switches() -> None:
    sample = routine(
        stretch(hold_s=20.0, reps=2, sides=("left", "right"), rest_between_s=5.0),
        breathe(cycles=2),
        RestStep(10.0),
        stretch("Cat-cow", hold_s=8.0),
    )
    assert routine_duration_s(sample) == 100.0 + 18.0 + 10.0 + 13.0


def test_an_empty_routine_takes_no_time() -> None:
    assert routine_duration_s(routine()) == 0.0


def test_a_step_that_takes_no_time_is_refused() -> None:
    with pytest.raises(ValueError, match="step 2"):
        build_phases(routine(RestStep(5.0), RestStep(0.0)))


def test_a_stretch_with_no_hold_is_refused_even_with_get_ready() -> None:
    with pytest.raises(ValueError, match="takes no time"):
        build_phases(routine(stretch(hold_s=0.0)))


def test_a_phase_too_short_to_notice_is_left_out() -> None:
    phases = build_phases(routine(stretch(reps=2, rest_between_s=0.0004), get_ready_s=1e-9))
    assert [p.kind for p in phases] == [K.HOLD, K.HOLD]
    assert MIN_PHASE_S == 0.001


def test_a_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError):
        build_phases(routine(RestStep(-1.0)))


# -- property: the plan's length agrees with the content model's own arithmetic ----------

seconds = st.floats(min_value=1.0, max_value=LIMITS.hold_max_s, allow_nan=False)
stretch_steps = st.builds(
    stretch,
    hold_s=seconds,
    reps=st.integers(1, 6),
    sides=st.sampled_from([(), ("left",), ("right",), ("left", "right"), ("right", "left")]),
    rest_between_s=st.floats(0.0, LIMITS.rest_between_max_s, allow_nan=False),
)
breath_s = st.floats(1.0, LIMITS.breath_phase_max_s, allow_nan=False)
breathe_steps = st.builds(
    BreatheStep,
    inhale_s=breath_s,
    pause_s=st.one_of(st.just(0.0), breath_s),
    exhale_s=breath_s,
    cycles=st.integers(1, 8),
)
rest_steps = st.builds(RestStep, seconds=st.floats(1.0, LIMITS.rest_max_s, allow_nan=False))
routines = st.builds(
    lambda steps, ready: routine(*steps, get_ready_s=ready),
    st.lists(st.one_of(stretch_steps, breathe_steps, rest_steps), min_size=1, max_size=8),
    st.one_of(st.just(0.0), st.floats(0.5, LIMITS.get_ready_max_s, allow_nan=False)),
)


@given(routines)
def test_plan_length_is_steps_plus_get_ready_plus_switches(r: Routine) -> None:
    stretches = [s for s in r.steps if isinstance(s, StretchStep)]
    switches = sum(max(0, len(s.sides) - 1) for s in stretches)
    expected = r.steps_duration_s + r.get_ready_s * len(stretches) + SWITCH_SIDES_S * switches
    # Phases under MIN_PHASE_S are left out: at most a few milliseconds in all.
    assert routine_duration_s(r) == pytest.approx(expected, rel=1e-12, abs=0.05)


@given(routines)
def test_every_step_appears_once_in_order(r: Routine) -> None:
    phases = build_phases(r)
    steps_in_order = [p.step_index for p in phases]
    assert steps_in_order == sorted(steps_in_order)
    assert set(steps_in_order) == set(range(len(r.steps)))
    assert all(p.duration_s > 0 for p in phases)
