"""`after_first_paint(widget, callback)`: work that the first frame should not wait for
(the reminders, the tray, the desktop's services) runs once the window is on screen.

A window that is not shown on screen (mapped on another workspace, minimised at once by
the window manager) gets no paint; the work then runs after FALLBACK_MS anyway, so the
reminders and the tray never wait for the user to look."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1500


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        widget.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._run_soon)
        self._fallback.start(FALLBACK_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            # Qt paints a whole frame and flushes it before the event loop runs again.
            self._run_soon()
        return False

    def _run_soon(self) -> None:
        self.widget.removeEventFilter(self)
        self._fallback.stop()
        QTimer.singleShot(0, self.widget, self.callback)
        self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Calls `callback` from the event loop once `widget` has painted for the first time,
    or after FALLBACK_MS if it has not. Pick a widget that always paints (a window whose
    children cover it gets no Paint event itself); only its own events pass through the
    filter."""
    _FirstPaint(widget, callback)
