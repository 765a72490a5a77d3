"""The session: what a person following a routine sees at each instant, and what the
controls, sleep and screen locks do to it. Every test moves a fake clock."""

from __future__ import annotations

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content.model import (
    BreathePattern,
    BreatheStep,
    RestStep,
    Routine,
)
from backease_desktop.core.player import (
    Paused,
    PauseReason,
    PhaseChanged,
    PhaseKind,
    Resumed,
    RoutineFinished,
    RoutineSession,
    RoutineStopped,
    SessionEvent,
    Started,
    StepFinished,
    StepSkipped,
)
from tests.helpers.player import T0, routine, stretch

K = PhaseKind
WALL0 = 1_767_225_600.0  # and its wall start


def sample_routine() -> Routine:
    """141 s: a two-sided stretch with repetitions, breathing, a rest, a short stretch."""
    pattern = BreathePattern()
    return routine(
        stretch("Knee to chest", hold_s=20.0, reps=2, sides=("left", "right"), rest_between_s=5.0),
        BreatheStep(pattern.inhale_s, pattern.pause_s, pattern.exhale_s, cycles=2),
        RestStep(10.0),
        stretch("Cat-cow", hold_s=8.0),
        routine_id="sample",
        title="Sample",
    )


# The sample's plan, written out by hand: (kind, start offset, step).
SAMPLE = [
    (K.GET_READY, 0.0, 0),
    (K.HOLD, 5.0, 0),
    (K.REST_BETWEEN, 25.0, 0),
    (K.HOLD, 30.0, 0),
    (K.SWITCH_SIDES, 50.0, 0),
    (K.HOLD, 55.0, 0),
    (K.REST_BETWEEN, 75.0, 0),
    (K.HOLD, 80.0, 0),
    (K.BREATHE_IN, 100.0, 1),
    (K.BREATHE_PAUSE, 105.0, 1),
    (K.BREATHE_OUT, 106.0, 1),
    (K.BREATHE_IN, 109.0, 1),
    (K.BREATHE_PAUSE, 114.0, 1),
    (K.BREATHE_OUT, 115.0, 1),
    (K.REST, 118.0, 2),
    (K.GET_READY, 128.0, 3),
    (K.HOLD, 133.0, 3),
]
TOTAL = 141.0
ENDS = [start for _, start, _ in SAMPLE[1:]] + [TOTAL]
STEP_FIRST = [0, 8, 14, 15]
MIDDLES = [(start + end) / 2 for (_, start, _), end in zip(SAMPLE, ENDS, strict=True)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(monotonic=T0, wall=WALL0)


@pytest.fixture
def session(clock: FakeClock) -> RoutineSession:
    return RoutineSession(sample_routine(), clock)


def start(session: RoutineSession) -> RoutineSession:
    session.start()
    session.update()
    return session


def go_to(clock: FakeClock, session: RoutineSession, plan_s: float) -> list[SessionEvent]:
    """Moves time on to `plan_s` seconds after T0 and returns what update() reports."""
    clock.advance(T0 + plan_s - clock.monotonic())
    return session.update()


def changes(events: list[SessionEvent]) -> list[int]:
    return [e.index for e in events if isinstance(e, PhaseChanged)]


def finish(clock: FakeClock, session: RoutineSession) -> list[SessionEvent]:
    """Runs to the end by following next_deadline, as the UI's timer would."""
    events: list[SessionEvent] = []
    while (deadline := session.next_deadline()) is not None:
        clock.advance(max(0.0, deadline - clock.monotonic()))
        events += session.update()
    return events


# -- before and at the start -------------------------------------------------------------


def test_before_start_it_shows_the_first_phase_with_its_full_time(
    session: RoutineSession,
) -> None:
    state = session.state()
    assert (state.started, state.phase.kind, state.remaining_phase_s) == (False, K.GET_READY, 5.0)
    assert state.remaining_routine_s == TOTAL
    assert session.next_deadline() is None
    assert session.update() == []


def test_time_does_not_run_before_start(clock: FakeClock, session: RoutineSession) -> None:
    clock.advance(60.0)
    assert session.state().remaining_phase_s == 5.0


def test_start_announces_the_run_and_its_first_phase(session: RoutineSession) -> None:
    session.start()
    events = session.update()
    assert events == [
        Started(T0, WALL0),
        PhaseChanged(0, session.phases[0], T0, WALL0),
    ]


def test_starting_twice_changes_nothing(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    clock.advance(3.0)
    session.start()
    assert session.update() == []
    assert session.state().remaining_phase_s == 2.0


def test_a_routine_without_steps_cannot_be_played(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="no steps"):
        RoutineSession(routine(), clock)


# -- running -----------------------------------------------------------------------------


def test_remaining_time_is_the_deadline_minus_now(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(2.25)
    assert session.next_deadline() == T0 + 5.0
    assert session.state().remaining_phase_s == 2.75


def test_following_the_deadlines_visits_every_phase_once_in_order(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    events = finish(clock, session)
    assert changes(events) == list(range(1, len(SAMPLE)))
    assert [e.phase.kind for e in events if isinstance(e, PhaseChanged)] == [
        kind for kind, _, _ in SAMPLE[1:]
    ]


def test_each_phase_begins_at_its_planned_offset(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    events = finish(clock, session)
    starts = [e.at - T0 for e in events if isinstance(e, PhaseChanged)]
    assert starts == [start for _, start, _ in SAMPLE[1:]]


def test_the_routine_finishes_at_its_total_duration(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    events = finish(clock, session)
    assert isinstance(events[-1], RoutineFinished)
    assert events[-1].at == T0 + TOTAL
    assert session.state().finished


def test_each_step_is_reported_finished_before_the_next_begins(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    events = finish(clock, session)
    order = [
        ("step", e.step_index) if isinstance(e, StepFinished) else ("phase", e.index)
        for e in events
        if isinstance(e, StepFinished | PhaseChanged)
    ]
    assert order.index(("step", 0)) == order.index(("phase", 8)) - 1
    assert order.index(("step", 1)) == order.index(("phase", 14)) - 1
    assert order.index(("step", 2)) == order.index(("phase", 15)) - 1
    assert [e.step_index for e in events if isinstance(e, StepFinished)] == [0, 1, 2, 3]


def test_the_last_instant_before_a_boundary_is_still_the_old_phase(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 4.999)
    assert session.state().phase.kind is K.GET_READY
    go_to(clock, session, 5.0)
    assert session.state().phase.kind is K.HOLD
    assert session.state().remaining_phase_s == 20.0


@pytest.mark.parametrize("cycle", [0, 1, 2])
def test_breathing_changes_at_5_6_and_9_seconds_into_each_cycle(
    clock: FakeClock, cycle: int
) -> None:
    pattern = BreathePattern()
    breathing = RoutineSession(
        routine(BreatheStep(pattern.inhale_s, pattern.pause_s, pattern.exhale_s, 3)), clock
    )
    start(breathing)
    base = 9.0 * cycle
    expected = [
        (0.0, K.BREATHE_IN),
        (4.99, K.BREATHE_IN),
        (5.0, K.BREATHE_PAUSE),
        (5.99, K.BREATHE_PAUSE),
        (6.0, K.BREATHE_OUT),
        (8.99, K.BREATHE_OUT),
    ]
    for into_cycle, kind in expected:
        state = breathing.state(T0 + base + into_cycle)
        assert (state.phase.kind, state.cycle, state.cycles) == (kind, cycle + 1, 3)
    after = breathing.state(T0 + base + 9.0)
    assert (
        after.finished
        if cycle == 2
        else (after.phase.kind, after.cycle) == (K.BREATHE_IN, 2 + cycle)
    )


def test_state_knows_step_side_repetition_and_what_comes_next(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 31.0)
    state = session.state()
    assert (state.step_index, state.step_count, state.side, state.rep, state.reps) == (
        0,
        4,
        "left",
        2,
        2,
    )
    assert state.title == "Knee to chest"
    assert state.remaining_phase_s == 19.0
    assert state.remaining_step_s == 69.0
    assert state.remaining_routine_s == 110.0
    assert state.elapsed_routine_s == 31.0
    assert state.total_s == TOTAL
    assert state.next_phase is not None and state.next_phase.kind is K.SWITCH_SIDES
    assert state.next_step_title == "Slow breathing"


def test_state_counts_breathing_cycles(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 110.0)
    state = session.state()
    assert (state.phase.kind, state.cycle, state.cycles, state.remaining_step_s) == (
        K.BREATHE_IN,
        2,
        2,
        8.0,
    )
    assert state.cue == "Breathe in"


def test_the_last_step_has_nothing_after_it(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 135.0)
    state = session.state()
    assert (state.next_phase, state.next_step_title) == (None, None)


def test_phase_fraction_runs_from_zero_to_one(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    assert [session.state(T0 + 5.0 + t).phase_fraction for t in (0.0, 5.0, 10.0, 19.0)] == [
        0.0,
        0.25,
        0.5,
        0.95,
    ]


def test_state_is_the_same_however_often_it_is_asked() -> None:
    busy_clock, quiet_clock = FakeClock(), FakeClock()
    busy, quiet = (
        RoutineSession(sample_routine(), busy_clock),
        RoutineSession(sample_routine(), quiet_clock),
    )
    start(busy)
    start(quiet)
    for _ in range(1000):
        busy_clock.advance(0.087)
        busy.state()
    quiet_clock.advance(87.0)
    assert busy_clock.monotonic() == pytest.approx(quiet_clock.monotonic(), abs=1e-9)
    assert busy.state() == quiet.state(busy_clock.monotonic())


def test_a_twenty_minute_routine_ends_on_time_after_thousands_of_updates(clock: FakeClock) -> None:
    long = routine(
        *(
            stretch(f"S{i}", hold_s=30.0, reps=3, sides=("left", "right"), rest_between_s=7.0)
            for i in range(6)
        ),
        RestStep(60.0),
    )
    session = start(RoutineSession(long, clock))
    duration = session.total_s
    assert duration > 20 * 60
    finished_at = None
    # A jittery event loop: ticks of 13 ms to 2.9 s, never landing on a boundary on purpose.
    ticks = [0.013, 0.25, 1.0, 2.9, 0.7]
    step = 0
    while finished_at is None:
        clock.advance(ticks[step % len(ticks)])
        step += 1
        for event in session.update():
            if isinstance(event, RoutineFinished):
                finished_at = event.at
    assert step > 1000
    assert finished_at == pytest.approx(T0 + duration, abs=1e-9)


@pytest.mark.parametrize(
    ("at", "change"), [(0.0, 1.0), (0.3, 1.0), (1.0, 2.0), (3.99, 4.0), (4.5, 5.0), (30.2, 31.0)]
)
def test_a_whole_second_countdown_changes_on_the_second(
    clock: FakeClock, session: RoutineSession, at: float, change: float
) -> None:
    start(session)
    go_to(clock, session, at)
    assert session.next_countdown_change() == pytest.approx(T0 + change, abs=1e-9)


def test_a_paused_countdown_does_not_change(session: RoutineSession) -> None:
    start(session)
    session.pause()
    assert session.next_countdown_change() is None


# -- pause and resume ----------------------------------------------------------------------


@pytest.mark.parametrize("at", [0.0, 0.5, 4.999, 5.0, 27.3, 52.0, 104.9, 117.25, 140.5])
def test_pause_keeps_remaining_time(clock: FakeClock, session: RoutineSession, at: float) -> None:
    start(session)
    go_to(clock, session, at)
    session.pause()
    before = session.state()
    clock.advance(37.25)
    assert session.state() == before
    session.resume()
    after = session.state()
    assert (after.phase_index, after.remaining_phase_s) == (
        before.phase_index,
        before.remaining_phase_s,
    )
    assert after.remaining_routine_s == before.remaining_routine_s


def test_a_paused_session_has_no_deadline(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    session.pause()
    assert session.next_deadline() is None
    clock.advance(500.0)
    assert session.update() == [Paused(PauseReason.USER, T0, WALL0)]
    assert session.state().paused


def test_resume_moves_the_deadline_by_the_time_paused(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 10.0)
    session.pause()
    clock.advance(42.0)
    session.resume()
    assert session.next_deadline() == T0 + 25.0 + 42.0


def test_pause_and_resume_are_reported(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    clock.advance(1.0)
    session.pause()
    clock.advance(2.0)
    session.resume()
    assert session.update() == [
        Paused(PauseReason.USER, T0 + 1.0, WALL0 + 1.0),
        Resumed(T0 + 3.0, WALL0 + 3.0),
    ]


def test_toggle_pause_pauses_then_resumes(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    session.toggle_pause()
    assert session.state().paused
    session.toggle_pause()
    assert not session.state().paused


def test_pause_and_resume_out_of_turn_do_nothing(session: RoutineSession) -> None:
    session.pause()
    session.resume()
    session.toggle_pause()
    assert session.update() == []
    start(session)
    session.resume()
    assert session.update() == []


def test_several_pauses_add_up(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    for _ in range(3):
        clock.advance(1.5)
        session.pause()
        clock.advance(10.0)
        session.resume()
    assert session.state().elapsed_routine_s == 4.5
    finish(clock, session)
    summary = session.summary()
    assert summary is not None
    assert (summary.paused_s, summary.elapsed_s) == (30.0, TOTAL + 30.0)


# -- skip ----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(SAMPLE)))
def test_skip_from_any_phase_starts_the_next_step_with_its_full_time(
    clock: FakeClock, session: RoutineSession, index: int
) -> None:
    start(session)
    go_to(clock, session, MIDDLES[index])
    step = SAMPLE[index][2]
    now = clock.monotonic()
    session.skip()
    events = session.update()
    assert events[0] == StepSkipped(step, sample_routine().steps[step].title, now, clock.wall())
    state = session.state()
    if step == 3:
        assert state.finished
        assert isinstance(events[-1], RoutineFinished)
        return
    target = STEP_FIRST[step + 1]
    assert changes(events) == [target]
    assert (state.phase_index, state.remaining_phase_s) == (
        target,
        ENDS[target] - SAMPLE[target][1],
    )
    assert session.next_deadline() == now + state.remaining_phase_s


def test_skip_from_get_ready_leaves_that_stretch(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    clock.advance(1.0)
    session.skip()
    state = session.state()
    assert (state.phase.kind, state.step_index) == (K.BREATHE_IN, 1)
    summary = session.summary()
    assert summary is not None and summary.skipped_steps == (0,)


def test_skip_at_the_first_instant_skips_the_first_step(session: RoutineSession) -> None:
    start(session)
    session.skip()
    assert session.state().step_index == 1


def test_skip_then_time_runs_on_from_the_new_phase(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 12.0)
    session.skip()
    session.update()
    clock.advance(5.0)
    assert changes(session.update()) == [9]


def test_skip_while_paused_shows_the_next_step_still_paused(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 40.0)
    session.pause()
    session.skip()
    clock.advance(30.0)
    state = session.state()
    assert (state.paused, state.phase_index, state.remaining_phase_s) == (True, 8, 5.0)
    assert session.next_deadline() is None
    session.resume()
    assert session.next_deadline() == clock.monotonic() + 5.0


def test_skipping_the_last_step_finishes_the_routine(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 135.0)
    session.skip()
    events = session.update()
    assert [type(e) for e in events] == [StepSkipped, RoutineFinished]
    finished = events[-1]
    assert isinstance(finished, RoutineFinished)
    assert finished.summary.finished
    assert finished.summary.skipped_steps == (3,)
    assert session.next_deadline() is None


def test_skip_before_start_does_nothing(session: RoutineSession) -> None:
    session.skip()
    assert session.update() == []
    assert not session.state().started


def test_skip_after_finish_does_nothing(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    finish(clock, session)
    session.skip()
    assert session.update() == []
    assert session.state().finished


# -- back ----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(SAMPLE)))
def test_back_from_the_middle_of_any_phase_restarts_its_step(
    clock: FakeClock, session: RoutineSession, index: int
) -> None:
    # Every phase's middle in the sample is more than 2 s into its step.
    start(session)
    go_to(clock, session, MIDDLES[index])
    session.back()
    events = session.update()
    target = STEP_FIRST[SAMPLE[index][2]]
    assert changes(events) == [target]
    state = session.state()
    assert (state.phase_index, state.elapsed_phase_s) == (target, 0.0)
    assert session.next_deadline() == clock.monotonic() + ENDS[target] - SAMPLE[target][1]


@pytest.mark.parametrize(("at", "target"), [(101.0, 0), (102.0, 0), (118.5, 8), (129.0, 14)])
def test_back_just_after_a_step_begins_goes_to_the_previous_step(
    clock: FakeClock, session: RoutineSession, at: float, target: int
) -> None:
    start(session)
    go_to(clock, session, at)
    session.back()
    assert session.state().phase_index == target


def test_back_just_over_two_seconds_into_a_step_restarts_it(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 102.01)
    session.back()
    assert session.state().phase_index == 8


def test_back_early_in_the_first_step_restarts_it(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 1.0)
    session.back()
    state = session.state()
    assert (state.phase_index, state.remaining_phase_s) == (0, 5.0)


def test_back_while_paused_stays_paused(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 60.0)
    session.pause()
    session.back()
    clock.advance(9.0)
    state = session.state()
    assert (state.paused, state.phase_index, state.remaining_phase_s) == (True, 0, 5.0)


def test_back_does_not_count_a_step_as_skipped(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 101.0)
    session.back()
    summary = session.summary()
    assert summary is not None
    assert (summary.completed_steps, summary.skipped_steps) == ((0,), ())


def test_back_before_start_and_after_finish_does_nothing(
    clock: FakeClock, session: RoutineSession
) -> None:
    session.back()
    assert session.update() == []
    start(session)
    finish(clock, session)
    session.back()
    assert session.update() == []
    assert session.state().finished


def test_a_step_done_again_after_back_is_reported_finished_again(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 101.0)
    session.back()
    session.update()
    events = finish(clock, session)
    assert [e.step_index for e in events if isinstance(e, StepFinished)] == [0, 1, 2, 3]


# -- restart and stop ------------------------------------------------------------------------


def test_restart_mid_run_ends_that_run_and_starts_again(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 70.0)
    session.restart()
    events = session.update()
    assert [type(e) for e in events] == [RoutineStopped, Started, PhaseChanged]
    stopped = events[0]
    assert isinstance(stopped, RoutineStopped)
    assert stopped.summary.elapsed_s == 70.0
    state = session.state()
    assert (state.phase_index, state.remaining_phase_s, state.paused) == (0, 5.0, False)
    assert session.next_deadline() == T0 + 75.0


def test_restart_while_paused_runs_from_the_beginning(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 20.0)
    session.pause()
    clock.advance(5.0)
    session.restart()
    state = session.state()
    assert (state.paused, state.phase_index) == (False, 0)
    summary = session.summary()
    assert summary is not None and (summary.paused_s, summary.elapsed_s) == (0.0, 0.0)


def test_restart_after_finish_starts_a_new_run(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    finish(clock, session)
    clock.advance(10.0)
    session.restart()
    assert [type(e) for e in session.update()] == [Started, PhaseChanged]
    assert not session.state().finished
    last = finish(clock, session)[-1]
    assert isinstance(last, RoutineFinished)
    assert last.at == T0 + TOTAL + 10.0 + TOTAL


def test_restart_before_start_starts(session: RoutineSession) -> None:
    session.restart()
    assert [type(e) for e in session.update()] == [Started, PhaseChanged]


def test_stop_ends_the_run_where_it_is(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 40.0)
    session.stop()
    events = session.update()
    assert [type(e) for e in events] == [RoutineStopped]
    clock.advance(100.0)
    state = session.state()
    assert (state.stopped, state.finished, state.phase_index, state.remaining_phase_s) == (
        True,
        False,
        3,
        10.0,
    )
    assert session.next_deadline() is None
    assert session.update() == []


def test_after_stop_only_restart_does_anything(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    session.stop()
    session.update()
    for control in (session.start, session.pause, session.resume, session.skip, session.back):
        control()
    session.stop()
    assert session.update() == []
    session.restart()
    assert [type(e) for e in session.update()] == [Started, PhaseChanged]


# -- update: every boundary once, in order, at the time it happened -------------------------


def test_update_after_a_long_gap_reports_every_boundary_once_in_order(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(120.0)
    events = session.update()
    assert changes(events) == list(range(1, 15))
    assert [e.step_index for e in events if isinstance(e, StepFinished)] == [0, 1]
    assert session.update() == []


def test_events_carry_the_time_of_the_boundary_not_of_the_update(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(57.0)
    events = session.update()
    switch = next(e for e in events if isinstance(e, PhaseChanged) and e.index == 4)
    assert (switch.at, switch.wall_at) == (T0 + 50.0, WALL0 + 50.0)


def test_a_long_gap_past_the_end_reports_the_finish_at_the_end(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(1000.0)
    events = session.update()
    assert changes(events) == list(range(1, len(SAMPLE)))
    assert isinstance(events[-1], RoutineFinished)
    assert events[-1].at == T0 + TOTAL
    assert events[-1].summary.elapsed_s == TOTAL


def test_next_deadline_is_past_while_a_boundary_is_unreported(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(30.0)
    assert session.next_deadline() == T0 + 5.0
    session.update()
    assert session.next_deadline() == T0 + 50.0


def test_the_state_shows_the_end_even_before_update_reports_it(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(TOTAL)
    assert session.state().finished
    assert session.phase_index_at(clock.monotonic()) == len(SAMPLE)


def test_phase_index_at_answers_for_any_instant(session: RoutineSession) -> None:
    start(session)
    assert [session.phase_index_at(T0 + s) for s in (0.0, 4.9, 5.0, 100.0, 140.9)] == [
        0,
        0,
        1,
        8,
        16,
    ]


def test_a_finished_session_shows_done(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    finish(clock, session)
    state = session.state()
    assert (state.phase.kind, state.cue, state.step_index, state.phase_index) == (
        K.DONE,
        "Routine complete",
        4,
        len(SAMPLE),
    )
    assert (state.remaining_phase_s, state.remaining_routine_s, state.phase_fraction) == (
        0.0,
        0.0,
        1.0,
    )


# -- sleep and screen lock -------------------------------------------------------------------


def test_suspend_pauses_at_the_phase_it_was_in_with_the_same_remaining_time(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.suspend(3600.0)
    events = session.update()
    assert events == [Paused(PauseReason.SUSPEND, T0 + 31.0, WALL0 + 31.0)]
    state = session.state()
    assert (state.paused, state.pause_reason, state.phase_index, state.remaining_phase_s) == (
        True,
        PauseReason.SUSPEND,
        3,
        19.0,
    )


def test_after_a_suspend_it_resumes_where_it_was(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.suspend(3600.0)
    session.update()
    clock.advance(4.0)
    session.resume()
    assert session.next_deadline() == clock.monotonic() + 19.0


def test_after_a_suspend_nothing_after_the_last_look_counts(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 48.0)
    clock.advance(1.0)
    clock.suspend(600.0)
    clock.advance(5.0)  # awake again, past the 50 s boundary, before the UI looks
    events = session.update()
    assert events == [Paused(PauseReason.SUSPEND, T0 + 48.0, WALL0 + 48.0)]
    state = session.state()
    assert (state.phase_index, state.remaining_phase_s) == (3, 2.0)
    summary = session.summary()
    assert summary is not None and summary.active_s == 48.0


def test_a_short_suspend_does_not_pause(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.suspend(5.0)
    assert session.update() == []
    assert not session.state().paused


def test_suspend_while_paused_keeps_the_users_pause(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    session.pause()
    session.update()
    clock.suspend(3600.0)
    assert session.update() == []
    assert session.state().pause_reason is PauseReason.USER


def test_pressing_pause_right_after_a_suspend_leaves_it_paused_where_it_was(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.suspend(3600.0)
    clock.advance(2.0)
    session.toggle_pause()
    state = session.state()
    assert (state.paused, state.remaining_phase_s) == (True, 19.0)


def test_a_screen_lock_pauses(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    clock.advance(3.0)
    session.pause_for_lock()
    assert session.update() == [Paused(PauseReason.LOCK, T0 + 3.0, WALL0 + 3.0)]
    assert session.state().pause_reason is PauseReason.LOCK


def test_a_forward_wall_clock_jump_pauses_like_a_sleep(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.jump_wall(3600.0)
    session.update()
    assert session.state().pause_reason is PauseReason.SUSPEND


def test_a_backward_wall_clock_jump_changes_nothing(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 31.0)
    clock.jump_wall(-3600.0)
    assert session.update() == []
    assert not session.state().paused


# -- summary ---------------------------------------------------------------------------------


def test_summary_counts_completed_and_skipped_steps(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 101.0)
    session.skip()
    events = finish(clock, session)
    assert isinstance(events[-1], RoutineFinished)
    summary = events[-1].summary
    assert (summary.completed_steps, summary.skipped_steps) == ((0, 2, 3), (1,))
    assert (summary.steps_completed, summary.steps_skipped, summary.step_count) == (3, 1, 4)
    assert summary.finished


def test_a_skipped_step_done_later_counts_as_completed(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    go_to(clock, session, 10.0)
    session.skip()
    session.back()  # straight back: less than 2 s into the breathing step
    events = finish(clock, session)
    assert isinstance(events[-1], RoutineFinished)
    assert events[-1].summary.skipped_steps == ()
    assert events[-1].summary.steps_completed == 4


def test_summary_records_when_and_how_long(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 60.0)
    session.pause()
    clock.advance(30.0)
    session.resume()
    finish(clock, session)
    summary = session.summary()
    assert summary is not None
    assert (summary.routine_id, summary.routine_title) == ("sample", "Sample")
    assert (summary.started_wall, summary.ended_wall) == (WALL0, WALL0 + TOTAL + 30.0)
    assert (summary.elapsed_s, summary.paused_s, summary.active_s) == (TOTAL + 30.0, 30.0, TOTAL)


def test_a_stopped_run_counts_only_what_was_done(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 110.0)
    session.stop()
    summary = session.summary()
    assert summary is not None
    assert (summary.completed_steps, summary.skipped_steps, summary.finished) == ((0,), (), False)
    assert summary.elapsed_s == 110.0


def test_time_paused_until_stop_counts_as_paused(clock: FakeClock, session: RoutineSession) -> None:
    start(session)
    go_to(clock, session, 10.0)
    session.pause()
    clock.advance(15.0)
    session.stop()
    summary = session.summary()
    assert summary is not None and (summary.paused_s, summary.active_s) == (15.0, 10.0)


def test_summary_before_start_is_none(session: RoutineSession) -> None:
    assert session.summary() is None


def test_summary_while_paused_counts_the_pause_so_far(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    clock.advance(3.0)
    session.pause()
    clock.advance(4.0)
    summary = session.summary()
    assert summary is not None and (summary.elapsed_s, summary.paused_s) == (7.0, 4.0)


def test_a_finished_summary_does_not_change_afterwards(
    clock: FakeClock, session: RoutineSession
) -> None:
    start(session)
    finish(clock, session)
    before = session.summary()
    clock.advance(300.0)
    assert session.summary() == before
