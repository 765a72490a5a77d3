"""The chosen step's values, beside the list of steps: hold, repetitions, sides, rest
between and note for an exercise; the rhythm and breaths for breathing; the seconds of a
rest. It says what the person changed (`changed(field, value)`); the editor turns that into
an undoable edit, and shows the step again through `show_step`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from backease_desktop.core.content.parse import LIMITS
from backease_desktop.core.plans.drafts import StepDraft
from backease_desktop.core.plans.editing import StretchValues
from backease_desktop.ui.editor.exercise_dialog import SIDE_CHOICES

NONE, STRETCH, BREATHE, REST = range(4)


def labelled(text: str, field: QWidget, description: str = "") -> QLabel:
    """The field's visible label, its buddy; the field's accessible name is the label."""
    label = QLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(text.replace("&", ""))
    if description:
        field.setAccessibleDescription(description)
    return label


def _seconds(maximum: float, minimum: float = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(minimum, maximum)
    box.setDecimals(1)
    box.setSuffix(" s")
    return box


class StepPanel(QStackedWidget):
    changed = Signal(str, object)  # a StepDraft field and its new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self.setAccessibleName(self.tr("Chosen step"))
        self.addWidget(QLabel(self.tr("Choose a step to change its values.")))
        self.addWidget(self._build_stretch())
        self.addWidget(self._build_breathe())
        self.addWidget(self._build_rest())

    def _say(self, field: str, value: object) -> None:
        if not self._showing:
            self.changed.emit(field, value)

    def _note(self, form: QFormLayout) -> QLineEdit:
        note = QLineEdit()
        form.addRow(labelled(self.tr("&Note"), note), note)
        note.editingFinished.connect(lambda: self._say("note", note.text().strip()))
        return note

    def _build_stretch(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.hold = _seconds(LIMITS.hold_max_s)
        self.reps = QSpinBox()
        self.reps.setRange(1, LIMITS.reps_max)
        self.sides = QComboBox()
        for text, sides in SIDE_CHOICES:
            self.sides.addItem(self.tr(text), sides)
        self.rest_between = _seconds(LIMITS.rest_between_max_s, 0)
        form.addRow(labelled(self.tr("&Hold"), self.hold, self.tr("seconds")), self.hold)
        form.addRow(labelled(self.tr("&Repetitions"), self.reps), self.reps)
        form.addRow(labelled(self.tr("Si&des"), self.sides), self.sides)
        form.addRow(labelled(self.tr("Rest &between"), self.rest_between), self.rest_between)
        self.stretch_note = self._note(form)
        self.hold.valueChanged.connect(lambda v: self._say("hold_s", v))
        self.reps.valueChanged.connect(lambda v: self._say("reps", v))
        self.sides.currentIndexChanged.connect(
            lambda _i: self._say("sides", tuple(self.sides.currentData() or ()))
        )
        self.rest_between.valueChanged.connect(lambda v: self._say("rest_between_s", v))
        return page

    def _build_breathe(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.inhale = _seconds(LIMITS.breath_phase_max_s)
        self.pause = _seconds(LIMITS.breath_phase_max_s, 0)
        self.exhale = _seconds(LIMITS.breath_phase_max_s)
        self.cycles = QSpinBox()
        self.cycles.setRange(1, LIMITS.cycles_max)
        form.addRow(labelled(self.tr("Breathe &in"), self.inhale), self.inhale)
        form.addRow(labelled(self.tr("&Pause"), self.pause), self.pause)
        form.addRow(labelled(self.tr("Breathe &out"), self.exhale), self.exhale)
        form.addRow(labelled(self.tr("Brea&ths"), self.cycles), self.cycles)
        self.breathe_note = self._note(form)
        self.inhale.valueChanged.connect(lambda v: self._say("inhale_s", v))
        self.pause.valueChanged.connect(lambda v: self._say("pause_s", v))
        self.exhale.valueChanged.connect(lambda v: self._say("exhale_s", v))
        self.cycles.valueChanged.connect(lambda v: self._say("cycles", v))
        return page

    def _build_rest(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.rest_seconds = _seconds(LIMITS.rest_max_s)
        form.addRow(labelled(self.tr("Re&st"), self.rest_seconds), self.rest_seconds)
        self.rest_note = self._note(form)
        self.rest_seconds.valueChanged.connect(lambda v: self._say("seconds", v))
        return page

    def show_step(self, step: StepDraft | None, values: StretchValues | None = None) -> None:
        """Shows `step` (with `values`, what a stretch step does); None shows a hint."""
        self._showing = True
        try:
            if step is None:
                self.setCurrentIndex(NONE)
            elif step.kind == "stretch" and values is not None:
                self.hold.setValue(values.hold_s)
                self.reps.setValue(values.reps)
                choice = [sides for _, sides in SIDE_CHOICES]
                self.sides.setCurrentIndex(
                    choice.index(values.sides) if values.sides in choice else 0
                )
                self.rest_between.setValue(values.rest_between_s)
                self.stretch_note.setText(step.note)
                self.setCurrentIndex(STRETCH)
            elif step.kind == "breathe":
                self.inhale.setValue(step.inhale_s)
                self.pause.setValue(step.pause_s)
                self.exhale.setValue(step.exhale_s)
                self.cycles.setValue(step.cycles)
                self.breathe_note.setText(step.note)
                self.setCurrentIndex(BREATHE)
            else:
                self.rest_seconds.setValue(step.seconds)
                self.rest_note.setText(step.note)
                self.setCurrentIndex(REST)
        finally:
            self._showing = False
