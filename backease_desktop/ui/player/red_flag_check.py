"""The question before a routine: "Do any of these apply to you today?", with the red flags
as checkboxes, and the answer when one does: do not start, contact a professional, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import RedFlag, RedFlags
from backease_desktop.ui import theme
from backease_desktop.ui.markup import escape


def _heading(text: str, size_pt: float) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(size_pt)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF(), 11.5))
    label.setFont(font)
    return label


class RedFlagCheck(QWidget):
    """Lists every red flag with a checkbox. `answered(ticked)` gives the ticked flags
    (empty: none applies, the routine may start); `cancelled()` leaves without starting."""

    answered = Signal(list)
    cancelled = Signal()

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Before you start"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(10)
        self.routine_label = QLabel()
        self.routine_label.setObjectName("meta")
        layout.addWidget(self.routine_label)
        self.question = _heading(self.tr("Do any of these apply to you today?"), 18)
        layout.addWidget(self.question)
        layout.addWidget(
            _paragraph(
                self.tr(
                    "Tick any that do. These can be signs of something a doctor should look "
                    "at; stretching is not the answer for them."
                )
            )
        )
        self.boxes: list[tuple[RedFlag, QCheckBox]] = []
        listing = QWidget()
        listing.setObjectName("pageBody")
        column = QVBoxLayout(listing)
        column.setSpacing(6)
        for flag in red_flags.all:
            box = QCheckBox(flag.text)
            box.setAccessibleName(flag.text)
            font = box.font()
            font.setPointSizeF(max(font.pointSizeF(), 11.5))
            box.setFont(font)
            box.toggled.connect(self._update_button)
            self.boxes.append((flag, box))
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(listing)
        scroll.setAccessibleName(self.tr("Warning signs"))
        layout.addWidget(scroll, 1)

        row = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(self.tr("Do not start the routine"))
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("startButton")
        self.continue_button.setDefault(True)
        self.continue_button.setAutoDefault(True)
        self.continue_button.setMinimumHeight(40)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.continue_button)
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.cancelled)
        self.continue_button.clicked.connect(self._answer)
        self._update_button()

    def ask(self, routine_title: str) -> None:
        """Shows the question afresh for a routine: nothing ticked, the start button focused
        so Enter answers "none of these"."""
        self.routine_label.setText(self.tr("Before you start: {0}").format(routine_title))
        for _, box in self.boxes:
            box.setChecked(False)
        self._update_button()
        self.continue_button.setFocus()

    def ticked(self) -> list[RedFlag]:
        return [flag for flag, box in self.boxes if box.isChecked()]

    def _update_button(self) -> None:
        if self.ticked():
            self.continue_button.setText(self.tr("Continue"))
            self.continue_button.setAccessibleName(self.tr("Continue: one or more apply"))
        else:
            self.continue_button.setText(self.tr("None of these apply: start"))
            self.continue_button.setAccessibleName(
                self.tr("None of these apply: start the routine")
            )

    def _answer(self) -> None:
        self.answered.emit(self.ticked())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class RedFlagStop(QWidget):
    """Shown instead of the routine when a red flag was ticked: what to do, and why."""

    help_topic_requested = Signal()
    closed = Signal()

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.red_flags = red_flags
        self.setAccessibleName(self.tr("Please contact a medical professional"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        top = QHBoxLayout()
        icon = QLabel()
        warning = theme.icon("warning")
        if not warning.isNull():
            icon.setPixmap(warning.pixmap(40, 40))
        icon.setAccessibleName(self.tr("Warning"))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = _heading(self.tr("Please do not start this routine today"), 20)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.message = _paragraph(
            self.tr(
                "Contact a doctor or your local health service about your back before you "
                "stretch. If it feels like an emergency, call your local emergency number."
            )
        )
        self.message.setAccessibleName(self.message.text())
        layout.addWidget(self.message)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setObjectName("cautions")
        self.why.setAccessibleName(self.tr("Why"))
        why_font = self.why.font()
        why_font.setPointSizeF(max(why_font.pointSizeF(), 11.5))
        self.why.setFont(why_font)
        layout.addWidget(self.why)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.help_button = QPushButton(self.tr("Open “When to get help”"))
        self.help_button.setObjectName("startButton")
        self.help_button.setAccessibleName(self.tr("Open the topic: when to get help"))
        self.help_button.setMinimumHeight(40)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back, without starting"))
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.help_button)
        layout.addLayout(row)
        self.help_button.clicked.connect(self.help_topic_requested)
        self.back_button.clicked.connect(self.closed)

    def show_reasons(self, ticked: list[RedFlag]) -> None:
        items = "".join(f"<li>{escape(flag.text)}</li>" for flag in ticked)
        if len(ticked) == 1:
            said = self.tr("Why: you said this applies to you today:")
            meaning = self.tr(
                "This can be a sign of a problem that needs a medical professional to look "
                "at. Stretching could make it worse, or hide it for a while."
            )
        else:
            said = self.tr("Why: you said these apply to you today:")
            meaning = self.tr(
                "These can be signs of a problem that needs a medical professional to look "
                "at. Stretching could make it worse, or hide it for a while."
            )
        self.why.setText(f"<p><b>{escape(said)}</b></p><ul>{items}</ul><p>{escape(meaning)}</p>")
        self.help_button.setFocus()
