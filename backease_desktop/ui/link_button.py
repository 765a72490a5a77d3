"""A link that is a real widget: a flat button drawn as a link, in the Tab order, pressed
by Enter or Space, and exposed to screen readers as a link they can follow (Qt exposes no
links inside rich text, so links written in a QTextBrowser reach nobody using one)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPushButton, QWidget


class LinkButton(QPushButton):
    accessible_role = QAccessible.Role.Link

    def __init__(self, text: str, target: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.target = target
        self.setObjectName("link")
        self.setFlat(True)
        self.setAutoDefault(True)  # Enter follows it, as Space does
