"""The two bodies of the running routine: a stretch (or rest) step with its words on the
left and the countdown on the right, and a breathing step with the pacer. The columns of a
stretch step share the width half and half, unless the step's words need more: then the
countdown narrows. The split is chosen as a step is shown (or the window resized), never
between a step's phases, so nothing moves sideways while a step runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from backease_desktop.ui.player.pacer import BreathingPacer
from backease_desktop.ui.player.run_parts import (
    PhaseBadge,
    progress_bar,
    set_pixel_size,
    text_label,
)
from backease_desktop.ui.player.run_sizing import BADGE_WIDTH_EMS
from backease_desktop.ui.player.step_column import StepColumn

# The words' share of a stretch step's width, in per cent: half, and more (up to seven
# tenths) only when the words need it; the countdown's digits need far less than half.
WORD_SHARES = (50, 55, 60, 65, 70)
# The widest countdown ("0:00", a hold of minutes) is about this many times its font size
# wide, with a little room either side.
COUNTDOWN_WIDTH_EMS = 2.6


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
        self._wanted_countdown_px = 0
        self._wanted_badge_px = 0

    def set_sizes(self, countdown_px: int, badge_px: int) -> None:
        """The sizes the view's size asks for; a narrow column makes them smaller."""
        self._wanted_countdown_px, self._wanted_badge_px = countdown_px, badge_px
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.width()
        if width <= 0 or not self._wanted_countdown_px:
            return
        set_pixel_size(
            self.countdown,
            min(self._wanted_countdown_px, countdown_px_for(self.countdown, width)),
            bold=True,
        )
        self.badge.set_pixels(round(max(16, min(self._wanted_badge_px, width / BADGE_WIDTH_EMS))))


def countdown_px_for(label: QWidget, width: int) -> int:
    """The largest countdown font whose widest text ("0:00") fits `width`."""
    font = QFont(label.font())
    font.setPixelSize(100)
    font.setBold(True)
    ems = max(COUNTDOWN_WIDTH_EMS, QFontMetrics(font).horizontalAdvance("0:00") / 100 + 0.2)
    return max(1, int(width / ems))


class StretchBody(QWidget):
    """A stretch or rest step: its words on the left, the countdown on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        self.words = StepColumn()
        self.counter = CountdownColumn()
        row.addWidget(self.words, WORD_SHARES[0])
        row.addWidget(self.counter, 100 - WORD_SHARES[0])
        self._row = row
        self._share = WORD_SHARES[0]

    def words_share(self) -> int:
        """The words' share of the width, in per cent."""
        return self._share

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Gives the words the narrowest share at which they show whole at the largest text
        size that fits in any share (bigger words before a bigger countdown: the words are
        read from the floor, the countdown is huge anyway); failing all, the widest."""
        inner = self.width() - self._row.spacing()
        height = self.height()
        if inner <= 0 or height <= 0:
            return
        words = self.words

        def fits(share: int, pixels: int) -> bool:
            # One pixel less than the layout gives, for its rounding.
            return words.fits_at(inner * share // 100 - 1, height, pixels)

        share = WORD_SHARES[-1]
        for pixels in range(words.wanted_text_px(), words.floor_px() - 1, -1):
            fitting = next((s for s in WORD_SHARES if fits(s, pixels)), None)
            if fitting is not None:
                share = fitting
                break
        if share != self._share:
            self._share = share
            self._row.setStretch(0, share)
            self._row.setStretch(1, 100 - share)
        # The column's own fitting, at the width it has now (resized, it does it again).
        words.refit()


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
