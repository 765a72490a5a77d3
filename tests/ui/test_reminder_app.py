"""The reminders wired into the app (wiring/reminders.RemindersHost, made by
app.BackEase._wire_reminders, and app.BackEase._connect_features):
closing to the tray with a one-time hint, the command-line interval, a later launch's request,
the main window's Reminders menu, and a break played by the routine player."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from backease_desktop import app as app_module
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.scheduler import BreakOutcome, State
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.ui import tray as tray_module
from backease_desktop.wiring import reminders as host_module


@pytest.fixture
def make_app(
    qapp: QApplication, profile: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> Iterator[Any]:
    made: list[Any] = []

    def make(request: LaunchRequest, tray: bool = True) -> Any:
        monkeypatch.setattr(host_module, "system_tray_available", lambda: tray)
        monkeypatch.setattr(tray_module, "system_tray_available", lambda: tray)
        backease = app_module.BackEase(qapp, request)
        made.append(backease)
        if not request.tray:
            backease.show()
        # The reminders, the tray and the desktop's sources come up once the window has
        # painted (at once with --tray).
        qtbot.waitUntil(
            lambda: (
                backease.reminders_host is not None
                and backease.reminders_host.instance_server is not None
            )
        )
        return backease

    yield make
    for backease in made:
        backease.player.stop()
        backease.reminders.close_desktop()
        host = backease.reminders_host
        if host.instance_server is not None:
            host.instance_server.close()
        host.tray.hide()
        backease.window.close()
        backease.window.deleteLater()
    qapp.setQuitOnLastWindowClosed(True)


def test_break_interval_from_the_command_line_is_used(make_app: Any) -> None:
    backease = make_app(LaunchRequest(break_interval_s=10.0))
    assert backease.reminders.scheduler.config.interval_s == 10.0
    assert 0 < backease.reminders.driver.timer.interval() <= 10_000


def test_closing_the_window_keeps_the_app_in_the_tray_and_says_so_once(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backease = make_app(LaunchRequest())
    messages: list[str] = []
    monkeypatch.setattr(
        backease.reminders_host.tray, "showMessage", lambda title, text, *a: messages.append(text)
    )
    backease.window.show()
    backease.reminders_host.close_to_tray.user_closed()  # what a close from the window manager does
    assert not backease.window.isVisible()
    assert not QApplication.quitOnLastWindowClosed()
    assert backease.settings.get(Options.tray_hint_shown)
    backease.window.show()
    backease.reminders_host.close_to_tray.user_closed()
    assert len(messages) == 1
    assert "keeps running in the tray" in messages[0]


def test_without_a_tray_closing_quits_and_the_window_says_why(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    backease = make_app(LaunchRequest(), tray=False)
    quits: list[bool] = []
    monkeypatch.setattr(backease, "quit", lambda: quits.append(True))
    backease.reminders_host.close_to_tray.quit_requested.disconnect()
    backease.reminders_host.close_to_tray.quit_requested.connect(backease.quit)
    backease.window.show()
    notes = [
        label.text()
        for label in backease.window.statusBar().findChildren(QLabel)
        if label.isVisibleTo(backease.window)
    ]
    assert "No system tray: reminders run only while this window is open." in notes
    backease.reminders_host.close_to_tray.user_closed()
    assert quits == [True]


def test_with_a_tray_the_window_has_no_status_bar_strip(make_app: Any, qtbot: Any) -> None:
    backease = make_app(LaunchRequest())
    window = backease.window
    qtbot.waitExposed(window)
    assert not window.statusBar().isVisible()
    # The page runs down to the window's bottom edge.
    central = window.centralWidget()
    assert central.mapTo(window, central.rect().bottomLeft()).y() == window.height() - 1


def test_without_a_tray_the_status_bar_shows_why_closing_quits(make_app: Any, qtbot: Any) -> None:
    backease = make_app(LaunchRequest(), tray=False)
    window = backease.window
    qtbot.waitExposed(window)
    assert window.statusBar().isVisible()
    assert backease.reminders_host.no_tray_note.isVisible()
    assert "reminders run only while this window is open" in (
        backease.reminders_host.no_tray_note.text()
    )


def test_a_passing_message_shows_the_status_bar_until_it_clears(make_app: Any, qtbot: Any) -> None:
    backease = make_app(LaunchRequest())
    bar = backease.window.statusBar()
    qtbot.waitExposed(backease.window)
    bar.showMessage("History exported to /tmp/history.csv", 5000)
    assert bar.isVisible()
    bar.clearMessage()
    assert not bar.isVisible()


def test_a_later_launch_opens_its_topic_and_applies_its_interval(make_app: Any) -> None:
    backease = make_app(LaunchRequest(tray=True))
    request = LaunchRequest(topic="during-a-spasm", break_interval_s=45.0)
    backease.reminders_host.instance_server.request_received.emit(request)
    assert backease.window.isVisible()
    assert backease.window.current_page_key() == "topic:during-a-spasm"
    assert backease.reminders.scheduler.config.interval_s == 45.0


def test_a_later_launch_with_tray_only_leaves_the_window_alone(make_app: Any) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders_host.instance_server.request_received.emit(LaunchRequest(tray=True))
    assert not backease.window.isVisible()


def test_starting_a_break_brings_the_window_up(make_app: Any) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.take_break_now()
    assert backease.window.isVisible()


def test_main_window_menu_offers_the_reminder_commands(make_app: Any) -> None:
    backease = make_app(LaunchRequest())
    menus = {
        action.text(): action.menu()
        for action in backease.window.app_menu.actions()
        if action.menu() is not None
    }
    assert "&Reminders" in menus
    texts = [a.text() for a in menus["&Reminders"].actions()]
    assert "Take a break now" in texts
    assert "Settings…" in texts


@pytest.fixture
def answered(quiet: Settings) -> Settings:
    """The standing questions asked and answered "none applies" today; no sound or voice."""
    save_standing(quiet, StandingAnswers(date.today()))
    return quiet


@pytest.fixture
def checked_today(answered: Settings) -> Settings:
    """The red-flag check was answered today, so a routine starts at once."""
    answered.set(Options.red_flag_check_date, date.today().isoformat())
    return answered


def test_start_break_plays_the_desk_break_routine(make_app: Any, checked_today: Settings) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.answer("start")  # the Start button of a reminder
    assert backease.window.current_page_key() == "player"
    assert backease.player.is_active()
    assert backease.player.routine.id == "desk-break"
    assert backease.reminders.status().state is State.ON_BREAK


def test_the_end_of_the_break_routine_restarts_the_countdown_and_reaches_history(
    make_app: Any, checked_today: Settings
) -> None:
    backease = make_app(LaunchRequest())
    outcomes: list[BreakOutcome] = []
    backease.reminders.break_outcome.connect(outcomes.append)
    backease.reminders.take_break_now()
    backease.player.stop()
    assert backease.reminders.status().state is State.COUNTING
    assert [outcome.completed for outcome in outcomes] == [False]
    assert len(backease.history.store.breaks()) == 1


def test_another_routine_ending_is_not_a_break(make_app: Any, checked_today: Settings) -> None:
    backease = make_app(LaunchRequest())
    outcomes: list[BreakOutcome] = []
    backease.reminders.break_outcome.connect(outcomes.append)
    backease.player.start_routine("morning-low-back")
    backease.player.stop()
    assert outcomes == []
    assert backease.reminders.status().state is State.COUNTING


def test_a_locked_screen_pauses_a_running_routine(make_app: Any, checked_today: Settings) -> None:
    backease = make_app(LaunchRequest(routine="morning-low-back"))
    backease.reminders.left_desk.emit()
    state = backease.player.state()
    assert state is not None and state.paused


def test_the_reminders_wait_for_the_first_frame(qapp: QApplication, qtbot: Any) -> None:
    """The first frame waits for none of the reminders' set-up (scheduler, tray, D-Bus)."""
    backease = app_module.BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    assert backease.reminders_host is None
    backease.show()
    qtbot.waitUntil(lambda: backease.reminders_host is not None)
    assert backease.reminders is not None and backease.reminders.started
    qtbot.waitUntil(lambda: backease.reminders_host.instance_server is not None)
    backease.reminders.close_desktop()
    backease.reminders_host.instance_server.close()
    if backease.reminders_host.tray is not None:
        backease.reminders_host.tray.hide()


def test_a_break_whose_routine_the_red_flag_check_stops_ends_at_once(
    make_app: Any, answered: Settings
) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.answer("start")
    page = backease.window.page("player")
    assert page.currentWidget() is page.check  # not answered today
    assert backease.reminders.status().state is State.ON_BREAK
    page.check.boxes[0][1].setChecked(True)  # a red flag applies
    page.check.continue_button.click()
    assert not backease.player.is_active()
    assert backease.reminders.status().state is State.COUNTING


def test_a_break_whose_check_is_left_ends_at_once(make_app: Any, answered: Settings) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.answer("start")
    backease.window.page("player").check.cancel_button.click()
    assert backease.reminders.status().state is State.COUNTING


def break_outcomes_in_history(backease: Any) -> list[str]:
    return [record.outcome for record in backease.history.store.breaks()]


def test_a_tray_break_refused_with_not_now_at_the_check_is_recorded_as_declined(
    make_app: Any, answered: Settings
) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders_host.tray.actions.take_break_action.trigger()  # "Take a break now"
    page = backease.window.page("player")
    assert page.currentWidget() is page.check
    page.check.cancel_button.click()  # "Not now"
    assert break_outcomes_in_history(backease) == ["declined"]
    stats = backease.history.store.progress()
    assert (stats.week_breaks.taken, stats.week_breaks.declined) == (0, 1)
    assert stats.streak_days == 0


def test_a_reminders_break_stopped_by_a_ticked_sign_is_recorded_as_declined(
    make_app: Any, answered: Settings
) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.answer("start")  # the reminder's Start button
    page = backease.window.page("player")
    page.check.boxes[0][1].setChecked(True)  # a warning sign applies
    page.check.continue_button.click()
    assert page.currentWidget() is page.stop_notice
    assert break_outcomes_in_history(backease) == ["declined"]
    assert backease.history.store.progress().week_breaks.taken == 0
