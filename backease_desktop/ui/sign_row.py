"""One warning sign as a tickable row: a checkbox and the sign's text wrapped beside it.

QCheckBox cannot wrap its text, and a sign runs to a hundred characters: on a 1024-pixel
screen one line each would not fit in two columns. So the text is a wrapping label, the
checkbox's buddy; a click on it ticks the box, and the box's accessible name is the text.
Its description says which tier the sign belongs to, as the column heading does on screen:
a screen reader moving from box to box would not hear the heading."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from backease_desktop.core.content import RedFlag


def tier_description(flag: RedFlag) -> str:
    """What a sign's checkbox says after its text: how urgent the sign is."""
    if flag.standing:
        return QCoreApplication.translate("SignRow", "About your health in general")
    if flag.tier == "emergency":
        return QCoreApplication.translate(
            "SignRow", "Emergency sign: call your local emergency number now"
        )
    return QCoreApplication.translate("SignRow", "See a doctor soon")


class SignRow(QWidget):
    """A red flag with its checkbox (`box`) and its text (`label`)."""

    def __init__(self, flag: RedFlag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flag = flag
        self.setObjectName("signRow")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(6)
        self.box = QCheckBox()
        self.box.setAccessibleName(flag.text)
        self.box.setAccessibleDescription(tier_description(flag))
        self.label = QLabel(flag.text)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))  # easy to read, still two columns
        self.label.setFont(font)
        self.label.setBuddy(self.box)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.label.installEventFilter(self)
        self.box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return True
        if watched is self.box and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.box.hasFocus():
            # The box alone is a small square: a frame round the whole row shows where the
            # keyboard is, in the palette's highlight colour.
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
            painter.end()
