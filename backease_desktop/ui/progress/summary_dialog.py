"""The dialog for the clinician summary: choose 4 or 12 weeks, then save it as a PDF (the
file name is the user's choice) or print it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.ui.markup import escape
from backease_desktop.ui.progress import clinician_pdf

if TYPE_CHECKING:
    from backease_desktop.core.history import ClinicianSummary, HistoryStore

WEEK_CHOICES = (4, 12)


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


class ClinicianSummaryDialog(QDialog):
    """Emits `saved(path)` after writing a PDF."""

    saved = Signal(str)

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Summary for a clinician"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A one-page summary of your routines, desk breaks and pain scores, to take "
                "to a physiotherapist or doctor."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        box = QGroupBox(self.tr("Period"))
        row = QHBoxLayout(box)
        self.period = QButtonGroup(self)
        for weeks in WEEK_CHOICES:
            button = QRadioButton(self.tr("Last {0} weeks").format(weeks))
            button.setAccessibleName(button.text())
            self.period.addButton(button, weeks)
            row.addWidget(button)
        row.addStretch(1)
        self.period.button(WEEK_CHOICES[0]).setChecked(True)
        self.period.idToggled.connect(self._period_toggled)
        layout.addWidget(box)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("meta")
        layout.addWidget(self.preview)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_summary)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.show_preview()

    def _period_toggled(self, _weeks: int, checked: bool) -> None:
        if checked:
            self.show_preview()

    def weeks(self) -> int:
        return self.period.checkedId()

    def set_weeks(self, weeks: int) -> None:
        self.period.button(weeks).setChecked(True)

    def summary(self) -> ClinicianSummary:
        return self.store.clinician_summary(weeks=self.weeks())

    def show_preview(self) -> None:
        summary = self.summary()
        self.preview.setText(
            self.tr("{0} {1} routine(s) finished, {2} desk break(s) taken.").format(
                clinician_pdf.period_text(summary), summary.routines_done, summary.breaks.taken
            )
        )
        self.status.clear()

    def save_pdf(self) -> Path | None:
        """Asks where to save, writes the PDF there; returns the path, or None if the user
        cancelled or it could not be written (which the dialog then says)."""
        summary = self.summary()
        suggested = documents_dir() / clinician_pdf.suggested_file_name(summary)
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save summary as PDF"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            clinician_pdf.write_pdf(path, summary)
        except OSError as exc:
            self.status.setText(escape(self.tr("The summary could not be saved: {0}").format(exc)))
            return None
        link = QUrl.fromLocalFile(str(path)).toString()
        self.status.setText(
            self.tr("Saved as <a href='{0}'>{1}</a>.").format(link, escape(str(path)))
        )
        self.saved.emit(str(path))
        return path

    def print_summary(self) -> bool:
        """Shows the print dialog and prints the summary on one page."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("BackEase summary"))
        margin = clinician_pdf.PAGE_MARGIN_MM
        printer.setPageMargins(
            QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter
        )
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        printed = clinician_pdf.paint_summary(printer, self.summary())
        self.status.setText(
            escape(self.tr("Sent to the printer.") if printed else self.tr("Printing failed."))
        )
        return printed
