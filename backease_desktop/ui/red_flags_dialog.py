"""The full list of warning signs, opened from the banner on any screen, with the way to
the standing health questions (to change an answer or record a professional's advice)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import RedFlags
from backease_desktop.ui.markup import escape


def red_flags_html(red_flags: RedFlags) -> str:
    """The tiers of warning signs as simple HTML, emergency first, each under its heading
    and with what to do."""
    parts = [f"<p>{escape(red_flags.intro)}</p>"]
    for group in (red_flags.emergency, red_flags.soon, red_flags.standing):
        if not group.signs:
            continue
        items = "".join(f"<li>{escape(flag.text)}</li>" for flag in group.signs)
        parts.append(f"<h3>{escape(group.heading)}</h3><ul>{items}</ul>")
        parts.append(f"<p>{escape(group.advice)}</p>")
    return "".join(parts)


class RedFlagsDialog(QDialog):
    """Modal list of red flags with a way to the "when to get help" topic."""

    help_topic_requested = Signal()
    review_requested = Signal()  # the standing health questions

    def __init__(self, red_flags: RedFlags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Warning signs: contact a medical professional"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("List of warning signs"))
        self.browser.setHtml(red_flags_html(red_flags))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.help_button = QPushButton(self.tr("Open “When to get help”"))
        self.help_button.setAccessibleName(self.tr("Open “When to get help”: the topic"))
        buttons.addButton(self.help_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.review_button = QPushButton(self.tr("Review health questions…"))
        self.review_button.setAccessibleName(
            self.tr("Review health questions…: the ones asked every 90 days")
        )
        self.review_button.setAccessibleDescription(
            self.tr("Change your answers, or record that a health professional has seen you")
        )
        buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.help_button.clicked.connect(self._open_help_topic)
        self.review_button.clicked.connect(self._review)
        layout.addWidget(buttons)

    def _open_help_topic(self) -> None:
        self.help_topic_requested.emit()
        self.accept()

    def _review(self) -> None:
        self.accept()
        self.review_requested.emit()
