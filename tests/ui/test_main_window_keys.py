"""The main window's keys: Ctrl+Shift+H opens the warning signs from every page, the player
included, and no key is bound to two commands (Qt then runs neither)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.app import BackEase
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.ui import red_flags_dialog
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.player.page import PlayerPage

WARNING_SIGNS_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[red_flags_dialog.RedFlagsDialog]:
    """The warning-signs dialogs opened; each is recorded instead of run modally, so no
    dialog waits for an answer in a test."""
    dialogs: list[red_flags_dialog.RedFlagsDialog] = []

    def record(dialog: red_flags_dialog.RedFlagsDialog) -> int:
        dialogs.append(dialog)
        return 0

    monkeypatch.setattr(red_flags_dialog.RedFlagsDialog, "exec", record)
    return dialogs


@pytest.fixture
def backease(qtbot: QtBot, settings: Settings) -> Iterator[BackEase]:
    """The whole app with its window up and active, quiet, and past today's red-flag check
    so a routine starts at once."""
    settings.set(Options.sound_cues, False)
    settings.set(Options.voice_cues, False)
    settings.set(Options.red_flag_check_date, date.today().isoformat())
    save_standing(settings, StandingAnswers(date.today()))
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    app = BackEase(instance, LaunchRequest())
    qtbot.addWidget(app.window)
    app.show()
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    app.finish_start()  # the player and the application-wide keys, without waiting
    yield app
    app.player.stop()


def press_warning_signs_key(qtbot: QtBot, window: MainWindow) -> None:
    # Sent where a real key press goes: to the focused widget.
    target = QApplication.focusWidget() or window
    assert isinstance(target, QWidget)
    qtbot.keyClick(target, Qt.Key.Key_H, WARNING_SIGNS_KEYS)


def test_ctrl_shift_h_opens_the_warning_signs_from_every_page(
    qtbot: QtBot, backease: BackEase, opened: list[red_flags_dialog.RedFlagsDialog]
) -> None:
    window = backease.window
    keys = window.sidebar.page_keys()
    assert len(keys) >= 10
    for count, key in enumerate(keys, start=1):
        assert window.open_page(key), key
        press_warning_signs_key(qtbot, window)
        assert len(opened) == count, key
    assert all(dialog.parent() is window for dialog in opened)


def test_ctrl_shift_h_opens_the_warning_signs_while_a_routine_plays(
    qtbot: QtBot, backease: BackEase, opened: list[red_flags_dialog.RedFlagsDialog]
) -> None:
    backease.player.start_routine("desk-break")
    page = backease.window.page("player")
    assert isinstance(page, PlayerPage)
    assert page.currentWidget() is page.run_frame
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.run_view)
    press_warning_signs_key(qtbot, backease.window)
    assert len(opened) == 1


def test_ctrl_shift_h_works_with_the_menu_bar_hidden(
    qtbot: QtBot, backease: BackEase, opened: list[red_flags_dialog.RedFlagsDialog]
) -> None:
    backease.window.menuBar().hide()
    press_warning_signs_key(qtbot, backease.window)
    assert len(opened) == 1


def test_the_warning_signs_key_works_from_every_window_once_started(backease: BackEase) -> None:
    context = backease.window.red_flags_action.shortcutContext()
    assert context == Qt.ShortcutContext.ApplicationShortcut


def _bound_keys(window: MainWindow) -> list[str]:
    keys: list[str] = []
    for action in window.findChildren(QAction):
        keys += [sequence.toString() for sequence in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        sequences: list[QKeySequence] = shortcut.keys()  # a QShortcut's keys, not a dict's
        keys += [sequence.toString() for sequence in sequences]
    return [key for key in keys if key]


def test_no_key_is_bound_to_two_commands(backease: BackEase) -> None:
    window = backease.window
    backease.player.start_routine("desk-break")  # builds the player page and its keys
    for key in window.sidebar.page_keys():  # builds every page
        window.open_page(key)
    keys = _bound_keys(window)
    assert "Ctrl+Shift+H" in keys and "Space" in keys
    assert [key for key, count in Counter(keys).items() if count > 1] == []
