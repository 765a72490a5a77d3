"""`after_first_paint(widget, callback)`: work that the first frame should not wait for
(the reminders, the tray, the desktop's services) runs once the window is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            # Qt paints a whole frame and flushes it before the event loop runs again.
            QTimer.singleShot(0, self.widget, self.callback)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Calls `callback` from the event loop once `widget` has painted for the first time.
    Pick a widget that always paints (a window whose children cover it gets no Paint event
    itself); only its own events pass through the filter."""
    _FirstPaint(widget, callback)
