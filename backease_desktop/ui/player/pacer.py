"""The breathing pacer: a circle that grows over the inhale, stays full for the pause and
shrinks over the exhale, with the phase word and the seconds left inside it.

The circle follows the engine's phase fraction, read afresh on every frame, so it can never
drift from the countdown. Frames are drawn at the display's rate only while a breathing
phase is on screen and running; hidden, paused, or with "reduce motion", nothing is
animated: reduce motion shows the word, the seconds and a bar that moves once a second."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from backease_desktop.core.player import PhaseKind, SessionState
from backease_desktop.ui import theme
from backease_desktop.ui.player.wording import (
    BREATHING_KINDS,
    PAUSED_LOOK,
    PHASE_LOOKS,
    look_of,
    whole_seconds_left,
)

# The empty-lungs circle is this share of the full one: big enough to hold the words.
MIN_RADIUS_SHARE = 0.55
_FALLBACK_FRAME_MS = 16
_BREATHE_IN_COLOUR = PHASE_LOOKS[PhaseKind.BREATHE_IN].colour


def ease(fraction: float) -> float:
    """Slow at both ends, like a breath: a half cosine from 0 to 1."""
    fraction = min(1.0, max(0.0, fraction))
    return (1 - math.cos(math.pi * fraction)) / 2


def breath_level(kind: PhaseKind, fraction: float) -> float | None:
    """How full the lungs are, 0 to 1, at `fraction` through a breathing phase; None for a
    phase that is not part of a breath."""
    if kind is PhaseKind.BREATHE_IN:
        return ease(fraction)
    if kind is PhaseKind.BREATHE_PAUSE:
        return 1.0
    if kind is PhaseKind.BREATHE_OUT:
        return 1.0 - ease(fraction)
    return None


class _Circle(QWidget):
    """Paints the target ring and the breath circle; the words sit on top as child labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = 0.0
        self.colour = QColor(_BREATHE_IN_COLOUR)
        self.drawn = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    def max_radius(self) -> float:
        return 0.47 * min(self.width(), self.height())

    def radius(self, level: float | None = None) -> float:
        full = self.max_radius()
        share = self.level if level is None else level
        return full * (MIN_RADIUS_SHARE + (1 - MIN_RADIUS_SHARE) * share)

    def repaint_edge(self, old_level: float) -> None:
        """Asks for a repaint of only the ring between the old edge and the new one: a
        breath moves the edge a pixel or so per frame, so each frame paints a thin band
        instead of the whole circle and the words inside it."""
        margin = 2.0  # antialiasing reaches a pixel past the edge
        outer = max(self.radius(old_level), self.radius()) + margin
        inner = max(0.0, min(self.radius(old_level), self.radius()) - margin)
        x, y = self.width() / 2, self.height() / 2

        def disc(r: float) -> QRegion:
            return QRegion(
                QRectF(x - r, y - r, 2 * r, 2 * r).toAlignedRect(), QRegion.RegionType.Ellipse
            )

        self.update(disc(outer).subtracted(disc(inner)))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.drawn:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        full = self.max_radius()
        # The ring shows how big a full breath is; on a dark window a lighter ring keeps it
        # visible.
        ring = QColor(self.colour).lighter(190) if theme.is_dark() else QColor(self.colour)
        ring.setAlpha(150 if theme.is_dark() else 110)
        pen = QPen(ring, max(2.0, full * 0.025))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, full, full)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        radius = self.radius()
        painter.drawEllipse(centre, radius, radius)
        painter.end()


class BreathingPacer(QWidget):
    """Shows one breathing phase. `show_state` is called at each phase change and countdown
    change; between those, while animating, each frame asks `state_source` for the state."""

    def __init__(
        self,
        state_source: Callable[[], SessionState | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = state_source
        self._reduce_motion = False
        self._state: SessionState | None = None
        self.setAccessibleName(self.tr("Breathing pacer"))

        self.circle = _Circle()
        self.word = QLabel("")
        self.word.setObjectName("pacerWord")
        self.word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds = QLabel("")
        self.seconds.setObjectName("pacerSeconds")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Reduce motion: a bar that fills with the breath, right under the words.
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Breath"))
        self.bar.setMinimumHeight(28)
        self.bar.hide()
        inside = QVBoxLayout(self.circle)
        inside.addStretch(1)
        inside.addWidget(self.word, 0, Qt.AlignmentFlag.AlignHCenter)
        inside.addWidget(self.seconds)
        inside.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        inside.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.circle, 1)
        self._colour = _BREATHE_IN_COLOUR
        self._painted_level = 0.0
        self._word_px = 32
        self._seconds_px = 60

        self._frames = QTimer(self)
        self._frames.setTimerType(Qt.TimerType.PreciseTimer)
        self._frames.timeout.connect(self.refresh)
        self._apply_colours(_BREATHE_IN_COLOUR)
        self._fit_fonts()

    # -- what tests and the run view read -------------------------------------------------

    def level(self) -> float:
        return self.circle.level

    def radius(self) -> float:
        return self.circle.radius()

    def max_radius(self) -> float:
        return self.circle.max_radius()

    def word_text(self) -> str:
        return self.word.text()

    def seconds_text(self) -> str:
        return self.seconds.text()

    def is_animating(self) -> bool:
        return self._frames.isActive()

    def reduce_motion(self) -> bool:
        return self._reduce_motion

    # -- driving it ------------------------------------------------------------------------

    def set_reduce_motion(self, on: bool) -> None:
        if on == self._reduce_motion:
            return
        self._reduce_motion = on
        self.circle.drawn = not on
        self.bar.setVisible(on)
        self._fit_fonts()
        if self._state is not None:
            self.show_state(self._state)
        self.circle.update()

    def show_state(self, state: SessionState) -> None:
        """A new phase or a new second: words, seconds and (reduce motion) the bar."""
        self._state = state
        phase = state.phase
        if phase.kind in BREATHING_KINDS:
            look = look_of(phase)
            word = look.word
            colour = look.colour
        else:
            word, colour = "", _BREATHE_IN_COLOUR
        if state.paused:
            colour = PAUSED_LOOK.colour
        self._set_text(self.word, word)
        seconds = whole_seconds_left(state.remaining_phase_s)
        self._set_text(self.seconds, str(seconds) if word else "")
        self._apply_colours(colour)
        level = breath_level(phase.kind, state.phase_fraction)
        if level is not None:
            self.circle.level = self._painted_level = level
            # Reduce motion moves the bar once a second, in whole steps: calm, never sliding.
            self.bar.setValue(round(100 * level))
        self.circle.update()
        self._update_animation()

    def refresh(self) -> None:
        """One animation frame: the circle at the engine's current phase fraction."""
        state = self._source()
        if state is None:
            return
        level = breath_level(state.phase.kind, state.phase_fraction)
        if level is None or level == self.circle.level:
            return
        # Repainted only once the edge has moved a whole pixel: a slow breath moves
        # it less than that per frame, and a held breath not at all, so most frames are free.
        moved = abs(level - self._painted_level) * self.circle.max_radius() * (1 - MIN_RADIUS_SHARE)
        self.circle.level = level
        if moved * self.devicePixelRatioF() >= 1.0:
            self.circle.repaint_edge(self._painted_level)
            self._painted_level = level

    def _should_animate(self, state: SessionState | None) -> bool:
        return (
            state is not None
            and not self._reduce_motion
            and self.isVisible()
            and not self.window().isMinimized()
            and state.phase.kind in BREATHING_KINDS
            and state.started
            and not (state.paused or state.finished or state.stopped)
        )

    def _update_animation(self) -> None:
        if self._should_animate(self._state):
            if not self._frames.isActive():
                self._frames.start(self._frame_ms())
        else:
            self._frames.stop()

    def _frame_ms(self) -> int:
        screen = self.screen()
        rate = screen.refreshRate() if screen is not None else 0.0
        return max(8, round(1000 / rate)) if rate >= 20 else _FALLBACK_FRAME_MS

    # -- looks -------------------------------------------------------------------------------

    def _apply_colours(self, colour: str) -> None:
        self.circle.colour = QColor(colour)
        self._colour = colour
        self._style_labels()

    def _style_labels(self) -> None:
        # Fonts go in the style sheets: a style sheet set after setFont() would undo it.
        if self._reduce_motion:
            # No circle: the word sits on its own badge of the phase colour, as in the
            # stretch view, and the seconds take the window's text colour.
            word = (
                f"color: #ffffff; background: {self._colour}; border-radius: "
                f"{self._word_px // 4}px; padding: {self._word_px // 8}px {self._word_px // 2}px;"
            )
            seconds = "color: palette(window-text); background: transparent;"
        else:
            word = seconds = "color: #ffffff; background: transparent;"
        word += f" font-size: {self._word_px}px; font-weight: bold;"
        seconds += f" font-size: {self._seconds_px}px; font-weight: bold;"
        if self.word.styleSheet() != word:
            self.word.setStyleSheet(word)
        if self.seconds.styleSheet() != seconds:
            self.seconds.setStyleSheet(seconds)

    @staticmethod
    def _set_text(label: QLabel, text: str) -> None:
        # No accessible name of its own: a screen reader reads what the label shows.
        if label.text() != text:
            label.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        # Sized to the smallest circle, so "Breathe out" always fits inside it; with reduce
        # motion there is no circle, and the words may take its full size.
        smallest = self.circle.max_radius() * (1.0 if self._reduce_motion else MIN_RADIUS_SHARE)
        self._word_px = max(14, round(smallest * 0.25))
        self._seconds_px = max(18, round(smallest * 0.55))
        self.bar.setFixedWidth(max(120, round(self.width() * 0.6)))
        self._style_labels()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_animation()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._frames.stop()
