"""The composition root: builds the core objects and the windows and wires them together.
The only module that knows every part of the app."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from backease_desktop import APP_ID, APP_NAME, __version__
from backease_desktop.cli import LaunchRequest
from backease_desktop.core.clock import SystemClock
from backease_desktop.core.content import Routine
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.platform import bench_hooks
from backease_desktop.platform.cues import PhaseCues, SoundCues
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.platform.settings_store import open_settings
from backease_desktop.platform.speech import shared_voice
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.main_window import HELP_TOPIC, MainWindow
from backease_desktop.ui.style import stylesheet

if TYPE_CHECKING:
    from backease_desktop.ui.player import PlayerPage

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(theme.app_icon())
    install_role_factory()
    app.setStyleSheet(stylesheet(app))
    return app


class BackEase:
    """Owns the app's long-lived objects for the lifetime of the process."""

    def __init__(self, app: QApplication, request: LaunchRequest) -> None:
        self.app = app
        self.request = request
        self.settings = open_settings()
        self.library = load_library(user_routine_dirs=[user_routines_dir()])
        for error in self.library.errors:
            log.warning("content: %s", error)
        self.window = MainWindow(self.library, self.settings)
        self.window.quit_action.triggered.connect(self.quit)
        self.window.open_start_page(f"topic:{request.topic}" if request.topic else None)
        bench_hooks.install(self.window)
        self._wire_player()

    def _wire_player(self) -> None:
        """The routine player: a page of the main window, the driver the rest of the app
        talks to (`self.player`), and the cues. The page and the cues' Qt modules are built
        on the first start, not at start-up."""
        self.player = PlayerDriver(self.library, SystemClock(), self.window)
        window = self.window

        def build_page() -> PlayerPage:
            # Imported here: start-up does not pay for the player until a routine starts.
            from backease_desktop.ui.player import PlayerPage

            page = PlayerPage(self.player, self.library, self.settings)
            page.closed.connect(self._leave_player)
            page.help_topic_requested.connect(lambda: window.open_page(f"topic:{HELP_TOPIC}"))
            page.full_screen_requested.connect(window.full_screen_action.toggle)
            window.full_screen_action.toggled.connect(page.run_view.show_full_screen)
            page.run_view.show_full_screen(window.full_screen_action.isChecked())
            return page

        window.add_page("player", build_page)
        self.player.start_requested.connect(self._open_player)
        self.player.start_refused.connect(self._refuse_start)
        window.routine_start_requested.connect(self.player.start_routine)
        window.stretch_start_requested.connect(self.player.start_stretch)
        # While a routine runs the sidebar is folded away: the countdown gets the room, and
        # a stray click cannot leave the player. The menus (Go, Back) still work.
        window.page_changed.connect(lambda key: window.sidebar.setVisible(key != "player"))

        cues = PhaseCues(self.settings, SoundCues(), shared_voice())
        self.player.on_phase_changed.append(cues.on_phase_changed)
        self.player.session_ended.connect(lambda completed, _wall: cues.on_finished(completed))

        if self.request.routine:
            self.player.start_routine(self.request.routine)

    def _open_player(self, routine: Routine) -> None:
        from backease_desktop.ui.player import PlayerPage

        page = self.window.page("player")
        assert isinstance(page, PlayerPage)
        page.prepare(routine)
        self.window.open_page("player")
        if not self.window.isVisible():
            self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _leave_player(self) -> None:
        if self.window.current_page_key() == "player":
            self.window.go_back()
        if self.window.current_page_key() == "player":  # nowhere to go back to
            self.window.open_start_page()

    def _refuse_start(self, message: str) -> None:
        self.window.open_page("routines")
        # Not exec(): the window stays live behind the message (and tests can read it).
        box = QMessageBox(
            QMessageBox.Icon.Information, "Routine not found", message, parent=self.window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show(self) -> None:
        if not self.request.tray:
            self.window.show()

    def quit(self) -> None:
        self.window.save_window_state()
        self.app.quit()


def run(request: LaunchRequest) -> int:
    app = create_application()
    backease = BackEase(app, request)
    backease.show()
    return app.exec()
