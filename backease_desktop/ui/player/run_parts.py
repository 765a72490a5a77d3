"""Small pieces the running routine's view is built from: labels that expose exactly what
they show, the big control buttons, the phase badge, and the font and bar helpers."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from backease_desktop.ui import theme
from backease_desktop.ui.player.wording import PAUSED_LOOK, PHASE_LOOKS, PhaseLook


def text_label(object_name: str = "", wrap: bool = True) -> QLabel:
    """A label with no accessible name of its own: a screen reader reads its text, so what
    it hears is what is on the screen (a generic name such as "Instructions" would replace
    the text itself)."""
    label = QLabel()
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    return label


def set_pixel_size(widget: QWidget, pixels: float, bold: bool = False) -> None:
    """Sets the font's pixel size, only when it changes (a font change re-lays out)."""
    pixels = max(1, round(pixels))
    font = widget.font()
    if font.pixelSize() == pixels and font.bold() == bold:
        return
    font = QFont(font)
    font.setPixelSize(pixels)
    font.setBold(bold)
    widget.setFont(font)


def set_bar(bar: QProgressBar, value: int) -> None:
    """QProgressBar.setValue repaints (and flushes the window) at once; held back, the bar is
    painted with the rest of the next frame instead of delaying a phase boundary."""
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)
    bar.setValue(value)
    bar.setUpdatesEnabled(True)


def progress_bar(name: str, height: int) -> QProgressBar:
    """A thin bar without text; its name says what it measures (a bar shows no words)."""
    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.setMaximumHeight(height)
    return bar


class ControlButton(QPushButton):
    """A big button that never takes focus, so Space always pauses instead of pressing the
    button clicked last. Its text shows its key; its accessible name is that text (voice
    control users say what they see), and what it does goes in the description."""

    def __init__(self, icon: str, text: str, description: str) -> None:
        super().__init__(theme.icon(icon), text)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_description(description)
        self.setIconSize(QSize(22, 22))
        self.setMinimumHeight(46)
        self.setObjectName("playerControl")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_description(self, description: str) -> None:
        self.setAccessibleDescription(description)
        self.setToolTip(description)


class PhaseBadge(QLabel):
    """The phase word ("Get ready", "Hold", "Paused") on its colour. As wide as the widest
    word at every size, so the columns beside and below it never move between phases."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._look = PAUSED_LOOK
        self._pixels = 0
        self.set_pixels(28)

    def show_look(self, look: PhaseLook) -> None:
        if look == self._look and self.text() == look.word:
            return
        self._look = look
        self.setText(look.word)
        self._restyle()

    def look(self) -> PhaseLook:
        return self._look

    def set_pixels(self, pixels: int) -> None:
        if pixels == self._pixels:
            return
        self._pixels = pixels
        font = QFont(self.font())
        font.setPixelSize(pixels)
        font.setBold(True)
        metrics = QFontMetrics(font)
        words = {look.word for look in PHASE_LOOKS.values()} | {PAUSED_LOOK.word}
        widest = max(metrics.horizontalAdvance(word) for word in words)
        self.setFixedWidth(widest + pixels + 4 + pixels // 2)
        self.setFixedHeight(metrics.height() + pixels // 4 + 4)
        self._restyle()

    def _restyle(self) -> None:
        # The font is part of the style sheet: a style sheet set later would undo setFont().
        pixels = self._pixels
        self.setStyleSheet(
            f"background: {self._look.colour}; color: #ffffff; border-radius: {pixels // 4}px;"
            f" padding: 0px; font-size: {pixels}px; font-weight: bold;"
            " border: 2px solid rgba(255, 255, 255, 90);"
        )
