"""The floor: the least a PySide6 program like BackEase can cost, measured in the same run
as the app so that the app's figures are ratios, not absolute times on a shared machine.

    python benchmarks/floor.py               a QMainWindow with a list and a label
    python benchmarks/floor.py --tray        a tray icon only, no window
    python benchmarks/floor.py --tray-check  print whether a system tray is available

It reports through the app's own bench hooks (the same environment variables, the same
first-paint detection), so both are timed the same way."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QSystemTrayIcon,
    QWidget,
)

from benchmarks import hooks


def build_window() -> tuple[QMainWindow, QLabel]:
    """The window, and its label (a widget that paints in every frame, for the hooks)."""
    window = QMainWindow()
    window.setWindowTitle("Floor")
    central = QWidget()
    layout = QHBoxLayout(central)
    items = QListWidget()
    items.addItems([f"Item {n}" for n in range(1, 11)])
    layout.addWidget(items)
    label = QLabel("A bare PySide6 window")
    layout.addWidget(label)
    window.setCentralWidget(central)
    window.resize(1080, 720)  # the size the app first opens at
    return window, label


def main(argv: list[str]) -> int:
    app = QApplication(argv)
    if "--tray-check" in argv:
        print("tray-available", "yes" if QSystemTrayIcon.isSystemTrayAvailable() else "no")
        return 0
    window, label = build_window()
    hooks.install(window, label)
    if "--tray" in argv:
        pixmap = QPixmap(22, 22)
        pixmap.fill(QColor("#3a7d44"))
        tray = QSystemTrayIcon(QIcon(pixmap), app)
        tray.setToolTip("Floor")
        tray.show()
    else:
        window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
