"""The player inside the app: `backease --routine ID`, the Start buttons on the routine and
stretch pages, the banner above the player, and leaving the player again."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from backease_desktop.app import BackEase
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.ui.player.page import PlayerPage
from tests.helpers.app import MakeApp


@pytest.fixture
def quiet(quiet: Settings) -> Settings:
    """The standing health questions answered (none applies): these tests are about the
    daily check and the player (the standing step has tests of its own)."""
    save_standing(quiet, StandingAnswers(date.today()))
    return quiet


def player_page(backease: BackEase) -> PlayerPage:
    page = backease.window.page("player")
    assert isinstance(page, PlayerPage)
    return page


def test_routine_on_the_command_line_opens_the_player(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest(routine="desk-break"))
    assert backease.window.current_page_key() == "player"
    page = player_page(backease)
    assert page.currentWidget() is page.check
    assert "Desk break" in page.check.routine_label.text()
    assert "Desk break" in backease.window.windowTitle()


def test_routine_on_the_command_line_starts_at_once_when_checked_today(
    make_app: MakeApp, quiet: Settings
) -> None:
    quiet.set(Options.red_flag_check_date, date.today().isoformat())
    backease = make_app(LaunchRequest(routine="morning-low-back"))
    page = player_page(backease)
    assert page.currentWidget() is page.run_frame
    assert backease.player.is_active()
    assert page.run_view.title_label.text() == "Stand up and walk"


def test_an_unknown_routine_says_so_and_shows_the_routines(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest(routine="no-such-thing"))
    assert backease.window.current_page_key() == "routines"
    boxes = backease.window.findChildren(QMessageBox)
    assert len(boxes) == 1
    assert "no-such-thing" in boxes[0].text()
    assert boxes[0].isVisible()


def test_start_on_a_routine_card_opens_the_player(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest())
    window = backease.window
    window.open_page("routines")
    card = next(c for c in window.routine_list.cards if c.routine.id == "during-a-spasm")
    card.start_button.click()
    assert window.current_page_key() == "player"
    assert "During a spasm" in player_page(backease).check.routine_label.text()


def test_start_on_a_stretch_page_plays_that_stretch(make_app: MakeApp, quiet: Settings) -> None:
    backease = make_app(LaunchRequest())
    window = backease.window
    quiet.set(Options.red_flag_check_date, player_page(backease).today())
    window.open_page("stretch:lying-knee-twist")
    window.stretch_page.start_button.click()
    assert window.current_page_key() == "player"
    routine = backease.player.routine
    assert routine is not None
    assert routine.title == "Lying knee twist"
    assert [step.title for step in routine.steps] == ["Lying knee twist"]


def test_the_banner_stays_above_the_player_and_the_sidebar_folds_away(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest(routine="desk-break"))
    window = backease.window
    assert window.banner.isVisible()
    banner_bottom = window.banner.mapTo(window, window.banner.rect().bottomLeft()).y()
    page = player_page(backease)
    assert banner_bottom <= page.mapTo(window, page.rect().topLeft()).y()
    assert not window.sidebar.isVisible()
    window.open_page("routines")
    assert window.sidebar.isVisible()


def test_cancelling_the_check_goes_back_to_where_you_were(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest(topic="diagnosis", routine="desk-break"))
    player_page(backease).check.cancel_button.click()
    assert backease.window.current_page_key() == "topic:diagnosis"


def test_the_help_topic_opens_from_a_blocked_start(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest(routine="desk-break"))
    page = player_page(backease)
    page.check.boxes[-1][1].setChecked(True)  # a see-a-doctor-soon sign
    page.check.continue_button.click()
    page.stop_notice.help_button.click()
    assert backease.window.current_page_key() == "topic:when-to-get-help"
    assert backease.player.session is None


def test_the_running_routine_holds_the_keyboard_focus(make_app: MakeApp, quiet: Settings) -> None:
    quiet.set(Options.red_flag_check_date, date.today().isoformat())
    backease = make_app(LaunchRequest(routine="desk-break"))
    page = player_page(backease)
    assert backease.window.focusWidget() is page.run_view


def test_the_full_screen_button_follows_the_window(make_app: MakeApp, quiet: Settings) -> None:
    quiet.set(Options.red_flag_check_date, date.today().isoformat())
    backease = make_app(LaunchRequest(routine="desk-break"))
    button = player_page(backease).run_view.full_screen_button
    button.click()
    assert backease.window.full_screen_action.isChecked()
    assert button.text().startswith("Leave full screen")
    button.click()
    assert button.text().startswith("Full screen")


def go_action(backease: BackEase, text: str) -> QAction:
    (action,) = [a for a in backease.window.go_menu.actions() if a.text() == text]
    return action


def test_leaving_a_running_routine_pauses_it_and_offers_the_way_back(
    make_app: MakeApp, quiet: Settings
) -> None:
    quiet.set(Options.red_flag_check_date, date.today().isoformat())
    backease = make_app(LaunchRequest(routine="morning-low-back"))
    back_to_routine = go_action(backease, "Return to the &routine")
    assert not back_to_routine.isEnabled()
    backease.window.go_back()  # Backspace or Alt+Left
    state = backease.player.state()
    assert state is not None and state.paused
    assert backease.window.current_page_key() != "player"
    assert back_to_routine.isEnabled()
    assert "Return to the routine" in backease.window.statusBar().currentMessage()
    back_to_routine.trigger()
    assert backease.window.current_page_key() == "player"
    assert backease.window.statusBar().currentMessage() == ""


def test_the_way_back_closes_when_the_routine_is_stopped(
    make_app: MakeApp, quiet: Settings
) -> None:
    quiet.set(Options.red_flag_check_date, date.today().isoformat())
    backease = make_app(LaunchRequest(routine="morning-low-back"))
    backease.window.go_back()
    backease.player.stop()
    assert not go_action(backease, "Return to the &routine").isEnabled()
    assert backease.window.statusBar().currentMessage() == ""
