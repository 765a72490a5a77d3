"""The two bodies of the running routine: a stretch (or rest) step with its words on the
left and the countdown on the right, and a breathing step with the pacer. Both columns of a
stretch step are always half the width, so nothing moves sideways between phases."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from backease_desktop.ui.player.pacer import BreathingPacer
from backease_desktop.ui.player.run_parts import PhaseBadge, progress_bar, text_label
from backease_desktop.ui.player.step_column import StepColumn


class CountdownColumn(QWidget):
    """The phase badge, the huge seconds left, side and repetition, and what comes next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.badge = PhaseBadge()
        # The seconds left are read from the screen; a screen reader hears them at sensible
        # moments instead (the view announces them), not every second.
        self.countdown = text_label("playerCountdown", wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.detail_label = text_label()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_bar = progress_bar(self.tr("Step progress"), 16)
        self.next_label = text_label("meta")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addStretch(1)
        column.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.countdown, 4)
        column.addWidget(self.detail_label)
        column.addSpacing(8)
        column.addWidget(self.step_bar)
        column.addWidget(self.next_label)
        column.addStretch(1)


class StretchBody(QWidget):
    """A stretch or rest step: its words on the left, the countdown on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        self.words = StepColumn()
        self.counter = CountdownColumn()
        row.addWidget(self.words, 1)
        row.addWidget(self.counter, 1)


class BreathBody(QWidget):
    """The pacer, and beside it the step, the breath count, time left and the guidance."""

    def __init__(self, pacer: BreathingPacer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        self.pacer = pacer
        row.addWidget(pacer, 6)
        side = QVBoxLayout()
        side.setSpacing(8)
        self.title = text_label("playerTitle")
        self.detail = text_label()
        self.step_bar = progress_bar(self.tr("Step progress"), 16)
        self.left = text_label("meta")
        self.next = text_label("meta")
        self.guidance = text_label()
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        side.addStretch(1)
        for widget in (self.title, self.detail, self.step_bar, self.left, self.next):
            side.addWidget(widget)
        side.addWidget(self.guidance)
        side.addStretch(2)
        row.addLayout(side, 4)
