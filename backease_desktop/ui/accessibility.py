"""Accessibility roles Qt's widgets cannot declare by themselves, and announcements.

Qt picks an accessible role from a widget's class; the red-flag banner must be exposed as an
*alert*, so a factory gives widgets that ask for it (`accessible_role` attribute) an
interface with that role. Announcements (phase changes in the player) go through
QAccessibleAnnouncementEvent where Qt has it (6.8+), else a name change on a live label."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_installed = False


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    role = getattr(obj, "accessible_role", None)
    if isinstance(role, QAccessible.Role) and isinstance(obj, QWidget):
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
