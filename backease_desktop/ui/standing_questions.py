"""The standing health questions (a past cancer, steroids or injected drugs, pain for more
than four weeks, a recurrence that feels different): asked before the first routine ever
played and every 90 days in the player, and opened any time from the Warning signs dialog.

Whoever ticks one can record that a health professional has seen them and advised gentle
exercise, with the date; the record covers the facts ticked when it was made, and ticking
another one takes the tick off the record until the person confirms it again. The widget
only shows and collects; core/safety.py decides what the answers mean and stores them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import RedFlags
from backease_desktop.core.safety import StandingAnswers, read_answers, save_standing
from backease_desktop.core.settings import Settings
from backease_desktop.ui.sign_row import SignRow


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StandingQuestions(QWidget):
    """The questions with their checkboxes and the clearance record. `saved(answers)` gives
    a StandingAnswers dated today; `cancelled()` leaves them as they were."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, red_flags: RedFlags, save_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today: date | None = None  # given by ask(), from the app's clock
        # The facts the ticked clearance box speaks for: those ticked when it was ticked, or
        # those a previous record was made for when it is offered again.
        self._covered: frozenset[str] = frozenset()
        self._previous: StandingAnswers | None = None  # its advice, if it counts, is offered
        self.setAccessibleName(self.tr("About your health in general"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(6)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(15)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        group = red_flags.standing
        self.group_heading = QLabel(group.heading)
        bold = self.group_heading.font()
        bold.setBold(True)
        self.group_heading.setFont(bold)
        column.addWidget(self.group_heading)
        self.rows: list[SignRow] = []
        for flag in group.signs:
            row = SignRow(flag)
            row.box.toggled.connect(self._fact_toggled)
            self.rows.append(row)
            column.addWidget(row)

        self.clearance = QFrame()
        self.clearance.setObjectName("card")
        clearance = QVBoxLayout(self.clearance)
        clearance.setContentsMargins(10, 8, 10, 8)
        self.advice = QLabel(group.advice)
        self.advice.setWordWrap(True)
        clearance.addWidget(self.advice)
        self.cleared_box = QCheckBox(
            self.tr("A health professional has seen me about this and advised gentle exercise")
        )
        self.cleared_box.setAccessibleName(self.cleared_box.text())
        self.cleared_box.toggled.connect(self._clearance_toggled)
        self.cleared_box.clicked.connect(self._forget_previous_clearance)
        clearance.addWidget(self.cleared_box)
        when = QHBoxLayout()
        self.date_label = QLabel(self.tr("On this date:"))
        self.cleared_date = QDateEdit()
        self.cleared_date.setCalendarPopup(True)
        self.cleared_date.setDisplayFormat("yyyy-MM-dd")
        self.cleared_date.setAccessibleName(self.tr("On this date: when they advised you"))
        self.date_label.setBuddy(self.cleared_date)
        when.addWidget(self.date_label)
        when.addWidget(self.cleared_date)
        when.addStretch(1)
        clearance.addLayout(when)
        column.addWidget(self.clearance)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("Health questions"))
        # The boxes inside take the keyboard; the area itself would be a Tab stop with
        # nothing to show for it.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(self.tr("Not now: keep the answers as they were"))
        self.save_button = QPushButton(save_label)
        self.save_button.setObjectName("startButton")
        self.save_button.setAccessibleName(save_label)
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            button.setMinimumHeight(34)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button.clicked.connect(self._save)
        self._update()

    def ask(
        self,
        today: date,
        previous: StandingAnswers | None,
        heading: str,
        show_previous: bool = False,
    ) -> None:
        """Shows the questions with nothing ticked, so that they are answered afresh (the
        renewal every 90 days), or as last answered with `show_previous` (the person opened
        them to change an answer). A previous record of advice is offered again, ticked and
        dated as it was, only while the facts ticked are among those it was made for. The
        clearance date is today at the latest; the focus goes to the first question."""
        self._today = today
        self.heading.setText(heading)
        self.intro.setText(
            self.tr(
                "These do not change from day to day, so BackEase asks about them once and "
                "again every 90 days. Tick any that apply to you."
            )
        )
        self._previous = previous if previous is not None and previous.cleared(today) else None
        self.cleared_date.setMaximumDate(_qdate(today))
        self._covered = frozenset()
        self.cleared_box.setChecked(False)
        ticked = set(previous.ticked) if previous is not None and show_previous else set()
        for row in self.rows:
            row.box.setChecked(row.flag.id in ticked)
        self._offer_previous_clearance()
        self._update()
        if self.rows:
            self.rows[0].box.setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> StandingAnswers:
        assert self._today is not None, "ask() first"
        ticked = tuple(sorted(self._ticked_ids()))
        cleared_on = None
        cleared_ids: tuple[str, ...] = ()
        if ticked and self.cleared_box.isChecked():
            picked = self.cleared_date.date()
            cleared_on = date(picked.year(), picked.month(), picked.day())
            cleared_on = min(cleared_on, self._today)  # never in the future
            cleared_ids = tuple(sorted(self._covered & set(ticked)))
        return StandingAnswers(self._today, ticked, cleared_on, cleared_ids)

    def _ticked_ids(self) -> frozenset[str]:
        return frozenset(row.flag.id for row in self.rows if row.box.isChecked())

    def _offer_previous_clearance(self) -> None:
        """Ticks the clearance with its old date when a previous record covers every fact
        now ticked (until the person ticks or unticks the clearance themselves)."""
        previous = self._previous
        ticked = self._ticked_ids()
        if self.cleared_box.isChecked() or previous is None or previous.cleared_on is None:
            return
        if ticked and ticked <= set(previous.cleared_ids):
            self.cleared_date.setDate(_qdate(previous.cleared_on))
            self.cleared_box.setChecked(True)
            self._covered = frozenset(previous.cleared_ids)

    def _fact_toggled(self, checked: bool) -> None:
        if checked and not self._ticked_ids() <= self._covered:
            # A fact the record does not speak for: the professional may never have heard
            # of it, so the record waits until the person ticks it again for all of them.
            self.cleared_box.setChecked(False)
            if self._today is not None:
                self.cleared_date.setDate(_qdate(self._today))
        self._offer_previous_clearance()
        self._update()

    def _forget_previous_clearance(self) -> None:
        # The person has said it themselves: an old record is not offered over it again.
        self._previous = None

    def _clearance_toggled(self, checked: bool) -> None:
        self._covered = self._ticked_ids() if checked else frozenset()
        self._update()

    def _update(self, *_: bool) -> None:
        ticked = any(row.box.isChecked() for row in self.rows)
        self.clearance.setVisible(ticked)
        self.cleared_date.setEnabled(self.cleared_box.isChecked())
        self.date_label.setEnabled(self.cleared_box.isChecked())

    def _save(self) -> None:
        self.saved.emit(self.answers())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class StandingDialog(QDialog):
    """The questions on their own, from the Warning signs dialog or the player's closed
    notice; saving stores them at once."""

    def __init__(
        self,
        red_flags: RedFlags,
        settings: Settings,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Health questions"))
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.questions = StandingQuestions(red_flags, self.tr("Save answers"))
        self.questions.cancel_button.setText(self.tr("Cancel"))
        self.questions.cancel_button.setAccessibleName(self.tr("Cancel: keep the answers"))
        layout.addWidget(self.questions)
        self.questions.ask(
            today,
            read_answers(settings).standing,
            self.tr("Review your health answers"),
            show_previous=True,
        )
        self.questions.saved.connect(self._save)
        self.questions.cancelled.connect(self.reject)

    def _save(self, answers: StandingAnswers) -> None:
        save_standing(self.settings, answers)
        self.accept()


def review_standing_answers(
    red_flags: RedFlags, settings: Settings, today: date, parent: QWidget | None
) -> bool:
    """Opens the questions as a dialog; True when new answers were saved."""
    dialog = StandingDialog(red_flags, settings, today, parent)
    saved = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return saved
