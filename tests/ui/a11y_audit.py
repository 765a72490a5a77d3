"""An accessibility audit of whatever a window shows, read through Qt's accessibility
interfaces (what the AT-SPI bridge hands a screen reader) and through the pixels.

Generic on purpose: it walks every visible widget of a window, whatever view is up, so new
views are audited without being named here. Findings are plain sentences naming the
widget, so a failing test says what to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from backease_desktop.ui.svg_view import SvgView

CONTROLS = (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QProgressBar,
    QAbstractScrollArea,
)


@dataclass
class Findings:
    """What the audit found, with the widgets whose findings are somebody else's to fix
    (`pending`) kept apart."""

    problems: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)


def plain(text: str, rich: bool | None = None) -> str:
    """What a label shows, as a screen reader would read it: rich text as plain text, one
    space between words, mnemonics' & removed."""
    if rich if rich is not None else bool(re.search(r"<[a-zA-Z/][^>]*>|&\w+;", text)):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    text = re.sub(r"&(?!&)", "", text)
    return " ".join(text.split())


def accessible(widget: QWidget) -> tuple[str, str, QAccessible.Role]:
    interface = QAccessible.queryAccessibleInterface(widget)
    return (
        interface.text(QAccessible.Text.Name),
        interface.text(QAccessible.Text.Description),
        interface.role(),
    )


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = plain(widget.text())[:40]
    name = widget.objectName()
    return f"{type(widget).__name__}{f' #{name}' if name else ''}{f' {text!r}' if text else ''}"


def shown_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and w.window() is window]


def form_label(widget: QWidget) -> str:
    """The text of the label a form row puts beside `widget`, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel):
                return plain(label.text())
        parent = parent.parentWidget()
    return ""


def check_names(widget: QWidget) -> list[str]:
    if isinstance(widget.parentWidget(), QAbstractSpinBox):
        return []  # a spin box's own line edit: the spin box speaks for it
    name, description, _role = accessible(widget)
    where = describe(widget)
    problems = []
    if isinstance(widget, QLabel):
        if widget.pixmap() is not None and not widget.pixmap().isNull() and not widget.text():
            if not (name or description):
                problems.append(f"{where}: an image without a name or description")
        elif widget.text() and plain(name, rich=False) != plain(widget.text()):
            problems.append(f"{where}: exposes {name!r} instead of what it shows")
        return problems
    if isinstance(widget, SvgView):
        if widget.has_picture() and not description:
            problems.append(f"{where}: a picture without a description ({name!r})")
        return problems
    if isinstance(widget, CONTROLS) and not isinstance(widget, QScrollBar):
        # (A scroll bar's role says all: screen readers expect no name on one.)
        if not name.strip():
            problems.append(f"{where}: a control without an accessible name")
            return problems
        label = plain(widget.text()) if isinstance(widget, QAbstractButton) else ""
        label = label or form_label(widget)
        if label and not plain(name).casefold().startswith(label.casefold()):
            problems.append(f"{where}: named {name!r}, which does not start with {label!r}")
    return problems


def _outside_scrolling(widget: QWidget, window: QWidget) -> bool:
    """True when `widget` does not sit inside a scrolling area (which may hide it)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return False
        parent = parent.parentWidget()
    return True


def check_clipping(widget: QWidget, window: QWidget) -> list[str]:
    """A control or a text cut off by its window, a parent, or its own size."""
    if not isinstance(widget, (*CONTROLS, QLabel)) or not _outside_scrolling(widget, window):
        return []
    if isinstance(widget, QLabel) and not widget.text():
        return []
    where = describe(widget)
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    visible = rect.intersected(window.rect())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        visible = visible.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    if visible.height() < rect.height() - 1 or visible.width() < rect.width() - 1:
        return [f"{where}: cut off, {visible.width()}x{visible.height()} of {rect.size()}"]
    if isinstance(widget, QLabel) and widget.wordWrap():
        needed = widget.heightForWidth(widget.width())
        if widget.height() < needed - 1:
            return [f"{where}: text cut off, {widget.height()} px tall, needs {needed}"]
    elif isinstance(widget, QLabel) and widget.sizePolicy().horizontalPolicy() != (
        widget.sizePolicy().Policy.Ignored
    ):
        needed = widget.minimumSizeHint().width()
        if widget.width() < needed - 1:
            return [f"{where}: text cut off, {widget.width()} px wide, needs {needed}"]
    return []


def takes_tab_focus(widget: QWidget) -> bool:
    return (
        widget.isEnabled()
        and bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
        and widget.focusProxy() is None
        and not isinstance(widget, QTextEdit | QLabel)
    )


def _changed_pixels(before: QImage, after: QImage, enough: int) -> int:
    """How many pixels differ, counting up to `enough` (a focused widget changes many)."""
    if before.size() != after.size():
        return enough
    if before == after:
        return 0
    first = before.convertToFormat(QImage.Format.Format_RGB32)
    second = after.convertToFormat(QImage.Format.Format_RGB32)
    old = memoryview(first.constBits()).cast("I")
    new = memoryview(second.constBits()).cast("I")
    changed = 0
    for a, b in zip(old, new, strict=True):
        if a != b:
            changed += 1
            if changed >= enough:
                break
    return changed


def check_focus_visible(widget: QWidget) -> list[str]:
    """Focus must change how the widget looks: a ring, a frame, a highlight."""
    holder = QApplication.focusWidget()
    if holder is widget:
        widget.clearFocus()
    QApplication.processEvents()
    before = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    if not widget.hasFocus():
        return []  # the window is not active: nothing to judge
    after = widget.grab().toImage()
    widget.clearFocus()
    if holder is not None and holder is not widget:
        holder.setFocus()
    # A ring or a frame changes at least a line of pixels around the widget.
    enough = min(widget.width(), widget.height())
    if _changed_pixels(before, after, enough) < enough:
        return [f"{describe(widget)}: takes the focus but looks no different with it"]
    return []


def audit(window: QWidget, pending: tuple[type[QWidget], ...] = ()) -> Findings:
    """Every check on every widget `window` shows. Findings inside a widget of a `pending`
    class go to `Findings.pending` instead."""
    findings = Findings()
    for widget in shown_widgets(window):
        problems = check_names(widget) + check_clipping(widget, window)
        if takes_tab_focus(widget):
            problems += check_focus_visible(widget)
        owner = widget
        elsewhere = False
        while owner is not None:
            if isinstance(owner, pending):
                elsewhere = True
                break
            owner = owner.parentWidget()
        (findings.pending if elsewhere else findings.problems).extend(problems)
    return findings
