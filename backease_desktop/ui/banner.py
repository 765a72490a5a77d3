"""The red-flag banner: one line on every screen saying when to get medical help now.

It has no close button and no setting hides it; the button opens the full list. Colours are
fixed (not from the palette) so the 4.5:1 contrast holds in light and dark themes."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from backease_desktop.core.content import RedFlags
from backease_desktop.ui import theme

# Shown when the list of warning signs did not load (its own banner line with it): a banner
# must still name the emergency tier and what to do, never go vague.
FALLBACK_BANNER = (
    "Emergency signs with back pain, such as numbness around the genitals, new bladder or "
    "bowel trouble, weakness in both legs or chest pain: call your local emergency number now."
)


class RedFlagBanner(QFrame):
    """Exposed to assistive technology as an alert named for what it warns about."""

    details_requested = Signal()
    accessible_role = QAccessible.Role.AlertMessage

    def __init__(self, red_flags: RedFlags, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("redFlagBanner")
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            f"#redFlagBanner {{ background: {theme.BANNER_BACKGROUND}; }}"
            f"#redFlagBanner QLabel {{ color: {theme.BANNER_TEXT}; font-weight: bold; }}"
            f"#redFlagBanner QPushButton {{ color: {theme.BANNER_BACKGROUND};"
            f" background: {theme.BANNER_TEXT}; border: 2px solid {theme.BANNER_TEXT};"
            " border-radius: 4px; padding: 3px 12px; font-weight: 600; }"
            "#redFlagBanner QPushButton:focus { border: 2px solid #000000; }"
        )
        layout = QHBoxLayout(self)
        margin = 6 if compact else 8
        layout.setContentsMargins(12, margin, 12, margin)
        layout.setSpacing(10)

        self.icon_label = QLabel()
        warning = theme.icon("warning", dark=True)  # the light-ink version reads on red
        if not warning.isNull():
            self.icon_label.setPixmap(warning.pixmap(QSize(20, 20)))
        self.icon_label.setAccessibleName(self.tr("Warning"))
        layout.addWidget(self.icon_label)

        self.message = QLabel(red_flags.banner or self.tr(FALLBACK_BANNER))
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 1)

        self.details_button = QPushButton(self.tr("Warning signs…"))
        # The name starts with the visible label; what it opens is in the description.
        self.details_button.setAccessibleName(self.details_button.text())
        self.details_button.setAccessibleDescription(
            self.tr(
                "Shows every warning sign: the emergency signs, the signs to see a doctor "
                "soon, and the health questions"
            )
        )
        self.details_button.setToolTip(
            self.tr("The symptoms that mean: contact a medical professional now (Ctrl+Shift+H)")
        )
        self.details_button.clicked.connect(self.details_requested)
        layout.addWidget(self.details_button)

        self.setAccessibleName(self.tr("Medical warning: {0}").format(self.message.text()))
        self.setAccessibleDescription(
            self.tr("Always shown. Use the Warning signs button for the full list.")
        )

    def text(self) -> str:
        return self.message.text()
