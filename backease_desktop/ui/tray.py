"""The tray icon and the reminder actions it shares with the main window's menu.

Nothing here runs on a timer: the menu's status line and its enabled items are worked out
when the menu is about to show, the tooltip when it is about to show (QEvent.ToolTip, where
the tray host asks) and after every change of the scheduler, worded with a clock time
("next break at 14:35") so it never goes stale in between."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from backease_desktop import APP_NAME
from backease_desktop.core.scheduler import BreakDue, State, Status
from backease_desktop.platform.reminders import (
    SNOOZE_MINUTES,
    START,
    Reminders,
    reminder_body,
    reminder_summary,
)
from backease_desktop.ui import theme


def system_tray_available() -> bool:
    """Whether the desktop shows tray icons now (a tray host may start after the app)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Tray", text)


def _clock(moment: datetime, now: datetime) -> str:
    """14:35 today, "Tue 09:00" within the week, a date further on."""
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    days_ahead = (moment.date() - now.date()).days
    if days_ahead == 0:
        return clock
    if 0 < days_ahead < 7:
        day = QLocale().dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
        return f"{day} {clock}"
    return f"{moment.date().isoformat()} {clock}"


def _minutes(seconds: float) -> str:
    if seconds < 60:
        return _tr("under a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return _tr("{0} min").format(minutes)
    hours, minutes = divmod(minutes, 60)
    if minutes:
        return _tr("{0} h {1:02d} min").format(hours, minutes)
    return _tr("{0} h").format(hours)


def status_text(status: Status, countdown: bool = False) -> str:
    """One line on what the reminders are doing. With `countdown`, also how long until the
    next break ("in 12 min"): right only at the moment it is computed."""
    state, now = status.state, status.now
    if state in (State.COUNTING, State.SNOOZED) and status.next_break_at is not None:
        at = _clock(status.next_break_at, now)
        text = (
            _tr("Next break at {0}") if state is State.COUNTING else _tr("Snoozed until {0}")
        ).format(at)
        seconds = status.seconds_to_break
        if countdown and seconds is not None:
            text += " " + _tr("(in {0})").format(_minutes(seconds))
        return text
    if state is State.DUE:
        return _tr("Time for a desk break")
    if state is State.WAITING_FOR_DO_NOT_DISTURB:
        return _tr("A break is due: the reminder waits until full screen or the call ends")
    if state is State.ON_BREAK:
        return _tr("On a break")
    if state is State.AWAY:
        return _tr("Away: the countdown starts again when you are back")
    if state is State.PAUSED:
        if status.paused_until is None:
            return _tr("Reminders paused")
        return _tr("Reminders paused until {0}").format(_clock(status.paused_until, now))
    if status.next_break_at is None:
        return _tr("Outside working hours: no working days are set")
    return _tr("Outside working hours: next break at {0}").format(_clock(status.next_break_at, now))


class ReminderActions(QObject):
    """The reminder commands as QActions, for the tray menu and the main window's menu."""

    open_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, reminders: Reminders, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reminders = reminders
        self.status_action = QAction(self)
        self.status_action.setEnabled(False)
        self.open_action = QAction(_tr("Open {0}").format(APP_NAME), self)
        self.open_action.triggered.connect(self.open_requested)
        self.take_break_action = QAction(_tr("Take a break now"), self)
        self.take_break_action.triggered.connect(reminders.take_break_now)
        self.snooze_action = QAction(_tr("Snooze {0} minutes").format(SNOOZE_MINUTES), self)
        self.snooze_action.triggered.connect(lambda: reminders.snooze())
        self.skip_action = QAction(_tr("Skip this break"), self)
        self.skip_action.triggered.connect(reminders.skip)

        self.pause_menu = QMenu(_tr("Pause reminders"))
        self.pause_hour_action = self.pause_menu.addAction(_tr("For 1 hour"))
        self.pause_hour_action.triggered.connect(reminders.pause_for_hour)
        self.pause_tomorrow_action = self.pause_menu.addAction(_tr("Until tomorrow"))
        self.pause_tomorrow_action.triggered.connect(reminders.pause_until_tomorrow)
        self.pause_resumed_action = self.pause_menu.addAction(_tr("Until I resume them"))
        self.pause_resumed_action.triggered.connect(reminders.pause_until_resumed)
        self.resume_action = QAction(_tr("Resume reminders"), self)
        self.resume_action.triggered.connect(reminders.resume)

        self.settings_action = QAction(_tr("Settings…"), self)
        self.settings_action.triggered.connect(self.settings_requested)
        self.quit_action = QAction(_tr("Quit"), self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.refresh()

    def fill(self, menu: QMenu, with_open: bool = True, with_quit: bool = True) -> None:
        """Adds the actions to `menu`; it refreshes them each time it opens."""
        menu.addAction(self.status_action)
        menu.addSeparator()
        if with_open:
            menu.addAction(self.open_action)
        menu.addAction(self.take_break_action)
        menu.addAction(self.snooze_action)
        menu.addAction(self.skip_action)
        menu.addMenu(self.pause_menu)
        menu.addAction(self.resume_action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        if with_quit:
            menu.addSeparator()
            menu.addAction(self.quit_action)
        menu.aboutToShow.connect(self.refresh)

    def refresh(self) -> None:
        status = self.reminders.status()
        self.status_action.setText(status_text(status, countdown=True))
        due = status.state in (State.DUE, State.WAITING_FOR_DO_NOT_DISTURB)
        paused = status.state is State.PAUSED
        # Without the guided break (core/safety.py) there is no routine to start.
        self.take_break_action.setEnabled(
            status.state is not State.ON_BREAK and self.reminders.guided_break_offered()
        )
        self.snooze_action.setEnabled(due)
        self.skip_action.setVisible(due)
        self.pause_menu.menuAction().setVisible(not paused)
        self.resume_action.setVisible(paused)


def tray_icon_image(paused: bool) -> QIcon:
    """The tray pictures keep their brand colours in both themes."""
    return theme.icon("backease-tray-paused" if paused else "backease-tray", dark=False)


class TrayIcon(QSystemTrayIcon):
    """BackEase in the system tray: the reminder menu, a tooltip saying when the next break
    is, and a different picture while reminders are paused."""

    def __init__(
        self, reminders: Reminders, actions: ReminderActions, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.reminders = reminders
        self.actions = actions
        self.menu = QMenu()
        actions.fill(self.menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self._paused: bool | None = None
        reminders.status_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        status = self.reminders.status()
        paused = status.state is State.PAUSED
        if paused != self._paused:
            self._paused = paused
            self.setIcon(tray_icon_image(paused))
        self.setToolTip(self.tooltip_text(status))

    def tooltip_text(self, status: Status | None = None, countdown: bool = False) -> str:
        status = status or self.reminders.status()
        return f"{APP_NAME}\n{status_text(status, countdown)}"

    def event(self, event: QEvent) -> bool:
        # The X11 tray forwards the hover to this object before showing the tooltip: a
        # moment to add the countdown, exact when the user looks.
        if event.type() == QEvent.Type.ToolTip:
            self.setToolTip(self.tooltip_text(countdown=True))
        return super().event(event)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.actions.open_requested.emit()


class TrayMessagePresenter(QObject):
    """The tray icon's own message, where no notification server takes actions. A click on
    it starts the break; snooze and skip are in the tray menu."""

    name = "tray message"
    MESSAGE_MS = 30_000

    def __init__(
        self, tray: QSystemTrayIcon, answer: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.answer = answer
        self.showing = False
        tray.messageClicked.connect(self._on_clicked)

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool:
        if not self.tray.isVisible() or not system_tray_available():
            return False
        body = reminder_body(due, interval_s, guided) + " "
        if guided:
            body += _tr("Click here to start it; snooze or skip from the BackEase tray menu.")
        else:
            body += _tr("Snooze or skip from the BackEase tray menu.")
        self.tray.showMessage(
            reminder_summary(), body, QSystemTrayIcon.MessageIcon.Information, self.MESSAGE_MS
        )
        self.showing = guided  # a click starts the break only when one is offered
        return True

    def close_reminder(self) -> None:
        # Qt cannot take a tray message back; it disappears by itself after MESSAGE_MS.
        self.showing = False

    def _on_clicked(self) -> None:
        if self.showing:
            self.showing = False
            self.answer(START)


class CloseToTray(QObject):
    """Closing the main window hides it while a tray icon is showing (the app keeps
    reminding) and quits the app where there is none.

    Only the user's closes (from the window manager: spontaneous events) are taken over.
    Qt 6 closes every window when the app quits, with events of its own, and those must
    go through, or quitting would stop at the first window."""

    hidden_to_tray = Signal()
    quit_requested = Signal()

    def __init__(self, window: QWidget, tray: QSystemTrayIcon | None) -> None:
        super().__init__(window)
        self.window = window
        self.tray = tray
        window.installEventFilter(self)

    def tray_showing(self) -> bool:
        return self.tray is not None and self.tray.isVisible() and system_tray_available()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and event.spontaneous() and watched is self.window:
            event.ignore()
            self.user_closed()
            return True
        return False

    def user_closed(self) -> None:
        """The user closed the window: into the tray, or quit."""
        if self.tray_showing():
            self.window.hide()
            self.hidden_to_tray.emit()
        else:
            self.quit_requested.emit()
