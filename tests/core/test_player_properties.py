"""Rules of the player that hold for every routine the content limits allow and for any
pattern of pauses and key presses: checked with hypothesis against a fake clock."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content.model import (
    BreatheStep,
    RestStep,
    Routine,
)
from backease_desktop.core.content.parse import LIMITS
from backease_desktop.core.player import (
    PhaseChanged,
    RoutineFinished,
    RoutineSession,
    SessionEvent,
    SessionSummary,
    StepFinished,
    build_phases,
    routine_duration_s,
)
from tests.helpers.player import routine, stretch

EPS = 1e-6


def seconds(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


# Durations anywhere within the content limits; counts kept small so examples stay quick.
stretch_steps = st.builds(
    stretch,
    hold_s=seconds(1.0, LIMITS.hold_max_s),
    reps=st.integers(1, 4),
    sides=st.sampled_from([(), ("left",), ("right",), ("left", "right"), ("right", "left")]),
    rest_between_s=st.one_of(st.just(0.0), seconds(0.0, LIMITS.rest_between_max_s)),
)
breath_s = seconds(1.0, LIMITS.breath_phase_max_s)
breathe_steps = st.builds(
    BreatheStep,
    inhale_s=breath_s,
    pause_s=st.one_of(st.just(0.0), breath_s),
    exhale_s=breath_s,
    cycles=st.integers(1, 6),
)
rest_steps = st.builds(RestStep, seconds=seconds(1.0, LIMITS.rest_max_s))
routines = st.builds(
    lambda steps, get_ready_s: routine(*steps, get_ready_s=get_ready_s),
    st.lists(st.one_of(stretch_steps, breathe_steps, rest_steps), min_size=1, max_size=6),
    st.one_of(st.just(0.0), seconds(0.0, LIMITS.get_ready_max_s)),
)
# (seconds running, then seconds paused) pairs
pause_schedules = st.lists(st.tuples(seconds(0.0, 900.0), seconds(0.0, 3600.0)), max_size=8)


def run_to_end(clock: FakeClock, session: RoutineSession) -> list[SessionEvent]:
    clock.advance(session.state().remaining_routine_s + 1.0)
    return session.update()


@settings(deadline=None)
@given(routines, pause_schedules)
def test_time_from_start_to_finish_is_duration_plus_time_paused(
    r: Routine, schedule: list[tuple[float, float]]
) -> None:
    clock = FakeClock()
    session = RoutineSession(r, clock)
    session.start()
    t0 = clock.monotonic()
    paused = 0.0
    for run_s, pause_s in schedule:
        clock.advance(run_s)
        session.pause()
        if session.state().finished:
            break
        clock.advance(pause_s)
        paused += pause_s
        session.resume()
    events = session.update() + run_to_end(clock, session)
    finished = events[-1]
    assert isinstance(finished, RoutineFinished)
    assert finished.at - t0 == pytest.approx(routine_duration_s(r) + paused, abs=EPS)
    assert finished.summary.paused_s == pytest.approx(paused, abs=EPS)
    assert finished.summary.active_s == pytest.approx(routine_duration_s(r), abs=EPS)


@settings(deadline=None)
@given(
    routines,
    pause_schedules,
    st.lists(seconds(0.01, 1.0), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=7),
)
def test_the_phase_at_any_instant_matches_the_plan_offsets(
    r: Routine,
    schedule: list[tuple[float, float]],
    pieces: list[float],
    update_after_piece: list[bool],
) -> None:
    phases = build_phases(r)
    total = phases[-1].end_s
    boundaries = [p.offset_s for p in phases] + [total]
    clock = FakeClock()
    session = RoutineSession(r, clock)
    session.start()
    events: list[SessionEvent] = []
    position = 0.0  # the reference: seconds of the routine run so far

    def check() -> None:
        state = session.state()
        if any(abs(position - b) < EPS for b in boundaries):
            return  # exactly on a boundary either side is right
        if position > total:
            assert state.finished
            return
        expected = next(i for i, p in enumerate(phases) if p.offset_s <= position < p.end_s)
        assert state.phase_index == expected
        assert state.remaining_phase_s == pytest.approx(phases[expected].end_s - position, abs=EPS)
        assert state.remaining_routine_s == pytest.approx(total - position, abs=EPS)

    count = 0
    for run_s, pause_s in schedule:
        # Each run goes by in uneven pieces, with update() called after some of them only.
        for piece in pieces:
            clock.advance(run_s * piece / sum(pieces))
            position += run_s * piece / sum(pieces)
            check()
            if update_after_piece[count % len(update_after_piece)]:
                events += session.update()
            count += 1
        session.pause()
        check()
        before = session.state()
        clock.advance(pause_s)
        assert session.state() == before
        session.resume()
        check()
    events += session.update() + run_to_end(clock, session)
    assert [e.index for e in events if isinstance(e, PhaseChanged)] == list(range(len(phases)))
    assert [e.step_index for e in events if isinstance(e, StepFinished)] == list(
        range(len(r.steps))
    )
    assert isinstance(events[-1], RoutineFinished)


actions = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), seconds(0.0, 200.0)),
        st.tuples(st.just("suspend"), seconds(0.0, 3600.0)),
        st.tuples(
            st.sampled_from(
                ["pause", "resume", "toggle", "skip", "back", "restart", "stop", "lock", "update"]
            ),
            st.just(0.0),
        ),
    ),
    max_size=40,
)


def check_summary(summary: SessionSummary | None) -> None:
    if summary is None:
        return
    assert not set(summary.completed_steps) & set(summary.skipped_steps)
    assert summary.paused_s >= 0.0
    assert summary.active_s >= -EPS


@settings(deadline=None)
@given(routines, actions)
def test_any_sequence_of_key_presses_keeps_the_player_consistent(
    r: Routine, steps: list[tuple[str, float]]
) -> None:
    clock = FakeClock()
    session = RoutineSession(r, clock)
    session.start()
    controls = {
        "pause": session.pause,
        "resume": session.resume,
        "toggle": session.toggle_pause,
        "skip": session.skip,
        "back": session.back,
        "restart": session.restart,
        "stop": session.stop,
        "lock": session.pause_for_lock,
    }
    announced = -1
    for action, amount in steps:
        if action == "advance":
            clock.advance(amount)
        elif action == "suspend":
            clock.suspend(amount)
        elif action in controls:
            controls[action]()
        for event in session.update():
            if isinstance(event, PhaseChanged):
                announced = event.index
        state = session.state()
        check_summary(session.summary())
        assert 0.0 <= state.remaining_phase_s <= state.phase.duration_s
        assert 0.0 <= state.phase_fraction <= 1.0
        assert state.remaining_phase_s <= state.remaining_step_s + EPS
        assert state.remaining_step_s <= state.remaining_routine_s + EPS
        deadline = session.next_deadline()
        running = state.started and not (state.paused or state.finished or state.stopped)
        assert (deadline is not None) == running
        if deadline is not None:
            now = clock.monotonic()
            assert deadline - now == pytest.approx(state.remaining_phase_s, abs=EPS)
            change = session.next_countdown_change()
            assert change is not None
            assert now - EPS <= change <= min(deadline, now + 1.0) + EPS
        if not state.finished:
            assert state.phase_index == announced  # what the UI was told is what it shows
