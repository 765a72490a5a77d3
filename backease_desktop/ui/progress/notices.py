"""What the user is told when the history file was damaged (and moved aside, never deleted)
or cannot take records at the moment (they wait in memory): a non-modal message when it
happens, and the same words on the Progress page for as long as it lasts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from backease_desktop.ui.markup import escape


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryNotice", text)


def problem_paragraphs(recovered_from: Path | None, unavailable_reason: str | None) -> list[str]:
    """Plain sentences, one paragraph each; empty when there is nothing to say."""
    out: list[str] = []
    if recovered_from is not None:
        out.append(
            _tr(
                "BackEase could not read its history file, so it started a new, empty one. "
                "Nothing was deleted: the old file was kept, unchanged, at {0}"
            ).format(recovered_from)
        )
    if unavailable_reason is not None:
        out.append(
            _tr(
                "History cannot be saved at the moment: {0}. What you do now is kept and "
                "saved as soon as it can be."
            ).format(unavailable_reason)
        )
    return out


def problem_html(recovered_from: Path | None, unavailable_reason: str | None) -> str:
    """The same paragraphs as rich text, with the kept file's folder as a link."""
    parts: list[str] = []
    for text in problem_paragraphs(recovered_from, None):
        folder = QUrl.fromLocalFile(str(recovered_from.parent)) if recovered_from else None
        label = escape(_tr("open its folder"))
        link = f" (<a href='{folder.toString()}'>{label}</a>)" if folder else ""
        parts.append(f"<p>{escape(text)}{link}</p>")
    parts += [f"<p>{escape(t)}</p>" for t in problem_paragraphs(None, unavailable_reason)]
    return "".join(parts)


def show_problem(
    parent: QWidget | None, recovered_from: Path | None, unavailable_reason: str | None
) -> QMessageBox | None:
    """Shows a non-modal message (the app keeps working behind it); returns it, or None
    when there is nothing to say."""
    paragraphs = problem_paragraphs(recovered_from, unavailable_reason)
    if not paragraphs:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("History file"))
    box.setText(
        _tr("Your earlier history was kept aside")
        if recovered_from is not None
        else _tr("History is not being saved")
    )
    box.setInformativeText("\n\n".join(paragraphs))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if recovered_from is not None:
        folder = recovered_from.parent
        open_folder = box.addButton(_tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(box.text())
    box.show()
    return box
