"""The composition root: builds the core objects and the windows and wires them together.
The only module that knows every part of the app."""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from backease_desktop import APP_ID, APP_NAME, __version__
from backease_desktop.cli import LaunchRequest
from backease_desktop.core.clock import SystemClock
from backease_desktop.core.content.cache import load_library_cached
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.core.settings import Options
from backease_desktop.platform import bench_hooks
from backease_desktop.platform.cues import PhaseCues, SoundCues
from backease_desktop.platform.history_recorder import HistoryRecorder
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.platform.reminders import DesktopSupport, Reminders
from backease_desktop.platform.settings_store import open_settings
from backease_desktop.platform.speech import shared_voice, voice_unavailable_reason
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.player.host import install_player
from backease_desktop.ui.progress.actions import HistoryActions
from backease_desktop.ui.sidebar import SidebarEntry
from backease_desktop.ui.style import stylesheet
from backease_desktop.ui.tray import (
    CloseToTray,
    ReminderActions,
    TrayIcon,
    TrayMessagePresenter,
    after_first_paint,
    system_tray_available,
)

if TYPE_CHECKING:
    from backease_desktop.ui.reminder_window import ReminderWindow

log = logging.getLogger(__name__)

# The routine a reminder's "Start break" plays (bundled in resources/routines/).
DESK_BREAK = "desk-break"


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
        self.library = load_library_cached([user_routines_dir()])
        for error in self.library.errors:
            log.warning("content: %s", error)
        self.window = MainWindow(self.library, self.settings)
        self.window.quit_action.triggered.connect(self.quit)
        self._wire_history()
        self._wire_player()
        self._wire_reminders()
        self._connect_features()
        # After the wiring, so pages the features add (Progress) can be the one reopened.
        self.window.open_start_page(f"topic:{request.topic}" if request.topic else None)
        bench_hooks.install(self.window)
        if request.routine:
            self.player.start_routine(request.routine)

    def _wire_player(self) -> None:
        """The routine player: `self.player` is the driver the rest of the app talks to
        (start_routine, pause_for_lock, session and step signals); its page joins the main
        window, and its cues load their Qt modules on the first routine."""
        self.player = PlayerDriver(self.library, SystemClock(), self.window)
        install_player(self.window, self.player, self.library, self.settings)
        cues = PhaseCues(self.settings, SoundCues(), shared_voice())
        self.player.on_phase_changed.append(cues.on_phase_changed)
        self.player.session_ended.connect(lambda completed, _wall: cues.on_finished(completed))

    def _connect_features(self) -> None:
        """What one feature reports, another acts on: sessions and breaks go to history, a
        reminder's Start plays the desk-break routine, and its end tells the reminders; a
        locked screen or a sleeping laptop pauses a routine."""
        player, reminders, history = self.player, self.reminders, self.history
        player.session_started.connect(history.on_session_started)
        player.step_ended.connect(history.on_step_ended)
        player.session_ended.connect(history.on_session_ended)
        player.pain_rated.connect(history.on_pain_rated)
        reminders.break_outcome.connect(history.on_break_outcome)
        reminders.break_start_requested.connect(lambda: player.start_routine(DESK_BREAK))
        reminders.left_desk.connect(player.pause_for_lock)

        def tell_reminders(completed: bool, _wall: float) -> None:
            routine = player.routine
            if routine is not None and routine.id == DESK_BREAK:
                reminders.break_ended(completed)

        player.session_ended.connect(tell_reminders)

    def _wire_history(self) -> None:
        """The history recorder (the player and the reminders report to its slots), the
        Progress page, and the history items of the app menu. Nothing here opens the
        history file: the first record, the page or a menu item does."""
        self.history = HistoryRecorder(SystemClock())
        self.history_actions = HistoryActions(self.window, self.history)
        self.history_actions.install(self.window.app_menu, before=self.window.quit_action)
        title = QCoreApplication.translate("BackEase", "Progress")
        self.window.add_page(
            "progress",
            self._build_progress_page,
            SidebarEntry(
                "progress",
                title,
                theme.icon("progress"),
                QCoreApplication.translate("BackEase", "Practice"),
                QCoreApplication.translate("BackEase", "history streak pain chart summary"),
            ),
        )
        go_progress = QAction(QCoreApplication.translate("BackEase", "&Progress"), self.window)
        go_progress.triggered.connect(lambda: self.window.open_page("progress"))
        self.window.go_menu.addAction(go_progress)

    def _build_progress_page(self) -> QWidget:
        from backease_desktop.ui.progress.page import FIRST_ROUTINE, build_progress_page

        routine = self.library.routine(FIRST_ROUTINE)
        first = (routine.id, routine.title) if routine is not None else None
        page = build_progress_page(self.history, first)
        page.page_requested.connect(self.window.open_page)
        page.summary_requested.connect(self.history_actions.open_summary)
        return page

    def _wire_reminders(self) -> None:
        """Desk-break reminders: the scheduler on its timer, the tray icon and its menu (also
        under BackEase > Reminders), the desktop's reports (idle, sleep, do not disturb),
        closing to the tray, and one instance per user (later launches hand over here).
        Signals for the rest of the app: self.reminders.break_start_requested and
        break_outcome; slot self.reminders.break_ended(completed)."""
        window, settings = self.window, self.settings
        reminders = Reminders(
            settings, interval_override_s=self.request.break_interval_s, parent=window
        )
        self.reminders = reminders
        actions = ReminderActions(reminders, parent=window)
        self.desktop_support = DesktopSupport()
        no_tray_note = QLabel(
            window.tr("No system tray: reminders run only while this window is open.")
        )
        no_tray_note.hide()  # until the tray has been looked for
        window.statusBar().addPermanentWidget(no_tray_note)

        def show_window() -> None:
            window.show()
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.raise_()
            window.activateWindow()

        def note_tray() -> None:
            available = system_tray_available()
            no_tray_note.setVisible(not available)
            # With a tray the app outlives its window; without one, closing it quits.
            self.app.setQuitOnLastWindowClosed(not available)

        def open_settings() -> None:
            from backease_desktop.ui.settings_dialog import SettingsDialog

            voice_note = voice_unavailable_reason()
            support = DesktopSupport(
                idle_source=self.desktop_support.idle_source,
                do_not_disturb_sources=self.desktop_support.do_not_disturb_sources,
                tray=system_tray_available(),
                sleep_source=self.desktop_support.sleep_source,
            )
            parent: QWidget | None = window if window.isVisible() else None
            dialog = SettingsDialog(
                settings, voice_note, support, reminders.interval_override_s, parent
            )

            def apply() -> None:
                if dialog.interval_changed:
                    reminders.interval_override_s = None
                reminders.apply_settings()

            dialog.saved.connect(apply)
            dialog.exec()
            dialog.deleteLater()

        def hidden_to_tray() -> None:
            if not settings.get(Options.tray_hint_shown):
                self.tray.showMessage(
                    APP_NAME,
                    window.tr(
                        "BackEase keeps running in the tray and reminds you to take breaks. "
                        "To quit, choose Quit in its menu."
                    ),
                    theme.app_icon(),
                    15_000,
                )
                settings.set(Options.tray_hint_shown, True)

        def on_launch(request: LaunchRequest) -> None:
            if request.break_interval_s is not None:
                reminders.set_interval_override(request.break_interval_s)
            if request.topic:
                window.open_page(f"topic:{request.topic}")
            if request.routine:
                self.player.start_routine(request.routine)
            if not request.tray or request.topic or request.routine:
                show_window()

        def start_desktop() -> None:
            from backease_desktop.platform.reminders import attach_desktop
            from backease_desktop.platform.single_instance import InstanceServer
            from backease_desktop.ui.reminder_window import ReminderWindowPresenter

            self.instance_server = InstanceServer(window)
            self.instance_server.request_received.connect(on_launch)
            self.instance_server.listen()
            # Created here: the first QSystemTrayIcon costs tens of milliseconds.
            tray = TrayIcon(reminders, actions, parent=window)
            self.tray = closer.tray = tray
            tray.show()
            note_tray()
            support, notification_presenter = attach_desktop(
                reminders, QGuiApplication.platformName()
            )
            self.desktop_support = support
            reminders.set_presenters(
                [
                    notification_presenter,
                    TrayMessagePresenter(tray, reminders.answer, parent=window),
                    ReminderWindowPresenter(reminder_window, reminders.answer, window),
                ]
            )
            # A tray host starting with the session may appear a moment after BackEase.
            QTimer.singleShot(5000 if self.request.tray else 0, window, check_tray_at_start)

        def check_tray_at_start() -> None:
            note_tray()
            if self.request.tray and not system_tray_available() and not window.isVisible():
                log.warning("reminders: --tray, but there is no system tray; showing the window")
                show_window()

        actions.open_requested.connect(show_window)
        actions.settings_requested.connect(open_settings)
        actions.quit_requested.connect(self.quit)
        reminders.break_start_requested.connect(show_window)
        reminders_menu = QMenu(window.tr("&Reminders"), window)
        actions.fill(reminders_menu, with_open=False, with_quit=False)
        window.app_menu.insertMenu(window.quit_action, reminders_menu)
        window.app_menu.insertSeparator(window.quit_action)
        closer = CloseToTray(window, None)
        self.close_to_tray = closer
        closer.hidden_to_tray.connect(hidden_to_tray)
        closer.hidden_to_tray.connect(note_tray)
        closer.quit_requested.connect(self.quit)
        self.app.aboutToQuit.connect(reminders.close_desktop)

        def reminder_window() -> ReminderWindow:
            from backease_desktop.ui.reminder_window import ReminderWindow

            popup = ReminderWindow(self.library.red_flags)
            popup.red_flags_requested.connect(show_window)
            popup.red_flags_requested.connect(window.show_red_flags)
            return popup

        reminders.start()
        # The tray and the desktop's services (D-Bus, X11) are set up once the window has
        # been painted: the first frame waits for none of them.
        if self.request.tray:
            QTimer.singleShot(0, window, start_desktop)
        else:
            after_first_paint(window.banner, start_desktop)

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
    # Everything built so far lives as long as the app: moved out of the garbage collector's
    # sight, a full collection no longer costs 20-35 ms in the middle of a routine.
    QTimer.singleShot(0, gc.freeze)
    return app.exec()
