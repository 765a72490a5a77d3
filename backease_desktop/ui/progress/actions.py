"""The history's menu actions: export as CSV, the clinician summary, delete everything
(after a confirmation that says it cannot be undone), and the notice about a damaged file.

Light to import: the store, Qt Charts and printing are loaded when an action is used."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from backease_desktop.ui.accessibility import announce
from backease_desktop.ui.progress.notices import show_problem

if TYPE_CHECKING:
    from backease_desktop.platform.history_recorder import HistoryRecorder
    from backease_desktop.ui.progress.summary_dialog import ClinicianSummaryDialog

STATUS_MS = 15_000


class HistoryActions(QObject):
    """Owns the three menu actions and what they do, on behalf of `window`."""

    def __init__(self, window: QMainWindow, recorder: HistoryRecorder) -> None:
        super().__init__(window)
        self.window = window
        self.recorder = recorder
        self.export_action = QAction(self.tr("Export history as CSV…"), window)
        self.export_action.triggered.connect(self.export_csv)
        self.summary_action = QAction(self.tr("Print / save summary as PDF…"), window)
        self.summary_action.triggered.connect(self.open_summary)
        self.delete_action = QAction(self.tr("Delete all history…"), window)
        self.delete_action.triggered.connect(self.delete_all)
        self.summary_dialog: ClinicianSummaryDialog | None = None
        self.problem_box: QMessageBox | None = None
        self.leftovers_box: QMessageBox | None = None
        recorder.problem_found.connect(self.show_problem)
        recorder.problem_solved.connect(lambda: self._say(self.tr("History is being saved again.")))

    def install(self, menu: QMenu, before: QAction | None = None) -> None:
        """Puts the actions in `menu`, before `before` (the Quit item) when given."""
        separator = QAction(menu)
        separator.setSeparator(True)
        end = QAction(menu)
        end.setSeparator(True)
        items = [separator, self.export_action, self.summary_action, self.delete_action, end]
        if before is None:
            menu.addActions(items[1:])
        else:
            menu.insertActions(before, items)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, STATUS_MS)
        announce(self.window, message)

    # -- export ---------------------------------------------------------------------------

    def export_csv(self) -> Path | None:
        """Asks for a file name and writes the whole history there as CSV."""
        from backease_desktop.ui.progress.summary_dialog import documents_dir

        suggested = documents_dir() / f"backease-history-{date.today().isoformat()}.csv"
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export history as CSV"),
            str(suggested),
            self.tr("CSV files (*.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        import sqlite3

        try:
            count = self.recorder.store.export_csv(path)
        except (OSError, sqlite3.Error) as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Export history"),
                self.tr("The history could not be written to {0}: {1}").format(path, exc),
            )
            return None
        self._say(self.tr("Exported {0} record(s) to {1}").format(count, path))
        return path

    # -- clinician summary ----------------------------------------------------------------

    def open_summary(self) -> ClinicianSummaryDialog:
        """Shows the summary dialog (one at a time)."""
        from backease_desktop.ui.progress.summary_dialog import ClinicianSummaryDialog

        if self.summary_dialog is None:
            self.summary_dialog = ClinicianSummaryDialog(self.recorder.store, self.window)
            self.summary_dialog.saved.connect(
                lambda path: self._say(self.tr("Summary saved as {0}").format(path))
            )
        else:
            self.summary_dialog.show_preview()
        self.summary_dialog.show()
        self.summary_dialog.raise_()
        self.summary_dialog.activateWindow()
        return self.summary_dialog

    # -- delete ---------------------------------------------------------------------------

    def confirm_delete(self) -> bool:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete all history"))
        box.setText(self.tr("Delete all history?"))
        box.setInformativeText(
            self.tr(
                "This deletes every routine, pain score and desk break BackEase has "
                "recorded on this computer. It cannot be undone.\n\n"
                "To keep a copy, export your history as CSV first."
            )
        )
        delete = box.addButton(
            self.tr("Delete all history"), QMessageBox.ButtonRole.DestructiveRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_all(self) -> bool:
        """Deletes the whole history once the user confirms; returns whether it did."""
        if not self.confirm_delete():
            return False
        import sqlite3

        try:
            leftovers = self.recorder.store.delete_all()
        except (OSError, sqlite3.Error) as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Delete all history"),
                self.tr("The history could not be deleted: {0}").format(exc),
            )
            return False
        self.recorder.notify_changed()
        if leftovers:
            self._tell_leftovers(leftovers)
        else:
            self._say(self.tr("All history deleted."))
        return True

    def _tell_leftovers(self, leftovers: tuple[Path, ...]) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Delete all history"))
        box.setText(self.tr("History deleted, but older copies remain"))
        names = "\n".join(str(path) for path in leftovers)
        box.setInformativeText(
            self.tr(
                "BackEase once found its history file damaged and set it aside instead of "
                "deleting it. These copies may still hold old history, and were not "
                "touched:\n\n{0}\n\nDelete them yourself if you no longer want them."
            ).format(names)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        folder = leftovers[0].parent
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.leftovers_box = box

    # -- trouble with the file ------------------------------------------------------------

    def show_problem(self) -> None:
        store = self.recorder.store
        self.problem_box = show_problem(self.window, store.recovered_from, store.unavailable_reason)
