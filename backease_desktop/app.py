"""The composition root: builds the core objects and the windows and wires them together.
The only module that knows every part of the app."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from backease_desktop import APP_ID, APP_NAME, __version__
from backease_desktop.cli import LaunchRequest
from backease_desktop.core.clock import SystemClock
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.platform import bench_hooks
from backease_desktop.platform.cues import PhaseCues, SoundCues
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.platform.settings_store import open_settings
from backease_desktop.platform.speech import shared_voice
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.player.host import install_player
from backease_desktop.ui.style import stylesheet

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
        """The routine player: `self.player` is the driver the rest of the app talks to
        (start_routine, pause_for_lock, session and step signals); its page joins the main
        window, and its cues load their Qt modules on the first routine."""
        self.player = PlayerDriver(self.library, SystemClock(), self.window)
        install_player(self.window, self.player, self.library, self.settings)
        cues = PhaseCues(self.settings, SoundCues(), shared_voice())
        self.player.on_phase_changed.append(cues.on_phase_changed)
        self.player.session_ended.connect(lambda completed, _wall: cues.on_finished(completed))
        if self.request.routine:
            self.player.start_routine(self.request.routine)

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
