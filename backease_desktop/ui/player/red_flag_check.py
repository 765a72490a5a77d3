"""The question before the day's first routine: "Do any of these apply to you today?", with
today's warning signs as checkboxes in their two tiers, and the answer when one does: call
the emergency number now, or see a doctor soon, and why.

The check is built so that it cannot be clicked through by accident: the focus starts on the
first sign, never on the start button (Enter on a sign does nothing), and where the list does
not fit on the screen (large text) the start button waits until the end of the list has been
in view or the keyboard has reached the last sign."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import RedFlag, RedFlagGroup, RedFlags
from backease_desktop.ui import theme
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.markup import escape
from backease_desktop.ui.sign_row import SignRow

_ALERT_STYLE = (
    f"QLabel#emergencyAlert {{ background: {theme.BANNER_BACKGROUND};"
    f" color: {theme.BANNER_TEXT}; font-weight: bold; border-radius: 6px; padding: 6px 10px; }}"
)
_EMERGENCY_HEADING_STYLE = f"QLabel#emergencyHeading {{ color: {theme.BANNER_BACKGROUND}; }}"
_DISABLED_START_STYLE = (
    "QPushButton#startButton:disabled { background: palette(button); color: palette(mid);"
    " border: 1px dashed palette(mid); }"
)


def _heading(text: str, size_pt: float) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(size_pt)
    font.setBold(True)
    label.setFont(font)
    return label


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF(), 11.5))
    label.setFont(font)
    return label


def _group_heading(group: RedFlagGroup, emergency: bool) -> QLabel:
    label = QLabel(group.heading)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    if emergency:
        label.setObjectName("emergencyHeading")
    return label


class RedFlagCheck(QWidget):
    """Lists today's warning signs (`red_flags.daily`) by tier. `answered(ticked)` gives the
    ticked signs (empty: none applies, the routine may start); `cancelled()` leaves without
    starting."""

    answered = Signal(list)
    cancelled = Signal()

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Before you start"))
        self.setStyleSheet(_ALERT_STYLE + _EMERGENCY_HEADING_STYLE + _DISABLED_START_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 8, 20, 8)
        layout.setSpacing(4)
        self.routine_label = QLabel()
        self.routine_label.setObjectName("meta")
        layout.addWidget(self.routine_label)
        self.question = _heading(self.tr("Do any of these apply to you today?"), 15)
        layout.addWidget(self.question)
        self.explanation = QLabel(
            self.tr(
                "Tick any that do: they can be signs of something a doctor should look at, "
                "and stretching is not the answer for them."
            )
        )
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

        self.rows: list[SignRow] = []
        listing = QWidget()
        listing.setObjectName("pageBody")
        grid = QGridLayout(listing)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(0)
        for column, (group, emergency) in enumerate(
            ((red_flags.emergency, True), (red_flags.soon, False))
        ):
            stack = QVBoxLayout()
            stack.setSpacing(1)
            stack.addWidget(_group_heading(group, emergency))
            for flag in group.signs:
                row = SignRow(flag)
                row.box.toggled.connect(self._update_buttons)
                self.rows.append(row)
                stack.addWidget(row)
            stack.addStretch(1)
            grid.addLayout(stack, 0, column)
            grid.setColumnStretch(column, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(listing)
        self.scroll_area.setAccessibleName(self.tr("Warning signs"))
        layout.addWidget(self.scroll_area, 1)

        self.emergency_alert = QLabel(
            self.tr(
                "An emergency sign: call your local emergency number now, or go to an "
                "emergency department. Do not start a routine."
            )
        )
        self.emergency_alert.setObjectName("emergencyAlert")
        self.emergency_alert.setWordWrap(True)
        self.emergency_alert.hide()
        layout.addWidget(self.emergency_alert)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Not now"))
        self.cancel_button.setAccessibleName(self.tr("Not now: do not start the routine"))
        self.wait_reason = QLabel(
            self.tr(
                "Start opens once you have seen every sign: scroll to the end of the list, "
                "or Tab to the last sign."
            )
        )
        self.wait_reason.setWordWrap(True)
        self.wait_reason.setObjectName("meta")
        self.start_button = QPushButton(self.tr("None of these apply: start"))
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName(self.tr("None of these apply: start the routine"))
        self.continue_button = QPushButton(self.tr("Continue: what to do"))
        self.continue_button.setObjectName("startButton")
        self.continue_button.setAccessibleName(
            self.tr("Continue: what to do, without starting the routine")
        )
        for button in (self.cancel_button, self.start_button, self.continue_button):
            # Enter on a ticked or unticked sign must never start a routine.
            button.setDefault(False)
            button.setAutoDefault(False)
            button.setMinimumHeight(34)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.wait_reason, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancelled)
        self.start_button.clicked.connect(self._answer)
        self.continue_button.clicked.connect(self._answer)

        # Whether the end of the list has been in view, or the keyboard reached the last sign.
        self._seen_end = False
        bar = self.scroll_area.verticalScrollBar()
        bar.valueChanged.connect(self._note_scrolled)
        bar.rangeChanged.connect(self._note_scrolled)
        if self.rows:
            self.rows[-1].box.installEventFilter(self)
        self._update_buttons()

    # -- what the page calls --------------------------------------------------------------

    def ask(self, routine_title: str) -> None:
        """Shows the question afresh for a routine: nothing ticked, the list at its top and
        the focus on the first sign."""
        self.routine_label.setText(self.tr("Before you start: {0}").format(routine_title))
        for row in self.rows:
            row.box.setChecked(False)
        self._seen_end = False
        self.scroll_area.verticalScrollBar().setValue(0)
        self._note_scrolled()
        self._update_buttons()
        if self.rows:
            self.rows[0].box.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def boxes(self) -> list[tuple[RedFlag, QCheckBox]]:
        """(sign, checkbox) pairs, in the order shown."""
        return [(row.flag, row.box) for row in self.rows]

    def ticked(self) -> list[RedFlag]:
        return [row.flag for row in self.rows if row.box.isChecked()]

    # -- keeping the start honest ---------------------------------------------------------

    def _note_scrolled(self, *_: int) -> None:
        if self._seen_end or not self.scroll_area.isVisible():
            return
        bar = self.scroll_area.verticalScrollBar()
        if bar.value() >= bar.maximum():
            self._seen_end = True
            self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and not self._seen_end:
            self._seen_end = True
            self._update_buttons()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._note_scrolled()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._note_scrolled()

    def _update_buttons(self, *_: bool) -> None:
        ticked = self.ticked()
        emergency = any(flag.tier == "emergency" for flag in ticked)
        newly = emergency and self.emergency_alert.isHidden()
        self.emergency_alert.setVisible(emergency)
        if newly:
            # Said at once, while the focus stays on the sign just ticked: a screen reader
            # would otherwise never reach the line that says to call now.
            announce(self.emergency_alert, self.emergency_alert.text())
        # A ticked sign leads to what to do; nothing ticked is the only way to start.
        self.start_button.setVisible(not ticked)
        self.continue_button.setVisible(bool(ticked))
        self.start_button.setEnabled(self._seen_end)
        waiting = not ticked and not self._seen_end
        self.wait_reason.setVisible(waiting)
        self.start_button.setAccessibleDescription(self.wait_reason.text() if waiting else "")

    def _answer(self) -> None:
        ticked = self.ticked()
        if not ticked and not self._seen_end:
            return
        self.answered.emit(ticked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class RedFlagStop(QWidget):
    """Shown instead of the routine when it may not start: an emergency sign (call now), a
    see-a-doctor-soon sign, a standing fact without a health professional's advice, or a
    list of warning signs that did not load. Says what to do, and why."""

    help_topic_requested = Signal()
    review_requested = Signal()  # the standing questions, to record advice
    closed = Signal()

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.red_flags = red_flags
        self.setAccessibleName(self.tr("Please contact a medical professional"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        icon = QLabel()
        warning = theme.icon("warning")
        if not warning.isNull():
            icon.setPixmap(warning.pixmap(40, 40))
        icon.setAccessibleName(self.tr("Warning"))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = _heading("", 18)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.message = _paragraph("")
        layout.addWidget(self.message)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.setObjectName("cautions")
        why_font = self.why.font()
        why_font.setPointSizeF(max(why_font.pointSizeF(), 11.5))
        self.why.setFont(why_font)
        layout.addWidget(self.why)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back, without starting"))
        self.review_button = QPushButton(self.tr("Update my health answers…"))
        self.review_button.setAccessibleName(
            self.tr("Update my health answers…: record a health professional's advice")
        )
        self.help_button = QPushButton(self.tr("Open “When to get help”"))
        self.help_button.setObjectName("startButton")
        self.help_button.setAccessibleName(self.tr("Open “When to get help”: the topic"))
        for button in (self.back_button, self.review_button, self.help_button):
            button.setMinimumHeight(36)
            button.setAutoDefault(False)
        # The review button on a line of its own: three buttons side by side would set the
        # player's narrowest width, too wide for a small screen with large text.
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.help_button)
        layout.addLayout(row)
        self.help_button.clicked.connect(self.help_topic_requested)
        self.review_button.clicked.connect(self.review_requested)
        self.back_button.clicked.connect(self.closed)

    def _show(
        self, heading: str, message: str, why: str, help_offered: bool, review: bool = False
    ) -> None:
        self.heading.setText(heading)
        self.setAccessibleName(heading)
        self.message.setText(message)
        self.why.setText(why)
        self.why.setVisible(bool(why))
        self.help_button.setVisible(help_offered)
        self.review_button.setVisible(review)
        (self.help_button if help_offered else self.back_button).setFocus()

    @staticmethod
    def _list(said: str, flags: list[RedFlag], meaning: str = "") -> str:
        items = "".join(f"<li>{escape(flag.text)}</li>" for flag in flags)
        tail = f"<p>{escape(meaning)}</p>" if meaning else ""
        return f"<p><b>{escape(said)}</b></p><ul>{items}</ul>{tail}"

    def show_reasons(self, ticked: list[RedFlag]) -> None:
        """Today's check: an emergency sign says call now and offers nothing but Back; a
        see-a-doctor-soon sign explains and offers the When to get help topic."""
        emergency = [flag for flag in ticked if flag.tier == "emergency"]
        if emergency:
            self._show(
                self.tr("Emergency: call your local emergency number now"),
                self.red_flags.emergency.advice,
                self._list(self.tr("Why: you said this applies to you today:"), emergency),
                help_offered=False,
            )
            return
        said = (
            self.tr("Why: you said this applies to you today:")
            if len(ticked) == 1
            else self.tr("Why: you said these apply to you today:")
        )
        self._show(
            self.tr("Please do not start a routine today: see a doctor soon"),
            self.red_flags.soon.advice,
            self._list(
                said,
                ticked,
                self.tr(
                    "A medical professional should look at this first. Stretching could make "
                    "it worse, or hide it for a while."
                ),
            ),
            help_offered=True,
        )

    def show_standing(self, facts: list[RedFlag]) -> None:
        """A standing fact applies and no health professional's advice is recorded."""
        self._show(
            self.tr("Routines stay closed until a health professional has advised you"),
            self.red_flags.standing.advice,
            self._list(self.tr("Why: you said this applies to you:"), facts),
            help_offered=True,
            review=True,
        )

    def show_unavailable(self) -> None:
        """The warning signs did not load (fail closed): one sentence on what is wrong."""
        self._show(
            self.tr("Routines are closed"),
            self.tr(
                "The list of warning signs could not be loaded, so BackEase will not start a "
                "routine until it is repaired or reinstalled."
            ),
            "",
            help_offered=False,
        )
