"""What the first frame shows and what follows it: the window comes first, styled where it
shows; the pages' style sheet, the player, the history and the reminders are wired once the
first frame is out, or at once when the start needs them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backease_desktop.app import BackEase
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest


@pytest.fixture
def unstyled(qapp: QApplication) -> Iterator[QApplication]:
    """The shared test QApplication without the style sheet an earlier test left on it."""
    qapp.setStyleSheet("")
    yield qapp
    qapp.setStyleSheet("")


def close(backease: BackEase) -> None:
    if backease.reminders is not None:
        backease.reminders.close_desktop()
    backease.window.close()


def test_the_page_styles_and_the_player_follow_the_first_frame(
    qtbot: QtBot, unstyled: QApplication, settings: Settings
) -> None:
    backease = BackEase(unstyled, LaunchRequest())
    qtbot.addWidget(backease.window)
    assert backease.window.current_page_key() == f"topic:{backease.library.topics[0].id}"
    assert unstyled.styleSheet() == ""  # the first frame does without it
    assert backease.reminders is None
    backease.show()
    qtbot.waitUntil(lambda: backease.reminders is not None)
    assert "#startButton" in unstyled.styleSheet()
    # Routine cards are styled, and their Start button reaches the player.
    backease.window.open_page("routines")
    with qtbot.waitSignal(backease.player.start_requested, timeout=1000):
        backease.window.routine_start_requested.emit("desk-break")
    close(backease)


def test_a_reopened_list_of_routines_is_styled_in_the_first_frame(
    qtbot: QtBot, unstyled: QApplication, settings: Settings
) -> None:
    settings.set(Options.last_topic, "routines")
    backease = BackEase(unstyled, LaunchRequest())
    qtbot.addWidget(backease.window)
    assert backease.window.current_page_key() == "routines"
    assert "#startButton" in unstyled.styleSheet()
    close(backease)
