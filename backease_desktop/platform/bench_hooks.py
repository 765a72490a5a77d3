"""Hooks the benchmark harness switches on with environment variables; inert otherwise.

The harness (benchmarks/) starts the app as a user would and learns from these hooks, on
stdout, when the window was first painted and which heavy modules were loaded by then."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# "1": print the time of the first painted frame and quit; "stay": print it and keep running.
FIRST_PAINT_ENV = "BACKEASE_BENCH_FIRST_PAINT"
# Any value: print the time the event loop first runs (for --tray, where nothing is painted).
READY_ENV = "BACKEASE_BENCH_READY"
# Any value: with either line above, first list which HEAVY_MODULES are already imported.
IMPORTS_ENV = "BACKEASE_BENCH_IMPORTS"

# Modules that cost start-up time and that the first window does not need.
HEAVY_MODULES = (
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "sqlite3",
    "jsonschema",
)


def heavy_modules_loaded() -> list[str]:
    return [name for name in HEAVY_MODULES if name in sys.modules]


def _say(*lines: str) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


def _report(event: str) -> None:
    # CLOCK_MONOTONIC is system-wide on Linux, so the harness can subtract its own reading
    # taken just before it started this process.
    now = time.monotonic()
    lines = []
    if os.environ.get(IMPORTS_ENV):
        lines.append("heavy-imports " + ",".join(heavy_modules_loaded()))
    lines.append(f"{event} {now:.6f}")
    _say(*lines)


class _FirstPaintWatcher(QObject):
    """Waits for the first Paint event of the window or any widget in it, then reports once
    control is back in the event loop: Qt paints every dirty widget of a frame and flushes
    the frame to the window in one go, so by then the frame is on screen.

    The filter sits on the application, not the window, because a window whose children
    are opaque and cover it gets no Paint event of its own."""

    def __init__(self, app: QApplication, window: QWidget, quit_after: bool) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._quit_after = quit_after
        self._seen = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            self._seen = True
            self._app.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        _report("first-paint")
        if self._quit_after:
            QApplication.quit()


def install(window: QWidget) -> None:
    """Called once the main window exists, before it is shown."""
    first_paint = os.environ.get(FIRST_PAINT_ENV, "")
    app = QApplication.instance()
    if first_paint and isinstance(app, QApplication):
        _FirstPaintWatcher(app, window, quit_after=first_paint != "stay")
    if os.environ.get(READY_ENV):
        QTimer.singleShot(0, lambda: _report("ready"))
