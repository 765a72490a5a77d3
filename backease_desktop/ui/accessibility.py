"""Accessibility roles Qt's widgets cannot declare by themselves, and announcements.

Qt picks an accessible role from a widget's class; the red-flag banner must be exposed as an
*alert*, pictures as *images* and link buttons as *links*, so a factory gives widgets that
ask for it (`accessible_role` attribute) an interface with that role. (Qt exposes no links
inside rich text at all, hence links that are buttons.) Announcements (phase changes in the
player) go through QAccessibleAnnouncementEvent where Qt has it (6.8+), else a description
change on the view."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QWidget

_installed = False


class _Link(QAccessibleWidget):
    """A button drawn as a link (ui/link_button.py), exposed as a link that assistive
    technology can follow: its name is its text, its one action presses it."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.Link)
        self._button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name and not self._button.accessibleName():
            return self._button.text()
        return super().text(kind)

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._button.click()


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    role = getattr(obj, "accessible_role", None)
    if isinstance(role, QAccessible.Role) and isinstance(obj, QWidget):
        if role == QAccessible.Role.Link and isinstance(obj, QAbstractButton):
            interface: QAccessibleWidget = _Link(obj)
        else:
            interface = QAccessibleWidget(obj, role)
        # Qt's accessibility cache owns the interface; keep the Python wrapper alive as long
        # as the widget so it is not collected from under Qt.
        obj.__dict__["_accessible_interface"] = interface
        return interface
    return None


def install_role_factory() -> None:
    """Installs the factory once per process (QApplication must exist)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def announce(widget: QWidget, message: str) -> None:
    """Asks screen readers to speak `message` without moving focus."""
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt older than 6.8
        widget.setAccessibleDescription(message)
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    QAccessible.updateAccessibility(event)
