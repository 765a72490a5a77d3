"""The left half of a stretch step: its title, picture, note, numbered instructions and
cautions. The instructions are never in a scroll box (nobody on the floor can scroll): when
the column is short, the picture gives way first, and only then does the text get smaller.
Before either, the body (run_bodies.py) widens this column when the words need it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontInfo, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from backease_desktop.core.content import RestStep, StretchStep
from backease_desktop.core.content.origin import provenance
from backease_desktop.ui import theme
from backease_desktop.ui.markup import escape
from backease_desktop.ui.player.run_parts import set_pixel_size, text_label
from backease_desktop.ui.style import colours
from backease_desktop.ui.svg_view import SvgView

# Below this height a picture is a thumbnail nobody can read from the floor: it goes.
PICTURE_MIN_PX = 90
# The text shrinks to this size to keep the picture; below it, the picture goes first.
COMFORTABLE_TEXT_PX = 16
# The smallest text the instructions shrink to once the picture has gone.
TEXT_FLOOR_PX = 13
# At twice the scale or more (200% text), 11 px is 22 screen pixels or more, still larger
# than the floor at 100%: there the text may go this far before any words are cut off.
LARGE_SCALE_FLOOR_PX = 11
LARGE_SCALE = 1.75
SPACING_PX = 8


class StepColumn(QWidget):
    """Shows one step's picture and words, and fits them into whatever height it gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The grid gives this column the height there is; the column fits into it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._text_px = 16
        self._title_px = 22
        self._instruction_lines: tuple[str, ...] = ()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING_PX)
        self.title_label = text_label("playerTitle")
        # Where the exercise comes from: the source article, or who wrote a person's own.
        self.origin_label = text_label("meta")
        self.picture = SvgView(None, QSize(0, 0))
        self.note_label = text_label("meta")
        self.instructions_label = text_label()
        self.instructions_label.setTextFormat(Qt.TextFormat.RichText)
        self.instructions_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title_label)
        layout.addWidget(self.origin_label)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.instructions_label)
        layout.addWidget(self._build_caution())
        layout.addStretch(0)

    def _build_caution(self) -> QFrame:
        """The cautions under the instructions: a calm line with a caution sign, so "Stop if
        it hurts" is always in sight; the red-flag banner above stays the only alarm."""
        self.caution = QFrame()
        self.caution.setObjectName("playerCaution")
        # The soft amber of the Stretches page's "Take care" box, so the cautions read as
        # the same advice there and here.
        self.caution.setStyleSheet(
            f"#playerCaution {{ background: {colours().caution_background}; border-radius: 8px; }}"
        )
        row = QHBoxLayout(self.caution)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        # An image: named by what it is (the words beside it say what it means).
        self.caution_icon = QLabel()
        self.caution_icon.setAccessibleName(self.tr("Caution sign"))
        self.caution_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._caution_icon_px = 0
        self.caution_label = text_label()
        self.caution_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.caution_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.caution_label, 1)
        self.caution.hide()
        return self.caution

    # -- what it shows -----------------------------------------------------------------------

    def show_stretch(self, step: StretchStep) -> None:
        stretch = step.stretch
        self.title_label.setText(step.title)
        # A person's own or imported exercise says who wrote it, every time it plays; a
        # bundled stretch says where it comes from on its Stretches page, and here leaves
        # the room to the instructions.
        self.origin_label.setText(provenance(stretch))
        self.origin_label.setVisible(stretch.origin != "bundled")
        self.picture.set_path(theme.illustration_path(stretch.illustration))
        self.picture.set_description(stretch.title, stretch.description)
        self.note_label.setText(step.note)
        self.note_label.setVisible(bool(step.note))
        self._instruction_lines = stretch.instructions
        self._show_instructions()
        self.instructions_label.show()
        # "Take care:" leads, so a screen reader says what the words are before them.
        self.caution_label.setText(self.tr("Take care: {0}").format(" ".join(stretch.cautions)))
        self.caution.setVisible(bool(stretch.cautions))
        self.refit()

    def show_rest(self, step: RestStep) -> None:
        self.title_label.setText(step.title)
        self.origin_label.hide()
        self.picture.set_path(None)
        self.picture.set_description("", "")
        self.note_label.setText(step.note or self.tr("Rest quietly and breathe."))
        self.note_label.show()
        self._instruction_lines = ()
        self.instructions_label.hide()
        self.caution.hide()
        self.refit()

    def _show_instructions(self) -> None:
        # Qt indents a list by 40 px whatever the font; the numbers ("6." and a gap) need
        # about 1.6 em of it. The rest is taken back so the list lines up with the text
        # above, and the numbers are not cut off at the larger full-screen sizes.
        pixels = QFontInfo(self.instructions_label.font()).pixelSize()
        margin = min(0, round(pixels * 1.6) - 40)
        items = "".join(f"<li>{escape(line)}</li>" for line in self._instruction_lines)
        self.instructions_label.setText(f"<ol style='margin-left: {margin}px'>{items}</ol>")

    # -- fitting -----------------------------------------------------------------------------

    def set_sizes(self, title_px: int, text_px: int) -> None:
        """The sizes the window's height asks for; `refit` may make the text smaller."""
        self._title_px, self._text_px = title_px, text_px
        self.refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def refit(self) -> None:
        """Keeps the picture while the text can stay comfortably big; past that the picture
        gives way, and only then does the text shrink, down to a floor."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        set_pixel_size(self.title_label, self._title_px, bold=True)
        with_picture = self.picture.has_picture() and self._fits(
            width, height - PICTURE_MIN_PX, min(self._text_px, COMFORTABLE_TEXT_PX), True
        )
        if not with_picture:
            self._fits(width, height, self.floor_px(), False)
        self.picture.setVisible(with_picture)

    def fits_at(self, width: int, height: int, pixels: int) -> bool:
        """Whether the words, the picture left out, fit into `width` x `height` at text of
        `pixels`: asked by the body while it chooses how wide this column is. The sizes it
        leaves are undone by the `refit` that follows."""
        if width <= 0 or height <= 0:
            return False
        set_pixel_size(self.title_label, self._title_px, bold=True)
        self._set_text_px(pixels)
        return self._words_height(width, with_picture=False) <= height

    def wanted_text_px(self) -> int:
        return self._text_px

    def floor_px(self) -> int:
        """The smallest text size, in the pixels the layout counts: lower when the screen
        draws each of them larger."""
        if self.devicePixelRatioF() >= LARGE_SCALE:
            return LARGE_SCALE_FLOOR_PX
        return TEXT_FLOOR_PX

    def _fits(self, width: int, height: int, smallest_px: int, with_picture: bool) -> bool:
        """Sets the largest text size from the wanted one down to `smallest_px` at which the
        words fit into `height`; False (at `smallest_px`) if none does."""
        for pixels in range(self._text_px, smallest_px - 1, -1):
            self._set_text_px(pixels)
            if self._words_height(width, with_picture) <= height:
                return True
        return False

    def _set_text_px(self, pixels: int) -> None:
        before = QFontInfo(self.instructions_label.font()).pixelSize()
        labels = (self.origin_label, self.instructions_label, self.note_label, self.caution_label)
        for label in labels:
            set_pixel_size(label, pixels)
        if before != pixels and self._instruction_lines:
            self._show_instructions()
        self._size_caution_icon(round(pixels * 1.3))

    def _words_height(self, width: int, with_picture: bool) -> int:
        """The height the words need at `width`, with the gaps between them (and the gap
        the picture brings, if it is shown)."""
        total = 0
        shown = 0
        words = (self.title_label, self.origin_label, self.note_label)
        for widget in (*words, self.instructions_label, self.caution):
            if widget.isHidden():
                continue
            shown += 1
            if widget.hasHeightForWidth():
                total += widget.heightForWidth(width)
            else:
                total += widget.sizeHint().height()
        # A gap between each two shown parts; the picture is one more part.
        return total + SPACING_PX * max(0, shown - (0 if with_picture else 1))

    def _size_caution_icon(self, pixels: int) -> None:
        if pixels == self._caution_icon_px:
            return
        self._caution_icon_px = pixels
        icon = theme.icon("warning")
        self.caution_icon.setPixmap(icon.pixmap(QSize(pixels, pixels), self.devicePixelRatioF()))
