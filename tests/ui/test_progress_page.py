"""The Progress page as a user meets it: a friendly first step on an empty history, then the
streak, this week's routines and breaks, breaks taken against skipped and the pain chart,
kept current as routines and breaks end (the recorder driven as the player would)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import BreakOutcome, Cause, Outcome
from backease_desktop.platform.history_recorder import HistoryRecorder
from backease_desktop.ui.progress.chart import PainChartView
from backease_desktop.ui.progress.page import ProgressPage, build_progress_page

DAY_S = 86_400.0
# Thursday 1 January 2026, 10:00 UTC: the week began on Monday 29 December.
MORNING = 1_767_225_600.0 + 10 * 3600
FIRST_ROUTINE = ("during-a-spasm", "During a spasm")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=MORNING)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.db"


@pytest.fixture
def recorder(clock: FakeClock, db_path: Path, qapp: object) -> HistoryRecorder:
    return HistoryRecorder(clock, db_path, tz=timezone.utc)


def shown_page(qtbot: QtBot, recorder: HistoryRecorder) -> ProgressPage:
    page = build_progress_page(recorder, FIRST_ROUTINE)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def play_routine(
    recorder: HistoryRecorder,
    clock: FakeClock,
    pain: tuple[int | None, int | None] | None = (6, 3),
    completed: bool = True,
) -> None:
    """What the player's adapter sends for one routine, in its order."""
    recorder.on_session_started(*FIRST_ROUTINE, clock.wall())
    for step in range(3):
        clock.advance(60)
        recorder.on_step_ended(step, "completed")
    recorder.on_session_ended(completed, clock.wall())
    if pain is not None:
        recorder.on_pain_rated(*pain)


def break_outcome(recorder: HistoryRecorder, clock: FakeClock, outcome: Outcome) -> None:
    at = clock.wall()
    recorder.on_break_outcome(BreakOutcome(outcome, Cause.ANSWERED, at - 10, at, 1800.0))


def chart_of(qtbot: QtBot, page: ProgressPage) -> PainChartView:
    """The page's chart, once it has come (it follows the figures' first frame)."""
    qtbot.waitUntil(lambda: page.chart_view is not None, timeout=2000)
    assert page.chart_view is not None
    return page.chart_view


def points(series_points: list[QPointF]) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in series_points]


def test_an_empty_history_offers_a_first_routine(qtbot: QtBot, recorder: HistoryRecorder) -> None:
    page = shown_page(qtbot, recorder)
    assert page.is_empty_state()
    assert page.empty is not None and page.empty.start_button is not None
    assert "During a spasm" in page.empty.start_button.text()
    with qtbot.waitSignal(page.page_requested, timeout=1000) as asked:
        qtbot.mouseClick(page.empty.start_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["start:during-a-spasm"]


def test_the_empty_state_also_leads_to_the_list_of_routines(
    qtbot: QtBot, recorder: HistoryRecorder
) -> None:
    page = shown_page(qtbot, recorder)
    assert page.empty is not None
    with qtbot.waitSignal(page.page_requested, timeout=1000) as asked:
        qtbot.mouseClick(page.empty.routines_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["routines"]


def test_the_page_fills_in_as_soon_as_a_routine_ends(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    page = shown_page(qtbot, recorder)
    play_routine(recorder, clock, pain=(7, 4))
    assert not page.is_empty_state()
    assert page.streak_card.value() == "1 day"
    assert page.routines_card.value() == "1"
    assert points(chart_of(qtbot, page).pain.before.points()) == [(29.0, 7.0)]
    assert points(chart_of(qtbot, page).pain.after.points()) == [(29.0, 4.0)]
    assert "7.0 before and 4.0 after" in page.pain_summary.text()


def test_a_routine_counts_this_week_only_once_it_ends(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    recorder.on_session_started(*FIRST_ROUTINE, clock.wall())
    recorder.on_step_ended(0, "completed")
    assert page.routines_card.value() == "1"
    recorder.on_session_ended(True, clock.wall() + 60)
    assert page.routines_card.value() == "2"


def test_this_week_starts_on_monday(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    clock.jump_wall(-4 * DAY_S)  # Sunday 28 December: last week
    play_routine(recorder, clock)
    clock.jump_wall(4 * DAY_S)
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    assert page.routines_card.value() == "1"
    assert page.routines_card.detail() == "finished since Mon 29 Dec"


def test_a_routine_stopped_early_is_not_counted_as_done(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    play_routine(recorder, clock, completed=False)
    assert page.routines_card.value() == "1"


def test_a_break_taken_updates_the_page_live(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    assert page.breaks_card.value() == "0"
    break_outcome(recorder, clock, Outcome.TAKEN)
    assert page.breaks_card.value() == "1"


def test_breaks_taken_are_set_against_breaks_skipped(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    for outcome in (Outcome.TAKEN, Outcome.TAKEN, Outcome.TAKEN, Outcome.SKIPPED, Outcome.MISSED):
        break_outcome(recorder, clock, outcome)
        clock.advance(1800)
    page = shown_page(qtbot, recorder)
    assert page.ratio_card.value() == "3 : 1"
    assert "3 taken, 1 skipped, 1 missed" in page.ratio_card.detail()
    assert (page.ratio_bar.taken, page.ratio_bar.not_taken) == (3, 2)


def test_breaks_declined_at_the_check_are_shown_as_their_own_thing(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    for outcome in (Outcome.TAKEN, Outcome.SKIPPED, Outcome.DECLINED, Outcome.DECLINED):
        break_outcome(recorder, clock, outcome)
        clock.advance(1800)
    page = shown_page(qtbot, recorder)
    assert page.breaks_card.value() == "1"  # this week: only the one taken
    assert "2 not started after the warning-signs check" in page.breaks_card.detail()
    assert page.ratio_card.value() == "1 : 1"
    assert (
        "1 taken, 1 skipped, 2 not started after the warning-signs check"
        in page.ratio_card.detail()
    )
    assert "not started after the warning-signs check" in page.ratio_card.accessibleDescription()
    assert (page.ratio_bar.taken, page.ratio_bar.not_taken) == (1, 3)


def test_a_declined_break_keeps_no_streak_but_shows_the_figures(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    break_outcome(recorder, clock, Outcome.DECLINED)
    page = shown_page(qtbot, recorder)
    assert not page.is_empty_state()
    assert page.streak_card.value() == "0 days"
    assert page.breaks_card.value() == "0"


def test_the_streak_counts_days_in_a_row_with_a_routine_or_a_break(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    clock.jump_wall(-3 * DAY_S)
    play_routine(recorder, clock)  # three days ago
    clock.jump_wall(DAY_S)
    break_outcome(recorder, clock, Outcome.TAKEN)  # two days ago
    clock.jump_wall(DAY_S)
    play_routine(recorder, clock)  # yesterday
    clock.jump_wall(DAY_S)
    page = shown_page(qtbot, recorder)
    assert page.streak_card.value() == "3 days"
    assert "yesterday" in page.streak_card.detail().lower()
    play_routine(recorder, clock)
    assert page.streak_card.value() == "4 days"


def test_the_chart_shows_each_days_average_pain(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    clock.jump_wall(-DAY_S)
    play_routine(recorder, clock, pain=(8, 5))
    play_routine(recorder, clock, pain=(6, None))
    clock.jump_wall(DAY_S)
    play_routine(recorder, clock, pain=(5, 2))
    page = shown_page(qtbot, recorder)
    assert points(chart_of(qtbot, page).pain.before.points()) == [(28.0, 7.0), (29.0, 5.0)]
    assert points(chart_of(qtbot, page).pain.after.points()) == [(28.0, 5.0), (29.0, 2.0)]


def test_the_chart_axes_say_what_they_measure(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    pain = chart_of(qtbot, page).pain
    assert "Pain" in pain.y_axis.titleText() and "10" in pain.y_axis.titleText()
    assert (pain.y_axis.min(), pain.y_axis.max()) == (0, 10)
    assert pain.x_axis.titleText() == "Day"


def test_the_figures_do_not_wait_for_the_chart(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock, pain=(6, 2))
    page = build_progress_page(recorder, FIRST_ROUTINE)
    qtbot.addWidget(page)
    # Built but not yet on screen: the cards are filled in, the chart is still to come.
    assert page.streak_card.value() == "1 day"
    assert page.chart_view is None
    page.resize(900, 700)
    page.show()
    assert points(chart_of(qtbot, page).pain.after.points()) == [(29.0, 2.0)]


def test_a_chart_on_screen_takes_in_the_next_routine(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock, pain=(8, 6))
    page = shown_page(qtbot, recorder)
    chart = chart_of(qtbot, page)
    play_routine(recorder, clock, pain=(6, 2))
    assert points(chart.pain.before.points()) == [(29.0, 7.0)]
    assert points(chart.pain.after.points()) == [(29.0, 4.0)]
    assert "7.0 before and 4.0 after" in chart.accessibleDescription()


def test_the_day_axis_ends_with_today(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    play_routine(recorder, clock)
    page = shown_page(qtbot, recorder)
    labels = chart_of(qtbot, page).pain.x_axis.categoriesLabels()
    assert labels[-1] == "1 Jan"
    assert len(labels) == 5  # a label a week over 30 days


def test_without_pain_scores_the_page_says_how_to_get_a_chart(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    page = shown_page(qtbot, recorder)
    play_routine(recorder, clock, pain=None)
    assert not page.chart_slot.isVisible()
    assert page.no_pain_note.isVisible()


def test_a_hidden_page_catches_up_when_shown_again(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    page = shown_page(qtbot, recorder)
    page.hide()
    play_routine(recorder, clock)
    assert page.is_empty_state()  # nothing read while hidden
    page.show()
    assert not page.is_empty_state()
    assert page.routines_card.value() == "1"


def test_a_page_built_but_never_shown_is_current_when_first_shown(
    qtbot: QtBot, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    page = build_progress_page(recorder, FIRST_ROUTINE)
    qtbot.addWidget(page)
    play_routine(recorder, clock)
    page.show()
    assert page.routines_card.value() == "1"


def test_a_damaged_history_file_is_named_on_the_page(
    qtbot: QtBot, recorder: HistoryRecorder, db_path: Path
) -> None:
    db_path.write_bytes(b"not a database" * 20)
    page = shown_page(qtbot, recorder)
    kept = recorder.store.recovered_from
    assert kept is not None and kept.exists()
    assert page.notice.isVisible()
    assert str(kept) in page.notice.text()


def test_the_summary_button_asks_for_the_clinician_summary(
    qtbot: QtBot, recorder: HistoryRecorder
) -> None:
    page = shown_page(qtbot, recorder)
    with qtbot.waitSignal(page.summary_requested, timeout=1000):
        qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)


QT_CHARTS_PROBE = """
import sys, time
from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from backease_desktop.app import BackEase, create_application
from backease_desktop.launch import LaunchRequest
backease = BackEase(create_application(["backease"]), LaunchRequest())
if sys.argv[1] == "scores":
    backease.finish_start()
    history, now = backease.history, time.time()
    history.on_session_started("during-a-spasm", "During a spasm", now - 60)
    history.on_step_ended(0, "completed")
    history.on_session_ended(True, now)
    history.on_pain_rated(6, 3)
backease.window.open_page("progress")
print("PySide6.QtCharts" in sys.modules)
backease.show()
assert QTest.qWaitForWindowExposed(backease.window)
for _ in range(20):
    QCoreApplication.processEvents()
print("PySide6.QtCharts" in sys.modules)
"""


@pytest.mark.parametrize(("history", "loaded"), [("empty", "False"), ("scores", "True")])
def test_qt_charts_is_loaded_only_for_a_chart_to_show(history: str, loaded: str) -> None:
    # Never while the page is built (the figures come first); once it is on screen, only
    # if there are pain scores to chart.
    result = subprocess.run(
        [sys.executable, "-c", QT_CHARTS_PROBE, history],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", loaded]
