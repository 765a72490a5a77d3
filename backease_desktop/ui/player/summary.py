"""After a routine: how long it took, the steps done and skipped, and an optional pain
rating before and after, handed on for the history when the person closes the screen.
Pain that went up, or is high, gets a calm note pointing to "When to get help"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
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
from backease_desktop.ui.accessibility import announce

NOT_RATED = -1
# The pain note shows when the score after the routine is this many points above the one
# before it, or at least HIGH_PAIN. Conservative guidance: pain that clearly goes up with
# exercise means stop and rest; high pain is worth a word on when to get help either way.
PAIN_RISE = 2
HIGH_PAIN = 8


def pain_needs_note(before: int | None, after: int | None) -> bool:
    """Whether the scores call for the note: after at least PAIN_RISE above before, or at
    least HIGH_PAIN. With no score before, only the second rule can apply."""
    if after is None:
        return False
    return after >= HIGH_PAIN or (before is not None and after - before >= PAIN_RISE)


def _big(text: str, size_pt: float) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(size_pt)
    font.setBold(True)
    label.setFont(font)
    return label


class PainBox(QSpinBox):
    """0 to 10, or "Not rated" (the first value) when the person leaves it alone. Enter
    takes what was typed and says so with `entered()`: on the summary it means Done."""

    entered = Signal()

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The spin box takes the typed score on Enter and passes the key on, but a page is
        # no dialog: no default button would catch it, so the box says so itself, after
        # the score is in (the pain note may have appeared with it).
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.entered.emit()


class PainNote(QLabel):
    """The note's text, focusable so that Enter or Done can bring a screen reader to it
    (its accessible name is its text). Enter on it closes the summary, as Done would."""

    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("cautions")
        # A label shows no focus of its own; this one is given the keyboard focus on
        # purpose, so it shows where the focus is.
        self.setStyleSheet("QLabel:focus { border: 2px solid palette(text); }")
        self.was_focused = False

    def set_note(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.was_focused = True
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class SummaryView(QWidget):
    """`done(before, after)` when closed with Done; `again()` to run the routine once more;
    `help_topic_requested()` from the pain note's button."""

    done = Signal(object, object)
    again = Signal()
    help_topic_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Routine summary"))
        self.summary: SessionSummary | None = None
        # Done is made a child before any other control, so it comes first in the focus
        # chain, right before the ratings (see the tab order below).
        self.done_button = QPushButton(self.tr("Done"), self)
        layout = QVBoxLayout(self)
        # Margins and gaps small enough that every line fits on a 1920x1080 screen at 200%
        # (960x500 to lay out in) without a scroll box.
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(8)
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
        for label, name in (
            (self.time_label, self.tr("Time taken")),
            (self.done_label, self.tr("Steps done")),
            (self.skipped_label, self.tr("Skipped")),
        ):
            font = label.font()
            font.setPointSizeF(max(font.pointSizeF(), 13))
            label.setFont(font)
            # The value exposes what it shows; the field's name is the label beside it, and
            # the description says which field it is for a reader that lands on the value.
            label.setAccessibleDescription(name)
            field = QLabel(name)
            field.setBuddy(label)
            facts.addRow(field, label)
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
        # The note goes beside the scores, not under them: at 1024x600 the screen has room
        # across, not down.
        pain_row = QHBoxLayout()
        pain_row.setSpacing(24)
        pain_row.addLayout(pain)
        pain_row.setAlignment(pain, Qt.AlignmentFlag.AlignTop)
        pain_row.addWidget(self._build_pain_note(), 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(pain_row)
        layout.addStretch(1)

        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("Do it again"))
        self.again_button.setAccessibleName(self.tr("Do it again"))
        self.again_button.setAccessibleDescription(self.tr("Start the routine again"))
        self.done_button.setObjectName("startButton")
        self.done_button.setAccessibleName(self.tr("Done: close the summary"))
        self.done_button.setDefault(True)
        self.done_button.setMinimumHeight(40)
        row.addWidget(self.again_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        # Tab from Done goes through the ratings first (Enter alone closes the summary) and
        # leaves the summary after "Do it again". Done joined the summary first (see
        # above): the chain is cut at the summary's own place when it joins the window, so
        # an order set with setTabOrder would wrap from Done straight out to the banner.
        QWidget.setTabOrder(self.pain_before, self.pain_after)
        QWidget.setTabOrder(self.pain_after, self.pain_note)
        QWidget.setTabOrder(self.pain_note, self.help_button)
        QWidget.setTabOrder(self.help_button, self.again_button)
        self.done_button.clicked.connect(self._done)
        self.again_button.clicked.connect(self.again)
        self.pain_note.entered.connect(self._done)
        self.pain_before.entered.connect(self._done)
        self.pain_after.entered.connect(self._done)
        self.help_button.clicked.connect(self.help_topic_requested)
        self.pain_before.valueChanged.connect(self._update_pain_note)
        self.pain_after.valueChanged.connect(self._update_pain_note)

    def _build_pain_note(self) -> QWidget:
        """The note and its way to "When to get help", hidden until the scores call for it."""
        self.pain_note_box = QWidget()
        # Lines short enough to read at a glance on a wide screen.
        self.pain_note_box.setMaximumWidth(640)
        box = QVBoxLayout(self.pain_note_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.pain_note = PainNote()
        self.pain_note.setAccessibleDescription(
            self.tr("Press Enter to close the summary, or Tab to open “When to get help”.")
        )
        box.addWidget(self.pain_note)
        self.help_button = QPushButton(self.tr("Open “When to get help”"))
        self.help_button.setAccessibleName(self.tr("Open “When to get help”"))
        self.help_button.setAccessibleDescription(
            self.tr("The topic on warning signs and who to contact")
        )
        box.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.pain_note_box.hide()
        return self.pain_note_box

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
        self._update_pain_note()
        self.done_button.setFocus()

    def pain_note_showing(self) -> bool:
        return not self.pain_note_box.isHidden()

    def _update_pain_note(self) -> None:
        """Shows the note the moment the scores call for it, for as long as they do: it
        follows the scores rather than sticking, because arrowing a score up or down passes
        through values the person did not mean (a "before" of 0 on the way to 6)."""
        before, after = self.pain_before.rating(), self.pain_after.rating()
        if not pain_needs_note(before, after):
            self.pain_note_box.hide()
            return
        assert after is not None
        if before is not None and after - before >= PAIN_RISE:
            first = self.tr("Your pain is higher now than before the routine.")
        else:
            first = self.tr("Your pain is high right now.")
        self.pain_note.set_note(
            first
            + " "
            + self.tr(
                "Rest in a position that feels comfortable, and do not repeat this routine "
                "today. If the pain keeps getting worse, or any warning sign applies to you, "
                "see “When to get help”."
            )
        )
        if self.pain_note_box.isHidden():
            # Newly shown: Enter or Done brings the focus to it before closing anything, and
            # a screen reader hears it now, while the focus is still on the score.
            self.pain_note.was_focused = False
            self.pain_note_box.show()
            announce(self.pain_note, self.pain_note.text())

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
        if self.pain_note_showing() and not self.pain_note.was_focused:
            # The note must not be closed unseen: this press only brings it into focus (and
            # so to a screen reader); the next one closes the summary.
            self.pain_note.setFocus(Qt.FocusReason.OtherFocusReason)
            self.pain_note.was_focused = True
            return
        self.done.emit(self.pain_before.rating(), self.pain_after.rating())
