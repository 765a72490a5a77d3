"""Keyboard and screen-reader use of the main window: Enter on buttons and links, links a
screen reader can follow, the sidebar following the page shown, the focus after a dialog,
the spasm routine one key away, Settings from the menu, and every key listed in Help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.core.settings import Settings
from backease_desktop.ui.library_pages import RoutineListPage
from backease_desktop.ui.main_window import SPASM_ROUTINE, MainWindow
from backease_desktop.ui.settings_dialog import SettingsDialog
from backease_desktop.ui.shortcuts_dialog import ShortcutsDialog
from tests.helpers.window import make_window


@pytest.fixture
def window(qtbot: QtBot, library: Library, settings: Settings) -> MainWindow:
    window = make_window(qtbot, library, settings)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def highlighted(window: MainWindow) -> str | None:
    return window.sidebar.current_key()


def test_the_sidebar_highlights_the_page_opened_by_a_key(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, "r", Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "routines"
    assert highlighted(window) == "routines"
    window.open_page("stretch:cat-cow")
    assert highlighted(window) == "stretches"
    window.go_back()
    assert highlighted(window) == "routines"
    assert window.sidebar.list.selectionModel().isRowSelected(
        window.sidebar.list.currentIndex().row()
    )


def test_enter_presses_the_focused_start_button(window: MainWindow, qtbot: QtBot) -> None:
    window.open_page("routines")
    page = window.stack.currentWidget()
    assert isinstance(page, RoutineListPage)
    button = page.cards[0].start_button
    button.setFocus()
    with qtbot.waitSignal(window.routine_start_requested, timeout=1000) as started:
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert started.args == [page.cards[0].routine.id]


def test_a_topic_link_is_a_link_a_screen_reader_can_follow(window: MainWindow) -> None:
    window.open_page("topic:stretching-safely")
    link = next(b for b in window.topic_page.link_buttons if b.target.startswith("stretch:"))
    interface = QAccessible.queryAccessibleInterface(link)
    assert interface.role() == QAccessible.Role.Link
    assert interface.text(QAccessible.Text.Name) == link.text()
    interface.actionInterface().doAction(QAccessibleActionInterface.pressAction())
    assert window.current_page_key() == link.target


def test_the_first_screen_starts_the_spasm_routine_in_one_click(
    window: MainWindow, qtbot: QtBot, library: Library
) -> None:
    assert window.current_page_key() == f"topic:{library.topics[0].id}"
    button = window.topic_page.start_button
    assert button.isVisible()
    assert button.mapTo(window, button.rect().bottomLeft()).y() < window.height() // 2
    with qtbot.waitSignal(window.routine_start_requested, timeout=1000) as started:
        button.click()
    assert started.args == [SPASM_ROUTINE]


def test_ctrl_shift_s_starts_the_spasm_routine_from_any_page(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.open_page("stretch:cat-cow")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(window.routine_start_requested, timeout=1000) as started:
        qtbot.keyClick(window, "s", modifiers)
    assert started.args == [SPASM_ROUTINE]


def test_ctrl_comma_asks_for_the_settings(window: MainWindow, qtbot: QtBot) -> None:
    assert window.settings_action in window.app_menu.actions()
    with qtbot.waitSignal(window.settings_requested, timeout=1000):
        qtbot.keyClick(window, ",", Qt.KeyboardModifier.ControlModifier)


def test_help_lists_every_menu_key_and_the_players(window: MainWindow) -> None:
    dialog = ShortcutsDialog(window.menus(), window)
    listed = dialog.table.text()
    for key in ("Ctrl+,", "Ctrl+R", "Ctrl+T", "Ctrl+Shift+S", "Ctrl+Shift+H", "F11", "F1"):
        assert key in listed, key
    for key in ("Space", "Esc", "→", "←"):
        assert key in listed, key


def test_the_focus_returns_after_the_warning_signs(window: MainWindow, qtbot: QtBot) -> None:
    window.sidebar.list.setFocus()
    assert window.sidebar.list.hasFocus()
    QTimer.singleShot(0, lambda: close_dialog(qtbot))
    window.show_red_flags()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar.list, timeout=1000)


def close_dialog(qtbot: QtBot) -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog):
        dialog.reject()
    else:
        QTimer.singleShot(10, lambda: close_dialog(qtbot))


def test_no_match_is_said_right_under_the_filter(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.sidebar.filter, "zzzz")
    note = window.sidebar.empty_note
    assert note.isVisible()
    filter_bottom = window.sidebar.filter.geometry().bottom()
    assert 0 <= note.geometry().top() - filter_bottom <= 12


def test_settings_open_on_a_visible_control(settings: Settings, qtbot: QtBot) -> None:
    dialog = SettingsDialog(settings, voice_note="No speech engine is installed.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The widget that gets the focus as the dialog's window is activated.
    focused = dialog.focusWidget()
    assert focused is dialog.interval
    assert focused.isVisible()
    area = dialog.groups_area.viewport()
    top = focused.mapTo(area, focused.rect().topLeft()).y()
    assert 0 <= top < area.height()


def test_speaking_the_steps_is_off_and_greyed_without_a_speech_engine(
    settings: Settings, qtbot: QtBot
) -> None:
    from backease_desktop.core.settings import Options

    settings.set(Options.voice_cues, True)
    dialog = SettingsDialog(settings, voice_note="No speech engine is installed.")
    qtbot.addWidget(dialog)
    assert not dialog.voice_cues.isEnabled()
    assert not dialog.voice_cues.isChecked()
    dialog.save()
    assert settings.get(Options.voice_cues)  # kept for a desktop that can speak


def test_the_routines_page_lists_the_spasm_routine_first(window: MainWindow) -> None:
    window.open_page("routines")
    assert window.routine_list.cards[0].routine.id == SPASM_ROUTINE
