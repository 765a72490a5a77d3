"""The strip at the top of the running routine that says why it is paused, or asks "Stop
the routine?" before throwing away a routine well under way.

It takes the header's place (the same height), so neither question nor pause moves the
picture, the instructions or the countdown."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from backease_desktop.core.player import PauseReason, SessionState
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.player.run_parts import text_label
from backease_desktop.ui.player.wording import PAUSED_LOOK

# Esc stops at once this early in a routine (nothing much to lose); later it asks first.
STOP_WITHOUT_ASKING_S = 10.0


class StopQuestion(QFrame):
    """Shows the pause and the stop question. `asking_changed` tells the view to turn Enter
    into "stop" while the question is up; `wanted` to show the strip in the header's place
    (True) or the header (False)."""

    asking_changed = Signal(bool)
    wanted = Signal(bool)

    def __init__(self, driver: PlayerDriver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver = driver
        self._asking = False
        self._resume_after_question = False
        self.setObjectName("playerStatus")
        self.setStyleSheet(
            f"#playerStatus {{ background: {PAUSED_LOOK.colour}; border-radius: 8px; }}"
            "#playerStatus QLabel { color: #ffffff; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 8, 4)
        self.label = text_label()
        row.addWidget(self.label, 1)
        self.confirm_button = QPushButton(self.tr("Stop routine  (Enter)"))
        self.confirm_button.setAccessibleDescription(self.tr("Ends the routine here"))
        self.keep_going_button = QPushButton(self.tr("Keep going  (Esc)"))
        self.keep_going_button.setAccessibleDescription(
            self.tr("Closes the question and carries on where the routine was")
        )
        for button in (self.confirm_button, self.keep_going_button):
            # Never focused: Enter and Esc are the view's keys, wherever the focus is.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            row.addWidget(button)
        self.confirm_button.clicked.connect(self.confirm_stop)
        self.keep_going_button.clicked.connect(self.keep_going)
        self._show_buttons(False)

    def sizeHint(self) -> QSize:
        return self._with_room_for_buttons(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._with_room_for_buttons(super().minimumSizeHint())

    def _with_room_for_buttons(self, hint: QSize) -> QSize:
        """As tall with its buttons hidden (a pause) as shown (the question): the strip
        never changes height, so what is below it never moves."""
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        layout = self.layout()
        if layout is not None:
            inner = layout.contentsMargins()
            margins += inner.top() + inner.bottom()
        buttons = max(self.confirm_button.sizeHint().height(), 40)
        hint.setHeight(max(hint.height(), buttons + margins))
        return hint

    def is_asking(self) -> bool:
        return self._asking

    def reset(self) -> None:
        self._set_asking(False)
        self.show_pause(None)

    def request_stop(self) -> None:
        """Esc: stops at once near the start; later, pauses and asks first."""
        if self._asking:
            self.keep_going()
            return
        state = self.driver.state()
        if state is None or not self.driver.is_active():
            return
        if state.elapsed_routine_s <= STOP_WITHOUT_ASKING_S:
            self.driver.stop()
            return
        self._resume_after_question = not state.paused
        self._set_asking(True)
        self.driver.pause()
        announce(self, self.label.text())

    def confirm_stop(self) -> None:
        if self._asking:
            self._set_asking(False)
            self.driver.stop()

    def keep_going(self) -> None:
        if not self._asking:
            return
        self._set_asking(False)
        if self._resume_after_question:
            self.driver.resume()
        else:
            self.show_pause(self.driver.state())

    def show_pause(self, state: SessionState | None) -> None:
        """Says why the routine is paused; hidden while it runs. The question, while it is
        up, stays."""
        if self._asking:
            return
        if state is None or not state.paused:
            self.wanted.emit(False)
            return
        reason = state.pause_reason
        if reason is PauseReason.SUSPEND:
            text = self.tr("Paused while the computer was asleep. Space carries on.")
        elif reason is PauseReason.LOCK:
            text = self.tr("Paused while the screen was locked. Space carries on.")
        else:
            text = self.tr("Paused. Press Space to carry on.")
        self.label.setText(text)
        self.wanted.emit(True)

    def _set_asking(self, on: bool) -> None:
        self._asking = on
        self._show_buttons(on)
        if on:
            self.label.setText(self.tr("Stop the routine?"))
            self.wanted.emit(True)
        self.asking_changed.emit(on)

    def _show_buttons(self, on: bool) -> None:
        self.confirm_button.setVisible(on)
        self.keep_going_button.setVisible(on)
