"""The small reminder window, for desktops with neither a notification server nor a tray.

It appears in a corner on top of other windows and never takes the keyboard: someone in the
middle of a sentence keeps typing where they were (Qt.WindowDoesNotAcceptFocus, shown without
activating). Mouse users answer with its buttons; keyboard users through the main window's
Reminders menu, which offers the same answers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backease_desktop import APP_NAME
from backease_desktop.core.content import RedFlags
from backease_desktop.core.scheduler import BreakDue
from backease_desktop.platform.reminders import (
    DISMISSED,
    SKIP,
    SNOOZE,
    SNOOZE_MINUTES,
    START,
    reminder_body,
    reminder_summary,
)
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.banner import RedFlagBanner

_MARGIN_PX = 16


class ReminderWindow(QWidget):
    """ "Time for a desk break" with Start break, Snooze and Skip, and the red-flag banner."""

    start_requested = Signal()
    snooze_requested = Signal()
    skip_requested = Signal()
    dismissed = Signal()  # closed by the window manager (the window has no close button)
    red_flags_requested = Signal()  # the banner's "Warning signs…"

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        # A frameless tool window, like a notification bubble: no title bar to place or
        # to click into, and nothing in the task bar.
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("reminderWindow")
        self.setStyleSheet(
            "#reminderWindow { border: 1px solid palette(mid); }"
            "#reminderBody { background: palette(window); }"
        )
        self.setWindowTitle(self.tr("Desk break — {0}").format(APP_NAME))
        self.setWindowIcon(theme.app_icon())
        self.setAccessibleName(self.tr("Desk break reminder"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        body = QWidget()
        body.setObjectName("reminderBody")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(18, 16, 18, 14)
        inner.setSpacing(10)
        self.heading = QLabel(reminder_summary())
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        inner.addWidget(self.heading)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(360)
        inner.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.start_button = QPushButton(self.tr("Start break"))
        # Named by their words (voice control users say what they see); detail in the
        # description.
        self.start_button.setAccessibleDescription(self.tr("Starts the guided desk break"))
        self.start_button.setDefault(True)
        self.snooze_button = QPushButton(self.tr("Snooze {0} min").format(SNOOZE_MINUTES))
        self.snooze_button.setAccessibleDescription(
            self.tr("Reminds you again in {0} minutes").format(SNOOZE_MINUTES)
        )
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setAccessibleDescription(self.tr("Skips this break"))
        for button, signal in (
            (self.start_button, self.start_requested),
            (self.snooze_button, self.snooze_requested),
            (self.skip_button, self.skip_requested),
        ):
            # The window never takes focus, so its buttons do not either.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        layout.addWidget(body)

        self.banner = RedFlagBanner(red_flags, compact=True)
        self.banner.details_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.banner.details_requested.connect(self.red_flags_requested)
        layout.addWidget(self.banner)
        self._closing_by_request = False

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> None:
        self.message.setText(reminder_body(due, interval_s, guided))
        self.start_button.setVisible(guided)
        self.adjustSize()
        self.move(self._corner())
        self.show()
        self.raise_()
        announce(self, f"{self.heading.text()}. {self.message.text()}")

    def hide_reminder(self) -> None:
        self._closing_by_request = True
        self.hide()
        self._closing_by_request = False

    def _corner(self) -> QPoint:
        """Bottom right of the screen's free area, where notifications usually appear."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QPoint(0, 0)
        area = screen.availableGeometry()
        size = self.frameGeometry().size()
        return QPoint(
            area.right() - size.width() - _MARGIN_PX, area.bottom() - size.height() - _MARGIN_PX
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_request and self.isVisible():
            self.dismissed.emit()
        super().closeEvent(event)


class ReminderWindowPresenter(QObject):
    """Shows reminders in a ReminderWindow (built the first time one is due)."""

    name = "reminder window"

    def __init__(
        self,
        window_factory: Callable[[], ReminderWindow],
        answer: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = window_factory
        self.answer = answer
        self.window: ReminderWindow | None = None

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool:
        if self.window is None:
            self.window = self._factory()
            for signal, key in (
                (self.window.start_requested, START),
                (self.window.snooze_requested, SNOOZE),
                (self.window.skip_requested, SKIP),
                (self.window.dismissed, DISMISSED),
            ):
                signal.connect(lambda key=key: self._answered(key))
        self.window.show_reminder(due, interval_s, guided)
        return True

    def close_reminder(self) -> None:
        if self.window is not None:
            self.window.hide_reminder()

    def _answered(self, key: str) -> None:
        if self.window is not None and key != DISMISSED:
            self.window.hide_reminder()
        self.answer(key)
