"""Puts the desk-break reminders into the app: the tray icon and its menu (also under
BackEase > Reminders), closing to the tray, the desktop's services, and later launches.

The app builds this after the window's first paint (at once with --tray, where nothing is
painted), so the first frame waits for none of it: the scheduler, the tray, the
single-instance server and the desktop's sources (D-Bus, X11)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from backease_desktop import APP_NAME
from backease_desktop.core.content import Library
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.platform.reminders import DesktopSupport, Reminders, attach_desktop
from backease_desktop.platform.speech import voice_unavailable_reason
from backease_desktop.ui import theme
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.tray import (
    CloseToTray,
    ReminderActions,
    TrayIcon,
    TrayMessagePresenter,
    system_tray_available,
)

if TYPE_CHECKING:
    from backease_desktop.platform.single_instance import InstanceServer
    from backease_desktop.ui.reminder_window import ReminderWindow

log = logging.getLogger(__name__)

# How long a tray host starting with the session gets to appear after a --tray launch.
TRAY_GRACE_MS = 5000


class RemindersHost(QObject):
    """Owns the reminders' place in the app. `reminders` is the feature's object for the rest
    of the app; `tray` and `instance_server` are None until the desktop has been set up."""

    def __init__(
        self,
        app: QApplication,
        window: MainWindow,
        settings: Settings,
        library: Library,
        player: PlayerDriver,
        request: LaunchRequest,
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.settings = settings
        self.library = library
        self.player = player
        self.request = request
        self.reminders = Reminders(
            settings, interval_override_s=request.break_interval_s, parent=window
        )
        self.actions = ReminderActions(self.reminders, parent=window)
        # Until the desktop has been asked what it offers.
        self.desktop_support = DesktopSupport()
        self.tray: TrayIcon | None = None
        self.instance_server: InstanceServer | None = None
        self.no_tray_note = QLabel(
            window.tr("No system tray: reminders run only while this window is open.")
        )
        window.add_status_note(self.no_tray_note)  # shown by note_tray() without a tray

        self.actions.open_requested.connect(self.show_window)
        self.actions.settings_requested.connect(self.open_settings)
        self.actions.quit_requested.connect(quit_app)
        # Connected before the app plays the break, so the window is up when it starts.
        self.reminders.break_start_requested.connect(self.show_window)
        reminders_menu = QMenu(window.tr("&Reminders"), window)
        self.actions.fill(reminders_menu, with_open=False, with_quit=False)
        window.app_menu.insertMenu(window.quit_action, reminders_menu)
        window.app_menu.insertSeparator(window.quit_action)
        # No tray yet: closing quits until start_desktop() has shown one.
        self.close_to_tray = CloseToTray(window, None)
        self.close_to_tray.hidden_to_tray.connect(self.hint_tray_once)
        self.close_to_tray.hidden_to_tray.connect(self.note_tray)
        self.close_to_tray.quit_requested.connect(quit_app)
        app.aboutToQuit.connect(self.reminders.close_desktop)

        self.reminders.start()
        # The desktop's services next, from the event loop: the tray icon alone is slow to
        # make, and a launch handed over meanwhile waits for the server.
        QTimer.singleShot(0, window, self.start_desktop)

    def show_window(self) -> None:
        """Brings the main window up, from the tray, a reminder or a later launch, even
        when it was hidden or minimised."""
        window = self.window
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()

    def note_tray(self) -> None:
        """Follows whether there is a tray: with one the app outlives its window; without
        one, closing it quits, and the status bar says reminders stop with it."""
        available = system_tray_available()
        self.window.set_status_note_visible(self.no_tray_note, not available)
        self.app.setQuitOnLastWindowClosed(not available)

    def open_settings(self) -> None:
        """Opens the settings dialog, telling it what this desktop offers the reminders
        and why voice cues may be unavailable."""
        from backease_desktop.ui.settings_dialog import SettingsDialog

        voice_note = voice_unavailable_reason()
        # The tray may have come or gone since start-up: asked again each time.
        support = DesktopSupport(
            idle_source=self.desktop_support.idle_source,
            do_not_disturb_sources=self.desktop_support.do_not_disturb_sources,
            tray=system_tray_available(),
            sleep_source=self.desktop_support.sleep_source,
        )
        # From the tray with the window hidden, the dialog stands on its own.
        parent: QWidget | None = self.window if self.window.isVisible() else None
        dialog = SettingsDialog(
            self.settings, voice_note, support, self.reminders.interval_override_s, parent
        )
        dialog.saved.connect(lambda: self.apply_settings(dialog.interval_changed))
        dialog.exec()
        dialog.deleteLater()

    def apply_settings(self, interval_changed: bool) -> None:
        """Applies saved settings to the reminders; an interval chosen in the dialog
        replaces one given on the command line."""
        if interval_changed:
            self.reminders.interval_override_s = None
        self.reminders.apply_settings()

    def hint_tray_once(self) -> None:
        """The first time the window closes into the tray, says the app keeps running
        there and how to quit, so a closed window does not look like a quit app."""
        if self.settings.get(Options.tray_hint_shown):
            return
        assert self.tray is not None  # the window hides to the tray only while one shows
        self.tray.showMessage(
            APP_NAME,
            self.window.tr(
                "BackEase keeps running in the tray and reminds you to take breaks. "
                "To quit, choose Quit in its menu."
            ),
            theme.app_icon(),
            15_000,
        )
        self.settings.set(Options.tray_hint_shown, True)

    def take_over_launch(self, request: LaunchRequest) -> None:
        """Does what a later launch asked of this, the running instance: its interval, topic
        or routine; the window comes up unless it asked for the tray alone."""
        if request.break_interval_s is not None:
            self.reminders.set_interval_override(request.break_interval_s)
        if request.topic:
            self.window.open_page(f"topic:{request.topic}")
        if request.routine:
            self.player.start_routine(request.routine)
        if not request.tray or request.topic or request.routine:
            self.show_window()
        if request.plan:
            self.window.plan_open_requested.emit(request.plan)

    def start_desktop(self) -> None:
        """Sets up what waited for the first paint: the single-instance server, the tray
        icon, the desktop's sources, and the ways a reminder is shown, best first."""
        from backease_desktop.platform.single_instance import InstanceServer
        from backease_desktop.ui.reminder_window import ReminderWindowPresenter

        window, reminders = self.window, self.reminders
        self.instance_server = InstanceServer(window)
        self.instance_server.request_received.connect(self.take_over_launch)
        self.instance_server.listen()
        # Created here, after the first frame: the first QSystemTrayIcon is slow to make.
        tray = TrayIcon(reminders, self.actions, parent=window)
        self.tray = self.close_to_tray.tray = tray
        tray.show()
        self.note_tray()
        support, notification_presenter = attach_desktop(reminders, QGuiApplication.platformName())
        self.desktop_support = support
        reminders.set_presenters(
            [
                notification_presenter,
                TrayMessagePresenter(tray, reminders.answer, parent=window),
                ReminderWindowPresenter(self.build_reminder_window, reminders.answer, window),
            ]
        )
        # A tray host starting with the session may appear a moment after BackEase.
        QTimer.singleShot(
            TRAY_GRACE_MS if self.request.tray else 0, window, self.check_tray_at_start
        )

    def check_tray_at_start(self) -> None:
        """Looks for the tray again once its host has had time to start; a --tray launch
        with no tray shows the window, or the app would run with nothing on screen."""
        self.note_tray()
        if self.request.tray and not system_tray_available() and not self.window.isVisible():
            log.warning("reminders: --tray, but there is no system tray; showing the window")
            self.show_window()

    def build_reminder_window(self) -> ReminderWindow:
        """Builds the small reminder window, the last resort when neither notifications nor
        the tray can show a reminder; its red-flag link opens them in the main window."""
        from backease_desktop.ui.reminder_window import ReminderWindow

        popup = ReminderWindow(self.library.red_flags)
        popup.red_flags_requested.connect(self.show_window)
        popup.red_flags_requested.connect(self.window.show_red_flags)
        return popup
