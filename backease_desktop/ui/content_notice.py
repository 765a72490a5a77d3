"""A quiet notice under the banner when some content files could not be loaded, or a
user folder or the settings could not be used as usual. When the file that could not be
loaded is the list of warning signs, the notice says that routines are closed (they fail
closed, core/safety.py) rather than that everything else works."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from backease_desktop.core.content import ContentError
from backease_desktop.core.content.errors import FILE_FIELD
from backease_desktop.ui.style import colours

# The bundled warning signs (core/content/library.py reads content/red-flags.yaml).
WARNING_SIGNS_FILE = "red-flags.yaml"


def _is_folder_problem(error: ContentError) -> bool:
    """A folder that could not be read (see core/content/library.yaml_files): its message
    is a whole sentence for the notice itself, not a line for the details."""
    return error.field == FILE_FIELD and error.path.suffix not in (".yaml", ".yml")


def _sentence(text: str) -> str:
    """A message from the core ("cannot read the folder …") as a sentence in the window."""
    text = text.strip()
    if text and not text.endswith((".", "!", "?")):
        text += "."
    return text[:1].upper() + text[1:]


class ContentNotice(QFrame):
    """Says how many files were skipped; Details lists each `path:line:column: field: …`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentNotice")
        self.errors: tuple[ContentError, ...] = ()
        self.notes: tuple[str, ...] = ()
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

    def show_errors(
        self,
        errors: Sequence[ContentError],
        notes: Sequence[str] = (),
        warning_signs_loaded: bool = True,
    ) -> None:
        """Shows the problems with content files and, first, `notes`: sentences about the
        user's folders and files (an unreadable routines folder, settings kept in memory),
        each already naming the path and what to do. Without `warning_signs_loaded` (the
        library's red flags are not usable) it says first that no routine will start."""
        self.errors = tuple(e for e in errors if not _is_folder_problem(e))
        self.notes = tuple(notes) + tuple(e.message for e in errors if _is_folder_problem(e))
        if not self.errors and not self.notes and warning_signs_loaded:
            self.hide()
            return
        parts = [_sentence(note) for note in self.notes]
        files = sorted({str(e.path) for e in self.errors})
        if not warning_signs_loaded:
            signs = [f for f in files if Path(f).name == WARNING_SIGNS_FILE]
            files = [f for f in files if f not in signs]
            parts.append(
                self.tr(
                    "The list of warning signs has problems, so no routine will start until "
                    "it is repaired or BackEase is reinstalled: {0}."
                ).format(signs[0])
                if signs
                else self.tr(
                    "The list of warning signs could not be loaded, so no routine will start "
                    "until it is repaired or BackEase is reinstalled."
                )
            )
        if len(files) == 1:
            parts.append(
                self.tr("A content file has problems and was skipped: {0}.").format(files[0])
            )
        elif files:
            parts.append(
                self.tr("{0} content files have problems and were skipped.").format(len(files))
            )
        if warning_signs_loaded:
            # Not said when routines are closed: the person would read it as "nothing lost".
            parts.append(self.tr("Everything else works as usual."))
        self.message.setText(" ".join(parts))
        self.setAccessibleName(self.message.text())
        self.details_button.setVisible(bool(self.errors))
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
