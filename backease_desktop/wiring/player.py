"""Puts the player into the main window: its page, built on the first start; the Start
buttons and links; opening it for a routine; and leaving it again.

Imports the player's widgets only when the first routine starts, so start-up does not pay
for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from backease_desktop.core.content import Library, Routine
from backease_desktop.core.settings import Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.main_window import HELP_TOPIC, MainWindow

if TYPE_CHECKING:
    from backease_desktop.ui.player.page import PlayerPage

PAGE_KEY = "player"


def install_player(
    window: MainWindow, driver: PlayerDriver, library: Library, settings: Settings
) -> None:
    """Registers the player page with `window` and connects the window and the driver."""

    def build_page() -> PlayerPage:
        from backease_desktop.ui.player.page import PlayerPage

        page = PlayerPage(driver, library, settings)
        page.closed.connect(leave)
        page.help_topic_requested.connect(lambda: window.open_page(f"topic:{HELP_TOPIC}"))
        page.full_screen_requested.connect(window.full_screen_action.toggle)
        window.full_screen_action.toggled.connect(page.run_view.show_full_screen)
        page.run_view.show_full_screen(window.full_screen_action.isChecked())
        return page

    def open_for(routine: Routine) -> None:
        from backease_desktop.ui.player.page import PlayerPage

        page = window.page(PAGE_KEY)
        assert isinstance(page, PlayerPage)
        page.prepare(routine)
        window.open_page(PAGE_KEY)
        if not window.isVisible():  # started from the tray, e.g. by a break reminder
            window.show()
        window.raise_()
        window.activateWindow()

    def leave() -> None:
        if window.current_page_key() == PAGE_KEY:
            window.go_back()
        if window.current_page_key() == PAGE_KEY:  # nowhere to go back to
            window.open_start_page()

    def refuse(message: str) -> None:
        window.open_page("routines")
        # open(), not exec(): the window stays usable behind the message.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            window.tr("Routine not found"),
            message,
            QMessageBox.StandardButton.Ok,
            window,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def review_health_questions() -> None:
        from backease_desktop.core.safety import local_date
        from backease_desktop.ui.standing_questions import review_standing_answers

        today = local_date(driver.clock.wall())
        review_standing_answers(library.red_flags, settings, today, window)

    window.add_page(PAGE_KEY, build_page)
    window.health_questions_requested.connect(review_health_questions)
    driver.start_requested.connect(open_for)
    driver.start_refused.connect(refuse)
    window.routine_start_requested.connect(driver.start_routine)
    window.stretch_start_requested.connect(driver.start_stretch)
    # While the player shows, the sidebar folds away: the countdown gets the room, and a
    # stray click cannot leave a routine. The menus (Go, Back, F11) still work.
    window.page_changed.connect(lambda key: window.sidebar.setVisible(key != PAGE_KEY))
    _offer_way_back(window, driver)


def _offer_way_back(window: MainWindow, driver: PlayerDriver) -> None:
    """Leaving the player mid-routine (Go > Back, a topic from the Go menu) pauses it (see
    PlayerPage.hideEvent); Go > Return to the routine and a note in the status bar lead
    back to it until it is started again, stopped or replaced."""
    back = QAction(window.tr("Return to the &routine"), window)
    back.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return))
    back.setEnabled(False)
    back.triggered.connect(lambda: window.open_page(PAGE_KEY))
    window.go_menu.addAction(back)
    note = window.tr("The routine is paused. Go > Return to the routine (Ctrl+Return) carries on.")

    def offer(away: bool) -> None:
        back.setEnabled(away)
        if away:
            window.statusBar().showMessage(note)
        elif window.statusBar().currentMessage() == note:
            window.statusBar().clearMessage()

    window.page_changed.connect(lambda key: offer(key != PAGE_KEY and driver.is_active()))
    driver.session_ended.connect(lambda _completed, _ended_wall: offer(False))
