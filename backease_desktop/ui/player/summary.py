"""After a routine: how long it took, the steps done and skipped, and an optional pain
rating before and after, handed on for the history when the person closes the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.player import SessionSummary
from backease_desktop.core.wording import spoken_duration

NOT_RATED = -1


def _big(text: str, size_pt: float) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(size_pt)
    font.setBold(True)
    label.setFont(font)
    return label


class PainBox(QSpinBox):
    """0 to 10, or "Not rated" (the first value) when the person leaves it alone."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_RATED, 10)
        self.setSpecialValueText(self.tr("Not rated"))
        self.setValue(NOT_RATED)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            self.tr("0 is no pain, 10 is the worst pain you can imagine; optional")
        )
        self.setMinimumWidth(140)
        self.setMaximumWidth(220)
        self.setMinimumHeight(34)

    def rating(self) -> int | None:
        return None if self.value() == NOT_RATED else self.value()


class SummaryView(QWidget):
    """`done(before, after)` when closed with Done; `again()` to run the routine once more."""

    done = Signal(object, object)
    again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Routine summary"))
        self.summary: SessionSummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(12)
        self.heading = _big("", 24)
        self.message = QLabel()
        self.message.setWordWrap(True)
        font = self.message.font()
        font.setPointSizeF(max(font.pointSizeF(), 13))
        self.message.setFont(font)
        self.routine_label = QLabel()
        self.routine_label.setObjectName("meta")
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.routine_label)

        facts = QFormLayout()
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        facts.setHorizontalSpacing(24)
        self.time_label = QLabel()
        self.done_label = QLabel()
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        facts.addRow(self.tr("Time taken"), self.time_label)
        facts.addRow(self.tr("Steps done"), self.done_label)
        facts.addRow(self.tr("Skipped"), self.skipped_label)
        for label, name in (
            (self.time_label, self.tr("Time taken")),
            (self.done_label, self.tr("Steps done")),
            (self.skipped_label, self.tr("Skipped")),
        ):
            font = label.font()
            font.setPointSizeF(max(font.pointSizeF(), 13))
            label.setFont(font)
            label.setAccessibleName(name)
        layout.addLayout(facts)

        layout.addSpacing(10)
        layout.addWidget(_big(self.tr("How is your pain? (optional)"), 14))
        hint = QLabel(
            self.tr("0 is no pain, 10 the worst you can imagine. Kept only on this computer.")
        )
        hint.setObjectName("meta")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        pain = QFormLayout()
        pain.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.pain_before = PainBox(self.tr("Pain before the routine"))
        self.pain_after = PainBox(self.tr("Pain now, after the routine"))
        pain.addRow(self.tr("Before the routine"), self.pain_before)
        pain.addRow(self.tr("Now"), self.pain_after)
        layout.addLayout(pain)
        layout.addStretch(1)

        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("Do it again"))
        self.again_button.setAccessibleName(self.tr("Start the routine again"))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("startButton")
        self.done_button.setAccessibleName(self.tr("Done: close the summary"))
        self.done_button.setDefault(True)
        self.done_button.setMinimumHeight(40)
        row.addWidget(self.again_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        # Tab from Done goes through the ratings first: Enter alone closes the summary.
        QWidget.setTabOrder(self.done_button, self.pain_before)
        QWidget.setTabOrder(self.pain_before, self.pain_after)
        QWidget.setTabOrder(self.pain_after, self.again_button)
        self.done_button.clicked.connect(self._done)
        self.again_button.clicked.connect(self.again)

    def show_summary(self, summary: SessionSummary, step_titles: list[str]) -> None:
        self.summary = summary
        heading, message = self._words_for(summary)
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self.message.setVisible(bool(message))
        self.routine_label.setText(summary.routine_title)
        taken = spoken_duration(summary.elapsed_s)
        if summary.paused_s >= 1:
            taken += self.tr(" (paused for {0})").format(spoken_duration(summary.paused_s))
        self.time_label.setText(taken)
        self.done_label.setText(
            self.tr("{0} of {1}").format(summary.steps_completed, summary.step_count)
        )
        if summary.skipped_steps:
            names = ", ".join(step_titles[i] for i in summary.skipped_steps)
            self.skipped_label.setText(f"{summary.steps_skipped}: {names}")
        else:
            self.skipped_label.setText(self.tr("none"))
        self.pain_before.setValue(NOT_RATED)
        self.pain_after.setValue(NOT_RATED)
        self.done_button.setFocus()

    def _words_for(self, summary: SessionSummary) -> tuple[str, str]:
        """The heading and a line under it. Praise only for steps actually done; with none
        done, a plain word that it is fine, since stopping is often the right thing."""
        if summary.steps_completed == 0:
            return (
                self.tr("No steps done this time"),
                self.tr("That's fine. Try again when you feel ready."),
            )
        if summary.finished:
            return self.tr("Well done"), ""
        return self.tr("Stopped early"), self.tr("The steps you did still count.")

    def _done(self) -> None:
        self.done.emit(self.pain_before.rating(), self.pain_after.rating())
