"""The player's Qt adapter: one timer set to the engine's next change, and the engine's
events as the signals history and reminders listen to. A fake clock moves time; the
timer's slot (catch_up) is called by hand, as the timer would."""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library, Routine, StretchStep
from backease_desktop.core.player import PauseReason, Phase, PhaseKind, SessionSummary
from backease_desktop.platform.player_driver import PlayerDriver
from tests.helpers.player import T0, WALL0, play_to, sample_routine


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(monotonic=T0, wall=WALL0)


@pytest.fixture
def sample_library(library: Library) -> Library:
    return library._replace(routines=(*library.routines, sample_routine(library)))


@pytest.fixture
def driver(qtbot: QtBot, sample_library: Library, clock: FakeClock) -> PlayerDriver:
    return PlayerDriver(sample_library, clock)


class Recorder:
    """Everything the fixed signals sent, in order."""

    def __init__(self, driver: PlayerDriver) -> None:
        self.calls: list[tuple[object, ...]] = []
        driver.session_started.connect(lambda *a: self.calls.append(("started", *a)))
        driver.step_ended.connect(lambda *a: self.calls.append(("step", *a)))
        driver.session_ended.connect(lambda *a: self.calls.append(("ended", *a)))
        driver.pain_rated.connect(lambda *a: self.calls.append(("pain", *a)))


def pauses(driver: PlayerDriver) -> list[tuple[bool, PauseReason | None]]:
    """What paused_changed sends from now on, in order: (paused, why)."""
    sent: list[tuple[bool, PauseReason | None]] = []
    driver.paused_changed.connect(lambda *args: sent.append(args))
    return sent


def test_start_routine_asks_the_view_to_start_it(driver: PlayerDriver, qtbot: QtBot) -> None:
    with qtbot.waitSignal(driver.start_requested, timeout=1000) as asked:
        driver.start_routine("sample")
    assert asked.args is not None
    assert asked.args[0].title == "Sample routine"
    assert driver.session is None  # nothing runs until the view has checked the red flags


def test_an_unknown_routine_is_refused_with_a_message(driver: PlayerDriver, qtbot: QtBot) -> None:
    with qtbot.waitSignal(driver.start_refused, timeout=1000) as refused:
        driver.start_routine("no-such-routine")
    assert refused.args is not None
    assert "no-such-routine" in refused.args[0]


def test_start_stretch_asks_for_a_routine_of_that_one_stretch(
    driver: PlayerDriver, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(driver.start_requested, timeout=1000) as asked:
        driver.start_stretch("cat-cow")
    assert asked.args is not None
    routine = asked.args[0]
    assert routine.title == "Cat-cow"
    assert [step.title for step in routine.steps] == ["Cat-cow"]
    assert routine.steps[0].reps == 6  # the stretch's own dose


def test_begin_reports_the_start_with_id_title_and_wall_time(
    driver: PlayerDriver, sample_library: Library
) -> None:
    calls = Recorder(driver)
    driver.begin(sample_routine(sample_library))
    assert calls.calls == [("started", "sample", "Sample routine", WALL0)]


def test_the_timer_is_set_to_the_next_countdown_change(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    assert driver.timer_interval_ms() == 1000
    clock.advance(0.25)
    driver.catch_up()
    assert driver.timer_interval_ms() == 750


def test_the_timer_fires_at_a_phase_end_that_is_not_on_a_whole_second(
    driver: PlayerDriver, clock: FakeClock, library: Library
) -> None:
    stretch = library.stretch("knee-to-chest")
    assert stretch is not None
    short = Routine("short", "Short", "", (StretchStep(stretch, 2.5, 1, (), 0.0),), 0.0)
    driver.begin(short)
    clock.advance(2.0)
    driver.catch_up()
    assert driver.timer_interval_ms() == 500


def test_a_phase_boundary_is_reported_when_the_timer_fires(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library, qtbot: QtBot
) -> None:
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 4.999)
    state = driver.state()
    assert state is not None and state.phase.kind is PhaseKind.GET_READY
    shown: list[Phase] = []
    driver.phase_changed.connect(shown.append)
    play_to(driver, clock, 5.0)
    assert [(p.kind, p.side) for p in shown] == [(PhaseKind.HOLD, "left")]


def test_a_late_timer_reports_every_boundary_it_missed_in_order(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    kinds: list[PhaseKind] = []
    driver.phase_changed.connect(lambda phase: kinds.append(phase.kind))
    play_to(driver, clock, 31.0)
    assert kinds == [PhaseKind.HOLD, PhaseKind.REST_BETWEEN, PhaseKind.HOLD]


def test_a_step_that_runs_out_ends_as_completed(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    calls = Recorder(driver)
    play_to(driver, clock, 100.0)
    assert calls.calls == [("step", 0, "completed")]


def test_a_skipped_step_ends_as_skipped(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    calls = Recorder(driver)
    play_to(driver, clock, 12.0)
    driver.skip()
    assert calls.calls == [("step", 0, "skipped")]
    state = driver.state()
    assert state is not None and state.phase.kind is PhaseKind.BREATHE_IN


def test_reaching_the_end_reports_a_completed_session_at_its_wall_time(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library, qtbot: QtBot
) -> None:
    driver.begin(sample_routine(sample_library))
    calls = Recorder(driver)
    summaries: list[SessionSummary] = []
    driver.session_closed.connect(summaries.append)
    play_to(driver, clock, 150.0)
    assert calls.calls[-1] == ("ended", True, WALL0 + 141.0)
    assert [c[1] for c in calls.calls if c[0] == "step"] == [0, 1, 2, 3]
    assert [s.finished for s in summaries] == [True]
    assert driver.timer_interval_ms() is None


def test_stopping_reports_a_session_ended_early(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    calls = Recorder(driver)
    play_to(driver, clock, 40.0)
    driver.stop()
    assert calls.calls == [("ended", False, WALL0 + 40.0)]
    assert not driver.is_active()


def test_beginning_another_routine_ends_the_running_one_first(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 3.0)
    calls = Recorder(driver)
    desk_break = sample_library.routine("desk-break")
    assert desk_break is not None
    driver.begin(desk_break)
    assert calls.calls == [
        ("ended", False, WALL0 + 3.0),
        ("started", "desk-break", "Desk break", WALL0 + 3.0),
    ]


def test_pause_stops_the_timer_and_keeps_the_countdown(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 10.0)
    driver.toggle_pause()
    assert driver.timer_interval_ms() is None
    clock.advance(60.0)
    driver.catch_up()
    state = driver.state()
    assert state is not None and state.paused
    assert state.remaining_phase_s == pytest.approx(15.0)


def test_a_suspend_leaves_the_routine_paused_where_it_was(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library, qtbot: QtBot
) -> None:
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 10.0)
    clock.suspend(3600.0)
    paused = pauses(driver)
    driver.catch_up()  # the first timer after waking up
    assert paused == [(True, PauseReason.SUSPEND)]
    state = driver.state()
    assert state is not None and state.paused
    assert state.phase.kind is PhaseKind.HOLD
    assert state.remaining_phase_s == pytest.approx(15.0)


def test_pause_for_lock_pauses_with_the_lock_as_reason(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library, qtbot: QtBot
) -> None:
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 2.0)
    paused = pauses(driver)
    driver.pause_for_lock()
    assert paused == [(True, PauseReason.LOCK)]


def test_pause_for_lock_with_nothing_running_does_nothing(driver: PlayerDriver) -> None:
    driver.pause_for_lock()
    assert driver.state() is None


def test_rate_pain_passes_both_ratings_on(driver: PlayerDriver) -> None:
    calls = Recorder(driver)
    driver.rate_pain(6, None)
    assert calls.calls == [("pain", 6, None)]


# PySide6 6.12.0 on Python 3.11 dropped a reference to True on every Signal.emit() (and to
# None on every void call: tests/platform/test_qt_binding.py); the project excludes that release.
def test_emitting_a_signal_keeps_python_true_alive(driver: PlayerDriver) -> None:
    before = sys.getrefcount(True)
    for _ in range(20):
        driver.rate_pain(None, None)
    assert before - sys.getrefcount(True) < 10


class _View(QObject):
    """A view that reads its own Qt object when told of a phase, as the player's views do."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    def show_phase(self, phase: Phase) -> None:
        self.heard.append(self.objectName() + phase.kind.value)


def test_a_deleted_view_is_no_longer_told_of_phases(
    driver: PlayerDriver, clock: FakeClock, sample_library: Library
) -> None:
    view = _View()
    driver.phase_changed.connect(view.show_phase)
    others: list[Phase] = []
    driver.phase_changed.connect(others.append)
    shiboken6.delete(view)  # as Qt deletes a closed page with its children
    driver.begin(sample_routine(sample_library))
    play_to(driver, clock, 5.0)  # would raise: the view's Qt object is gone
    assert [p.kind for p in others] == [PhaseKind.GET_READY, PhaseKind.HOLD]
