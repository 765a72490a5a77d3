"""The routine editor: the routine's name, its steps (added from the library or the
routine's own exercises, breathing and rest; reordered by drag or Alt+Up/Down), the chosen
step's values, the total time and any problem, live. Every change is a core edit on an
undo stack (Ctrl+Z, Ctrl+Shift+Z); the check is the loader's (core/plans/editing.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import Library
from backease_desktop.core.plans.drafts import ExerciseDraft, RoutineDraft, StepDraft
from backease_desktop.core.plans.editing import (
    Check,
    DraftChecker,
    Edit,
    breathing_step,
    free_id,
    insert_step,
    move_step,
    put_exercise,
    remove_step,
    replace_step,
    stretch_values,
    taken_ids,
)
from backease_desktop.core.plans.saving import Saved, save_draft
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import clock_duration
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.editor.exercise_dialog import ExerciseDialog
from backease_desktop.ui.editor.step_panel import StepPanel, labelled
from backease_desktop.ui.editor.undo import DraftCommand
from backease_desktop.ui.editor.wording import problem_line, step_line
from backease_desktop.ui.first_paint import after_first_paint

DEFAULT_REST_S = 30.0


class RoutineEditor(QWidget):
    """Edits one draft. `saved` says where it was written; `closed` that the person is
    done (after saving, or leaving unsaved changes they chose to drop)."""

    saved = Signal(object)  # core.plans.saving.Saved
    closed = Signal()

    def __init__(
        self,
        library: Library,
        draft: RoutineDraft,
        original: Path | None,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.draft = draft
        self.original = original
        self.folder = folder
        self.checker = DraftChecker(library, own_file=original)
        self.last_check: Check | None = None
        self.undo_stack = QUndoStack(self)
        self._showing = False  # filling the widgets from the draft: their signals are ours
        self._build()
        # The first check waits for the first frame: the editor opens at once, its total
        # and problems a moment later (each later change is checked as it is made).
        self.show_draft(draft, check=False)
        after_first_paint(self.total_label, self._check)
        self.undo_stack.setClean()
        self.destroyed.connect(self.checker.close)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.setAccessibleName(self.tr("Routine editor"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header = QFormLayout()
        self.title_edit = QLineEdit()
        self.id_edit = QLineEdit()
        self.summary_edit = QLineEdit()
        header.addRow(labelled(self.tr("&Title"), self.title_edit), self.title_edit)
        header.addRow(
            labelled(self.tr("I&d"), self.id_edit, self.tr("lowercase letters, digits, dashes")),
            self.id_edit,
        )
        header.addRow(labelled(self.tr("S&ummary"), self.summary_edit), self.summary_edit)
        for field, key in (
            (self.title_edit, "title"),
            (self.id_edit, "id"),
            (self.summary_edit, "summary"),
        ):
            field.editingFinished.connect(lambda f=field, k=key: self._set_text(k, f.text()))
        outer.addLayout(header)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        steps_label = QLabel(self.tr("Ste&ps"))
        self.steps = QListWidget()
        steps_label.setBuddy(self.steps)
        self.steps.setAccessibleName(self.tr("Steps"))
        self.steps.setAccessibleDescription(
            self.tr("Alt+Up and Alt+Down move the chosen step; Delete removes it")
        )
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.steps.currentRowChanged.connect(self._show_step)
        self.steps.model().rowsMoved.connect(self._dropped)
        grid.addWidget(steps_label, 0, 0)
        grid.addWidget(self.steps, 1, 0)
        grid.addLayout(self._build_step_buttons(), 2, 0)
        self.panel = StepPanel()
        self.panel.changed.connect(self._set_step)
        grid.addWidget(self.panel, 1, 1, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        outer.addLayout(grid, 1)

        self.total_label = QLabel()
        self.total_label.setObjectName("meta")
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setObjectName("problems")
        outer.addWidget(self.total_label)
        outer.addWidget(self.problems_label)

        bottom = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.clicked.connect(self.closed)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        self._build_shortcuts()

    def _build_step_buttons(self) -> QVBoxLayout:
        column = QVBoxLayout()
        add_row = QHBoxLayout()
        self.exercise_choice = QComboBox()
        add_label = labelled(self.tr("E&xercise"), self.exercise_choice)
        self.add_stretch_button = QPushButton(self.tr("Add exercise"))
        self.add_stretch_button.clicked.connect(self.add_chosen_exercise)
        add_row.addWidget(add_label)
        add_row.addWidget(self.exercise_choice, 1)
        add_row.addWidget(self.add_stretch_button)
        column.addLayout(add_row)
        row = QHBoxLayout()
        self.add_breathing_button = QPushButton(self.tr("Add breathing"))
        self.add_breathing_button.clicked.connect(self.add_breathing)
        self.add_rest_button = QPushButton(self.tr("Add rest"))
        self.add_rest_button.clicked.connect(self.add_rest)
        self.new_exercise_button = QPushButton(self.tr("New exercise…"))
        self.new_exercise_button.clicked.connect(self.new_exercise)
        self.edit_exercise_button = QPushButton(self.tr("Edit exercise…"))
        self.edit_exercise_button.clicked.connect(self.edit_exercise)
        for button in (
            self.add_breathing_button,
            self.add_rest_button,
            self.new_exercise_button,
            self.edit_exercise_button,
        ):
            row.addWidget(button)
        column.addLayout(row)
        row = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.setAccessibleDescription(self.tr("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.setAccessibleDescription(self.tr("Alt+Down"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button = QPushButton(self.tr("Remove step"))
        self.remove_button.clicked.connect(self.remove_current)
        for button in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return column

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Alt+Up", lambda: self.move_current(-1)),
            ("Alt+Down", lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.steps)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setShortcutContext(context)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction(self.tr("Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setShortcutContext(context)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

    # -- showing a draft ------------------------------------------------------------------

    def show_draft(self, draft: RoutineDraft, check: bool = True) -> None:
        """Fills every widget from `draft` and checks it (the undo stack's way in too)."""
        self.draft = draft
        self._showing = True
        try:
            row = self.steps.currentRow()
            for field, text in (
                (self.title_edit, draft.title),
                (self.id_edit, draft.id),
                (self.summary_edit, draft.summary),
            ):
                if field.text() != text:
                    field.setText(text)
            self._fill_steps()
            self._fill_exercise_choice()
            count = len(draft.steps)
            self.steps.setCurrentRow(min(max(row, 0), count - 1) if count else -1)
            self._show_step(self.steps.currentRow())
        finally:
            self._showing = False
        if check:
            self._check()

    def _fill_steps(self) -> None:
        lines = [step_line(i, s, self.draft, self.library) for i, s in enumerate(self.draft.steps)]
        if self.steps.count() == len(lines):
            for index, line in enumerate(lines):
                item = self.steps.item(index)
                if item.text() != line:
                    item.setText(line)
            return
        self.steps.clear()
        self.steps.addItems(lines)

    def _fill_exercise_choice(self) -> None:
        chosen = self.exercise_choice.currentData()
        self.exercise_choice.blockSignals(True)
        self.exercise_choice.clear()
        for exercise in self.draft.exercises:
            self.exercise_choice.addItem(
                self.tr("{0} (this routine's)").format(exercise.title), exercise.id
            )
        own_ids = {e.id for e in self.draft.exercises}
        for stretch in self.library.stretches:
            if stretch.id in own_ids:
                continue
            if stretch.origin == "yours" and stretch.file is not None:
                if stretch.file.parent.name != "exercises":
                    continue  # another routine's own exercise: not for this one
                title = self.tr("{0} (yours)").format(stretch.title)
            else:
                title = stretch.title
            self.exercise_choice.addItem(title, stretch.id)
        index = self.exercise_choice.findData(chosen)
        self.exercise_choice.setCurrentIndex(max(0, index))
        self.exercise_choice.blockSignals(False)

    def _show_step(self, row: int) -> None:
        step = self.draft.steps[row] if 0 <= row < len(self.draft.steps) else None
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(step is not None)
        own = {e.id for e in self.draft.exercises}
        self.edit_exercise_button.setEnabled(step is not None and step.stretch_id in own)
        values = None
        if step is not None and step.kind == "stretch":
            values = stretch_values(self.draft, step, self.library)
        self.panel.show_step(step, values)

    def _check(self) -> None:
        check = self.checker.check(self.draft)
        self.last_check = check
        if check.routine is not None:
            total = clock_duration(routine_duration_s(check.routine))
            self.total_label.setText(
                self.tr("{0} steps · {1} in all, with getting ready").format(
                    len(self.draft.steps), total
                )
            )
            self.problems_label.setText(self.tr("No problems: ready to save."))
        else:
            self.total_label.setText(self.tr("{0} steps").format(len(self.draft.steps)))
            lines = [problem_line(e) for e in check.errors]
            self.problems_label.setText(
                self.tr("Problems to fix before saving:") + "\n" + "\n".join(lines)
            )
        self.total_label.setAccessibleName(self.total_label.text())
        said = self.problems_label.accessibleName()
        self.problems_label.setAccessibleName(self.problems_label.text())
        if said and said != self.problems_label.text():
            # A problem found or fixed is said at once, without moving the focus.
            announce(self.problems_label, self.problems_label.text())
        self.save_button.setEnabled(check.ok)

    # -- edits ----------------------------------------------------------------------------

    def apply(self, label: str, after: RoutineDraft, merge_key: str = "") -> None:
        """Pushes the change from the current draft to `after` as one undo step. Text still
        being typed in a name field is taken first (its own undo step), so refreshing the
        widgets from the draft never throws it away."""
        pending = self._pending_text()
        if pending:
            typed = self.draft._replace(**pending)
            self.undo_stack.push(
                DraftCommand(Edit(self.tr("Change text"), self.draft, typed), self.show_draft)
            )
            after = after._replace(**pending)
        if after == self.draft:
            return
        self.undo_stack.push(
            DraftCommand(Edit(label, self.draft, after), self.show_draft, merge_key)
        )

    def _pending_text(self) -> dict[str, Any]:
        if self._showing:
            return {}
        typed = {
            "title": self.title_edit.text().strip(),
            "id": self.id_edit.text().strip(),
            "summary": self.summary_edit.text().strip(),
        }
        return {k: v for k, v in typed.items() if getattr(self.draft, k) != v}

    def _set_text(self, key: str, _text: str) -> None:
        if not self._showing:
            self.apply(self.tr("Change {0}").format(key), self.draft)

    def _set_step(self, field: str, value: object) -> None:
        row = self.steps.currentRow()
        if self._showing or not 0 <= row < len(self.draft.steps):
            return
        step = self.draft.steps[row]
        if field == "sides" and not value:
            value = None  # a file cannot say "no sides": the exercise's own are used
        if getattr(step, field) == value:
            return
        changes: dict[str, Any] = {field: value}
        changed = replace_step(self.draft, row, step._replace(**changes))
        self.apply(self.tr("Change step"), changed, merge_key=f"{row}:{field}")

    def _insert(self, label: str, step: StepDraft) -> None:
        row = self.steps.currentRow()
        at = row + 1 if row >= 0 else len(self.draft.steps)
        self.apply(label, insert_step(self.draft, at, step))
        self.steps.setCurrentRow(at)

    def add_chosen_exercise(self) -> None:
        stretch_id = self.exercise_choice.currentData()
        if stretch_id:
            self._insert(self.tr("Add exercise"), StepDraft("stretch", stretch_id=stretch_id))

    def add_breathing(self) -> None:
        self._insert(self.tr("Add breathing"), breathing_step(self.library.breathing))

    def add_rest(self) -> None:
        self._insert(self.tr("Add rest"), StepDraft("rest", seconds=DEFAULT_REST_S))

    def move_current(self, by: int) -> None:
        row = self.steps.currentRow()
        to = row + by
        if row < 0 or not 0 <= to < len(self.draft.steps):
            return
        self.apply(self.tr("Move step"), move_step(self.draft, row, to))
        self.steps.setCurrentRow(to)

    def remove_current(self) -> None:
        row = self.steps.currentRow()
        if 0 <= row < len(self.draft.steps):
            self.apply(self.tr("Remove step"), remove_step(self.draft, row))

    def _dropped(
        self,
        _parent: QModelIndex | QPersistentModelIndex,
        start: int,
        _end: int,
        _destination: QModelIndex | QPersistentModelIndex,
        row: int,
    ) -> None:
        """A drag moved a row in the list; the draft follows (after the view is done)."""
        to = row - 1 if row > start else row
        QTimer.singleShot(0, lambda: self._move_dropped(start, to))

    def _move_dropped(self, start: int, to: int) -> None:
        self.apply(self.tr("Move step"), move_step(self.draft, start, to))
        self.show_draft(self.draft)  # a refused move puts the list back as it was
        self.steps.setCurrentRow(to)

    def new_exercise(self) -> None:
        taken = taken_ids(self.library) | {e.id for e in self.draft.exercises}
        blank = ExerciseDraft(id=free_id("my-exercise", taken), title="")
        dialog = ExerciseDialog(blank, self)
        if dialog.exec():
            exercise = dialog.exercise()
            with_exercise = put_exercise(self.draft, exercise)
            row = self.steps.currentRow()
            at = row + 1 if row >= 0 else len(self.draft.steps)
            step = StepDraft("stretch", stretch_id=exercise.id)
            self.apply(self.tr("New exercise"), insert_step(with_exercise, at, step))
            self.steps.setCurrentRow(at)

    def edit_exercise(self) -> None:
        row = self.steps.currentRow()
        if not 0 <= row < len(self.draft.steps):
            return
        step_id = self.draft.steps[row].stretch_id
        exercise = next((e for e in self.draft.exercises if e.id == step_id), None)
        if exercise is None:
            return
        dialog = ExerciseDialog(exercise, self)
        if dialog.exec():
            self.apply(
                self.tr("Edit exercise"),
                put_exercise(self.draft, dialog.exercise(), old_id=exercise.id),
            )

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> Saved | None:
        """Writes the routine if the loader accepts it; returns where."""
        self._commit_open_text()
        self._check()  # the first check may still be waiting for the first frame
        if self.last_check is None or not self.last_check.ok:
            return None
        saved = save_draft(self.draft, self.folder, self.original, dt.datetime.now)
        self.original = saved.path
        self.checker.own_file = saved.path
        self.undo_stack.setClean()
        self.saved.emit(saved)
        return saved

    def _commit_open_text(self) -> None:
        """A text field still being typed in counts, as if the person had left it."""
        self.apply(self.tr("Change text"), self.draft)
