"""The exercise editor: one of a routine's own exercises, field by field, with a picture
from a file. It only gathers the values; the routine editor checks them with the loader's
rules and shows any problem."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content.exercises import STOP_CAUTION, picture_problem
from backease_desktop.core.content.model import Side
from backease_desktop.core.content.parse import LIMITS, POSITIONS
from backease_desktop.core.plans.drafts import ExerciseDraft
from backease_desktop.core.wording import POSITION_WORDS

SIDE_CHOICES: tuple[tuple[str, tuple[Side, ...]], ...] = (
    ("The same for both sides", ()),
    ("Left, then right", ("left", "right")),
    ("Right, then left", ("right", "left")),
)


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class ExerciseDialog(QDialog):
    """Edits `exercise` (a new one has an empty title); `exercise()` gives the result."""

    def __init__(self, exercise: ExerciseDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = exercise
        self.setWindowTitle(self.tr("Exercise"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 560)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.title = QLineEdit(exercise.title)
        self.id = QLineEdit(exercise.id)
        self.summary = QLineEdit(exercise.summary)
        self.position = QComboBox()
        for key in POSITIONS:
            self.position.addItem(POSITION_WORDS.get(key, key), key)
        self.position.setCurrentIndex(max(0, self.position.findData(exercise.position)))
        self.instructions = QPlainTextEdit("\n".join(exercise.instructions))
        self.cautions = QPlainTextEdit("\n".join(exercise.cautions or (STOP_CAUTION,)))
        self.hold = QDoubleSpinBox()
        self.hold.setRange(1, LIMITS.hold_max_s)
        self.hold.setSuffix(" s")
        self.hold.setValue(exercise.hold_s)
        self.reps = QSpinBox()
        self.reps.setRange(1, LIMITS.reps_max)
        self.reps.setValue(exercise.reps)
        self.sides = QComboBox()
        for text, sides in SIDE_CHOICES:
            self.sides.addItem(self.tr(text), sides)
        self.sides.setCurrentIndex(
            next((i for i, (_, s) in enumerate(SIDE_CHOICES) if s == exercise.sides), 0)
        )
        self.rest_between = QDoubleSpinBox()
        self.rest_between.setRange(0, LIMITS.rest_between_max_s)
        self.rest_between.setSuffix(" s")
        self.rest_between.setValue(exercise.rest_between_s)
        self.note = QLineEdit(exercise.note)
        self.source = QLineEdit(exercise.source or "you")
        self.picture = exercise.picture
        self.picture_label = QLabel()
        self.picture_label.setWordWrap(True)
        self.picture_button = QPushButton(self.tr("Choose picture…"))
        self.picture_button.clicked.connect(self.choose_picture)
        self.clear_picture_button = QPushButton(self.tr("No picture"))
        self.clear_picture_button.clicked.connect(lambda: self.set_picture(""))
        picture_row = QHBoxLayout()
        picture_row.addWidget(self.picture_label, 1)
        picture_row.addWidget(self.picture_button)
        picture_row.addWidget(self.clear_picture_button)

        rows: list[tuple[str, QWidget | QHBoxLayout, str]] = [
            (self.tr("Title"), self.title, ""),
            (self.tr("Id"), self.id, self.tr("lowercase letters, digits and dashes")),
            (self.tr("Summary"), self.summary, ""),
            (self.tr("Position"), self.position, ""),
            (self.tr("Instructions"), self.instructions, self.tr("one step per line")),
            (
                self.tr("Cautions"),
                self.cautions,
                self.tr("one per line; “Stop if it hurts” always comes first"),
            ),
            (self.tr("Hold"), self.hold, self.tr("seconds for one repetition")),
            (self.tr("Repetitions"), self.reps, ""),
            (self.tr("Sides"), self.sides, ""),
            (self.tr("Rest between"), self.rest_between, self.tr("seconds between repetitions")),
            (self.tr("Note"), self.note, ""),
            (self.tr("Written by"), self.source, self.tr("“you”, or a clinician or practice")),
            (self.tr("Picture"), picture_row, self.tr("an SVG or PNG file, at most 2 MiB")),
        ]
        for text, field, description in rows:
            label = QLabel(text)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                field.setAccessibleName(text)
                if description:
                    field.setAccessibleDescription(description)
                form.addRow(label, field)
            else:
                self.picture_button.setAccessibleName(self.tr("Choose picture…"))
                self.picture_button.setAccessibleDescription(description)
                form.addRow(label, field)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        outer.addWidget(self.problem)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.set_picture(exercise.picture)
        self.title.setFocus()

    def set_picture(self, path: str) -> None:
        self.picture = path
        self.picture_label.setText(Path(path).name if path else self.tr("No picture"))
        self.clear_picture_button.setEnabled(bool(path))

    def choose_picture(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a picture"), "", self.tr("Pictures (*.svg *.png)")
        )
        if chosen:
            self.use_picture(Path(chosen))

    def use_picture(self, path: Path) -> bool:
        """Takes the picture if the loader would (a real SVG or PNG, small enough);
        otherwise says why and keeps the one before."""
        problem = picture_problem(path.name, path.parent)
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return False
        self.problem.hide()
        self.set_picture(str(path))
        return True

    def exercise(self) -> ExerciseDraft:
        sides = self.sides.currentData()
        return ExerciseDraft(
            id=self.id.text().strip(),
            title=self.title.text().strip(),
            summary=self.summary.text().strip(),
            position=str(self.position.currentData()),
            instructions=_lines(self.instructions),
            cautions=_lines(self.cautions),
            hold_s=self.hold.value(),
            reps=self.reps.value(),
            sides=tuple(sides) if sides else (),
            rest_between_s=self.rest_between.value(),
            note=self.note.text().strip(),
            picture=self.picture,
            source=self.source.text().strip() or "you",
            added=self.original.added or dt.date.today().isoformat(),
        )
