"""A quiet notice under the banner when some content files could not be loaded."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from backease_desktop.core.content import ContentError
from backease_desktop.ui.style import colours


class ContentNotice(QFrame):
    """Says how many files were skipped; Details lists each `path:line:column: field: …`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentNotice")
        self.errors: tuple[ContentError, ...] = ()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 1)
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setAccessibleDescription(self.tr("Shows the problems in the files"))
        self.details_button.setAutoDefault(True)  # Enter presses it, as Space does
        self.details_button.clicked.connect(self.show_details)
        layout.addWidget(self.details_button)
        self.close_button = QPushButton(self.tr("Hide"))
        self.close_button.setAccessibleDescription(self.tr("Hides this notice"))
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self.hide()

    def show_errors(self, errors: Sequence[ContentError]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            self.hide()
            return
        files = sorted({str(e.path) for e in self.errors})
        if len(files) == 1:
            text = self.tr("A content file has problems and was skipped: {0}").format(files[0])
        else:
            text = self.tr("{0} content files have problems and were skipped.").format(len(files))
        self.message.setText(text + " " + self.tr("Everything else works as usual."))
        self.setAccessibleName(self.message.text())
        background = colours().caution_background
        self.setStyleSheet(f"#contentNotice {{ background: {background}; }}")
        self.show()

    def show_details(self) -> None:
        # The dialog's classes load when it is first opened, not with the window.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

        dialog = QDialog(self.window())
        dialog.setWindowTitle(self.tr("Problems in content files"))
        dialog.resize(760, 360)
        layout = QVBoxLayout(dialog)
        intro = QLabel(
            self.tr(
                "Each line says file:line:column: field: what is wrong. Fix the file and "
                "restart BackEase, or check it with: backease --validate FILE"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        text = QPlainTextEdit("\n".join(str(e) for e in self.errors))
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setAccessibleName(self.tr("List of problems"))
        text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.exec()
