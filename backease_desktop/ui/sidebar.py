"""The sidebar: a filter box over the list of topics and practice pages."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class SidebarEntry:
    """One row: `key` is the page it opens (e.g. "topic:diagnosis"), `search_text` what the
    filter matches besides the title."""

    key: str
    title: str
    icon: QIcon
    group: str
    search_text: str = ""


class Sidebar(QFrame):
    """Emits `page_selected(key)` when the user picks a row by mouse or keyboard."""

    page_selected = Signal(str)

    def __init__(self, entries: list[SidebarEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(6)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter topics (Ctrl+F, Esc clears)"))
        self.filter.setAccessibleName(self.tr("Filter topics"))
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)
        layout.addWidget(self.filter)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Topics"))
        self.list.setIconSize(QSize(22, 22))
        self.list.setUniformItemSizes(False)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        # The sidebar's colour shows through the list: a see-through Base colour. (A
        # transparent background in the style sheet turns the scroll bar's track black.)
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.list.setPalette(palette)
        self.list.currentItemChanged.connect(self._emit_selection)
        layout.addWidget(self.list, 1)

        self.empty_note = QLabel(self.tr("No topic matches the filter."))
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName(self.empty_note.text())
        self.empty_note.hide()
        layout.addWidget(self.empty_note)

        self._group: str | None = None
        for entry in entries:
            self.add_entry(entry)

    def add_entry(self, entry: SidebarEntry) -> None:
        """Appends a row, under a new group header if its group differs from the last."""
        if entry.group != self._group:
            self._group = entry.group
            header = QListWidgetItem(entry.group.upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setPointSizeF(font.pointSizeF() * 0.8)
            font.setBold(True)
            header.setFont(font)
            header.setData(Qt.ItemDataRole.AccessibleTextRole, entry.group)
            self.list.addItem(header)
        item = QListWidgetItem(entry.icon, entry.title)
        item.setData(KEY_ROLE, entry.key)
        item.setData(SEARCH_ROLE, f"{entry.title}\n{entry.search_text}".casefold())
        item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title)
        item.setSizeHint(QSize(0, 34))
        self.list.addItem(item)

    def page_keys(self) -> list[str]:
        return [k for i in range(self.list.count()) if (k := self.list.item(i).data(KEY_ROLE))]

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(KEY_ROLE)) if item and item.data(KEY_ROLE) else None

    def select(self, key: str) -> bool:
        """Highlights the row for `key` (or its parent page, e.g. stretch:x -> stretches)."""
        for candidate in (key, key.split(":")[0] + "s" if ":" in key else key):
            for i in range(self.list.count()):
                item = self.list.item(i)
                if item.data(KEY_ROLE) == candidate:
                    if self.list.currentItem() is not item:
                        self.list.blockSignals(True)
                        self.list.setCurrentItem(item)
                        self.list.blockSignals(False)
                    return True
        return False

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        visible = 0
        for i in range(self.list.count()):
            item = self.list.item(i)
            search = item.data(SEARCH_ROLE)
            if search is None:  # group header: shown only without a filter
                item.setHidden(bool(needle))
                continue
            hidden = bool(needle) and needle not in search
            item.setHidden(hidden)
            visible += not hidden
        self.empty_note.setVisible(visible == 0)

    def _emit_selection(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(KEY_ROLE):
            self.page_selected.emit(current.data(KEY_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter box, Down or Enter moves to the first match; Escape clears it (in
        place of a clear button, whose icon lookup costs time at start-up)."""
        if not (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return super().eventFilter(watched, event)
        if event.key() == Qt.Key.Key_Escape and self.filter.text():
            self.filter.clear()
            return True
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            for i in range(self.list.count()):
                item = self.list.item(i)
                if not item.isHidden() and item.data(KEY_ROLE):
                    self.list.setFocus()
                    self.list.setCurrentItem(item)
                    return True
        return super().eventFilter(watched, event)
