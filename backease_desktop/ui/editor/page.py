"""The My routines page: every routine, the person's own first, with New, Duplicate (a
bundled routine can be the start), Edit, Export…, Delete… (to the trash) and Import plan…;
Edit, New and Duplicate open the routine editor in place of the list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import Library, Routine
from backease_desktop.core.plans.drafts import RoutineDraft, draft_from_routine
from backease_desktop.core.plans.editing import duplicate, new_routine
from backease_desktop.core.plans.saving import Saved, delete_routine
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import about_minutes
from backease_desktop.ui.editor.routine_editor import RoutineEditor

ROUTINE_ROLE = 256  # Qt.ItemDataRole.UserRole


class MyRoutinesPage(QStackedWidget):
    """`content_changed` asks the app to read the folders again (after a save or a
    delete); `import_requested` and `export_requested` go to the plans host."""

    content_changed = Signal()
    import_requested = Signal()
    export_requested = Signal(str)

    def __init__(self, library: Library, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.folder = folder
        self.editor: RoutineEditor | None = None
        self.setAccessibleName(self.tr("My routines"))
        self.list_view = QWidget()
        column = QVBoxLayout(self.list_view)
        column.setContentsMargins(24, 20, 24, 24)
        heading = QLabel(self.tr("My routines"))
        font = heading.font()
        font.setPointSizeF(20)
        font.setWeight(font.Weight.DemiBold)
        heading.setFont(font)
        column.addWidget(heading)
        intro = QLabel(
            self.tr(
                "Make a routine of your own, start from one that comes with BackEase, or "
                "import a plan from your physiotherapist or doctor. Your routines are "
                "saved as files you can also edit by hand."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        list_label = QLabel(self.tr("&Routines"))
        self.routines = QListWidget()
        list_label.setBuddy(self.routines)
        self.routines.setAccessibleName(self.tr("Routines"))
        self.routines.currentItemChanged.connect(lambda *_: self._enable())
        self.routines.itemActivated.connect(lambda _item: self.edit_selected())
        column.addWidget(list_label)
        column.addWidget(self.routines, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&New routine"))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"))
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.import_button = QPushButton(self.tr("&Import plan…"))
        self.new_button.clicked.connect(self.new)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.export_button.clicked.connect(self._export_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_requested)
        for button in (
            self.new_button,
            self.duplicate_button,
            self.edit_button,
            self.export_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        column.addLayout(row)
        self.addWidget(self.list_view)
        self.set_library(library)

    # -- the list -------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self.library = library
        chosen = self.selected()
        self.routines.clear()
        ordered = [r for r in library.routines if not r.bundled] + [
            r for r in library.routines if r.bundled
        ]
        for routine in ordered:
            origin = self.tr("comes with BackEase") if routine.bundled else self.tr("yours")
            text = self.tr("{0} · {1} steps · {2} · {3}").format(
                routine.title,
                len(routine.steps),
                about_minutes(routine_duration_s(routine)),
                origin,
            )
            item = QListWidgetItem(text)
            item.setData(ROUTINE_ROLE, routine.id)
            self.routines.addItem(item)
            if chosen is not None and routine.id == chosen.id:
                self.routines.setCurrentItem(item)
        if self.routines.currentRow() < 0 and self.routines.count():
            self.routines.setCurrentRow(0)
        self._enable()

    def selected(self) -> Routine | None:
        item = self.routines.currentItem()
        return None if item is None else self.library.routine(str(item.data(ROUTINE_ROLE)))

    def select(self, routine_id: str) -> None:
        for row in range(self.routines.count()):
            if self.routines.item(row).data(ROUTINE_ROLE) == routine_id:
                self.routines.setCurrentRow(row)

    def _enable(self) -> None:
        routine = self.selected()
        own = routine is not None and not routine.bundled
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.duplicate_button.setEnabled(routine is not None)
        self.export_button.setEnabled(routine is not None)

    def _export_selected(self) -> None:
        routine = self.selected()
        if routine is not None:
            self.export_requested.emit(routine.id)

    # -- actions --------------------------------------------------------------------------

    def new(self) -> RoutineEditor:
        return self.open_editor(new_routine(self.library), None)

    def duplicate_selected(self) -> RoutineEditor | None:
        routine = self.selected()
        if routine is None:
            return None
        return self.open_editor(duplicate(routine, self.library, self.tr(" (copy)")), None)

    def edit_selected(self) -> RoutineEditor | None:
        routine = self.selected()
        if routine is None or routine.bundled:
            return None
        return self.open_editor(draft_from_routine(routine), routine.source)

    def delete_selected(self, confirm: bool = True) -> Path | None:
        """Moves the chosen routine's file to the trash, after asking."""
        routine = self.selected()
        if routine is None or routine.bundled or routine.source is None:
            return None
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete routine"),
                self.tr(
                    "Move “{0}” to the trash? You can put it back from the trash later."
                ).format(routine.title),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        where = delete_routine(routine.source, dt.datetime.now)
        self.content_changed.emit()
        return where

    # -- the editor -----------------------------------------------------------------------

    def open_editor(self, draft: RoutineDraft, original: Path | None) -> RoutineEditor:
        self.close_editor()
        editor = RoutineEditor(self.library, draft, original, self.folder)
        editor.saved.connect(self._saved)
        editor.closed.connect(self.leave_editor)
        self.editor = editor
        self.addWidget(editor)
        self.setCurrentWidget(editor)
        editor.title_edit.setFocus()
        return editor

    def _saved(self, saved: Saved) -> None:
        if saved.kept_original is not None:
            QMessageBox.information(
                self,
                self.tr("Routine saved"),
                self.tr(
                    "Saved as {0}. The file had comments written by hand, which BackEase "
                    "cannot keep in an edited file: the original, with its comments, is kept "
                    "as {1}."
                ).format(saved.path.name, saved.kept_original.name),
            )
        self.content_changed.emit()

    def leave_editor(self) -> None:
        """Back to the list, after asking whether to drop unsaved changes."""
        editor = self.editor
        if editor is not None and not editor.undo_stack.isClean():
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr("Close the editor and drop the changes you have not saved?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.close_editor()

    def close_editor(self) -> None:
        if self.editor is not None:
            self.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        self.setCurrentWidget(self.list_view)
