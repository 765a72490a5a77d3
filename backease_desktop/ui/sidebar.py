"""The sidebar: a filter box over the list of topics and practice pages.

The list is a QListView over a QStandardItemModel, whose items say "not selectable" with
plain booleans: a QListWidgetItem needs a Qt.ItemFlag for that, and the first use of any
enum of the Qt namespace loads all of them before the first frame (docs/architecture.md)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.ui.style import colours, sidebar_stylesheet

FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole

# A page that shows one item is highlighted as the list it belongs to.
PARENT_PAGES = {"stretch": "stretches", "routine": "routines"}


class SidebarEntry(NamedTuple):
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
        self.setStyleSheet(sidebar_stylesheet())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(6)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter topics (Ctrl+F, Esc clears)"))
        self.filter.setAccessibleName(self.tr("Filter topics"))
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.installEventFilter(self)
        layout.addWidget(self.filter)
        self._selecting = False

        # Right under the filter box, where the eyes are while typing.
        self.empty_note = QLabel(self.tr("No topic matches the filter."))
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        layout.addWidget(self.empty_note)

        # One entry per row of the model; None for a group's header.
        self._rows: list[SidebarEntry | None] = []
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Topics"))
        self.list.setIconSize(QSize(22, 22))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        # The sidebar's colour shows through the list: a see-through Base colour. (A
        # transparent background in the style sheet turns the scroll bar's track black.)
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.list.setPalette(palette)
        self.list.selectionModel().currentChanged.connect(self._emit_selection)
        layout.addWidget(self.list, 1)

        self._group: str | None = None
        for entry in entries:
            self.add_entry(entry)

    def add_entry(self, entry: SidebarEntry) -> None:
        """Appends a row, under a new group header if its group differs from the last."""
        if entry.group != self._group:
            self._group = entry.group
            header = QStandardItem(entry.group.upper())
            header.setEnabled(False)
            header.setSelectable(False)
            font = header.font()
            font.setPointSizeF(font.pointSizeF() * 0.8)
            font.setBold(True)
            header.setFont(font)
            # A disabled row is drawn in the palette's faint disabled colour (1.5:1); the
            # headers are text to read, so they take the quieter text colour (4.5:1).
            # (By the role's number, Qt.ItemDataRole.ForegroundRole: a QBrush, or naming the
            # role, loads every enum of the Qt namespace, and this runs before the first
            # frame: see "First-frame rules" in docs/architecture.md.)
            header.setData(QColor(colours().muted), FOREGROUND_ROLE)
            header.setAccessibleText(entry.group)
            self._append(header, None)
        item = QStandardItem(entry.icon, entry.title)
        item.setAccessibleText(entry.title)
        item.setSizeHint(QSize(0, 34))
        self._append(item, entry)

    def _append(self, item: QStandardItem, entry: SidebarEntry | None) -> None:
        item.setDragEnabled(False)
        item.setDropEnabled(False)
        self.model.appendRow(item)
        self._rows.append(entry)

    def page_keys(self) -> list[str]:
        return [entry.key for entry in self._rows if entry is not None]

    def current_key(self) -> str | None:
        row = self.list.currentIndex().row()
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return entry.key if entry is not None else None

    def select(self, key: str) -> bool:
        """Highlights the row for `key` (or its parent page, e.g. stretch:x -> stretches);
        with no row for it (the player), no row is highlighted. The selection model's
        signals stay on (blocked, the list would not repaint the new highlight): a flag
        keeps the change from being taken as the user's choice."""
        target = self._row_of(key)
        self._selecting = True
        try:
            if target is None:
                self.list.selectionModel().clearCurrentIndex()
                self.list.clearSelection()
            else:
                if self.list.currentIndex().row() != target:
                    self.list.setCurrentIndex(self.model.index(target, 0))
                # The highlight in sight (the list is short on a small screen).
                self.list.scrollTo(self.model.index(target, 0))
        finally:
            self._selecting = False
        return target is not None

    def _row_of(self, key: str) -> int | None:
        kind = key.partition(":")[0]
        for candidate in (key, PARENT_PAGES.get(kind, key)):
            for row, entry in enumerate(self._rows):
                if entry is not None and entry.key == candidate:
                    return row
        return None

    def focus_filter(self) -> None:
        from PySide6.QtCore import Qt  # loaded by then (see the module's docstring)

        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        visible = 0
        for row, entry in enumerate(self._rows):
            if entry is None:  # group header: shown only without a filter
                self.list.setRowHidden(row, bool(needle))
                continue
            search = f"{entry.title}\n{entry.search_text}".casefold()
            hidden = bool(needle) and needle not in search
            self.list.setRowHidden(row, hidden)
            visible += not hidden
        self.empty_note.setVisible(visible == 0)

    def _emit_selection(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting:
            return
        row = current.row()
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        if entry is not None:
            self.page_selected.emit(entry.key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter box, Down or Enter moves to the first match; Escape clears it (in
        place of a clear button, whose icon lookup costs time at start-up)."""
        if not (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return super().eventFilter(watched, event)
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.filter.text():
            self.filter.clear()
            return True
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            for row, entry in enumerate(self._rows):
                if entry is not None and not self.list.isRowHidden(row):
                    self.list.setFocus()
                    self.list.setCurrentIndex(self.model.index(row, 0))
                    return True
        return super().eventFilter(watched, event)
