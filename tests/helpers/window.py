"""The main window as a start shows it (accessibility roles installed, the start page open),
for the window tests that need no player, history or reminders."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.core.settings import Settings
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.main_window import MainWindow


def make_window(qtbot: QtBot, library: Library, settings: Settings) -> MainWindow:
    install_role_factory()
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.open_start_page()
    window.show()
    qtbot.waitExposed(window)
    return window
