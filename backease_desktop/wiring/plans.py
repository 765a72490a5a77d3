"""Plans in the running app: the My routines page (a sidebar row under Practice from the
first frame, built on its first visit), BackEase > Import plan…, Export… of a routine, and
the watch on the person's folders that shows an imported or edited plan at once.

Light to import: the page, the editor and the dialogs load when first used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from backease_desktop.core.content import Library
from backease_desktop.core.paths import user_exercises_dir, user_routines_dir
from backease_desktop.ui import theme
from backease_desktop.ui.sidebar import SidebarEntry

if TYPE_CHECKING:
    from backease_desktop.platform.content_watch import ContentWatcher
    from backease_desktop.ui.editor.import_dialog import ImportDialog
    from backease_desktop.ui.editor.page import MyRoutinesPage
    from backease_desktop.ui.main_window import MainWindow

PAGE_KEY = "my-routines"
STATUS_MS = 15_000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Plans", text)


class PlansHost(QObject):
    """`library_changed` is the app's: it takes a newly read library everywhere."""

    def __init__(self, window: MainWindow, library_changed: Callable[[Library], None]) -> None:
        super().__init__(window)
        self.window = window
        self.library_changed = library_changed
        self.page: MyRoutinesPage | None = None
        self.watcher: ContentWatcher | None = None
        self.import_dialog: ImportDialog | None = None
        window.add_page(
            PAGE_KEY,
            self._build_page,
            SidebarEntry(
                PAGE_KEY,
                _tr("My routines"),
                theme.icon("routine"),
                _tr("Practice"),
                _tr("edit new duplicate import export plan exercise physiotherapist"),
            ),
        )
        self.import_action = QAction(_tr("&Import plan…"), window)
        self.import_action.triggered.connect(lambda: self.import_plan())
        # First in the menu, as File > Import is; the history items and Reminders follow.
        window.app_menu.insertAction(window.quit_action, self.import_action)

    def _build_page(self) -> QWidget:
        from backease_desktop.ui.editor.page import MyRoutinesPage

        page = MyRoutinesPage(self.window.library, user_routines_dir())
        page.content_changed.connect(self.reload)
        page.import_requested.connect(lambda: self.import_plan())
        page.export_requested.connect(self.export_routine)
        self.page = page
        return page

    def start_watching(self) -> None:
        """From here on, changes in the person's folders reach the window by themselves."""
        from backease_desktop.platform.content_watch import ContentWatcher

        if self.watcher is None:
            self.watcher = ContentWatcher([user_routines_dir(), user_exercises_dir()], self)
            self.watcher.changed.connect(self.reload)
            self.tell_notices(self.window.library)

    def tell_notices(self, library: Library) -> list[str]:
        """Says, once ever, what a person should know though nothing was skipped (a
        bundled stretch that now shares an id with one of their exercises)."""
        from backease_desktop.core.content.notices import mark_told, untold

        new = untold(library.notices)
        if not new:
            return []
        lines = [n.message[:1].upper() + n.message[1:] + f" ({n.path.name})" for n in new]
        self._say(" ".join(lines))
        mark_told(new)
        return lines

    def reload(self) -> Library:
        """Reads the folders again; if anything changed, every part of the app shows it."""
        from backease_desktop.core.content.cache import load_library_cached

        library = load_library_cached([user_routines_dir()])
        if library != self.window.library:
            self.library_changed(library)
            if self.page is not None:
                self.page.set_library(library)
            self.tell_notices(library)
        return library

    def _say(self, message: str) -> None:
        from backease_desktop.ui.accessibility import announce

        self.window.statusBar().showMessage(message, STATUS_MS)
        announce(self.window, message)

    def import_plan(self, plan: Path | None = None) -> ImportDialog | None:
        """Asks for a plan file (unless given one, as when a .backease file is opened from
        the file manager), shows what it adds and installs it if the person agrees. The
        dialog is modeless, returned for tests."""
        from PySide6.QtWidgets import QFileDialog

        from backease_desktop.ui.editor.import_dialog import ImportDialog

        if plan is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window,
                _tr("Import plan"),
                str(Path.home()),
                _tr("BackEase plans (*.backease *.yaml *.yml)"),
            )
            if not chosen:
                return None
            plan = Path(chosen)
        self.window.show()
        self.window.raise_()
        dialog = ImportDialog(plan, self.window.library, user_routines_dir(), self.window)
        dialog.accepted.connect(lambda: self._imported(dialog))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, dialog: ImportDialog) -> None:
        self.reload()
        if dialog.preview is not None:
            title = dialog.preview.routine.title
            self._say(_tr("Imported the plan “{0}”.").format(title))
            self.window.open_page(PAGE_KEY)
            if self.page is not None:
                self.page.select(dialog.preview.routine.id)

    def export_routine(self, routine_id: str) -> Path | None:
        """Asks where, then writes the routine as a plan: YAML, or a .backease archive
        when its exercises have pictures."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from backease_desktop.core.plans.export import ExportError, export_plan, plan_text

        library = self.window.library
        try:
            _text, pictures = plan_text(library, routine_id)
        except ExportError as exc:
            QMessageBox.warning(self.window, _tr("Export"), str(exc))
            return None
        suffix = ".backease" if pictures else ".yaml"
        what = _tr("BackEase plans (*.backease)") if pictures else _tr("Routine files (*.yaml)")
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, _tr("Export routine"), str(Path.home() / f"{routine_id}{suffix}"), what
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            written = export_plan(library, routine_id, target)
        except (ExportError, OSError) as exc:
            QMessageBox.warning(self.window, _tr("Export"), str(exc))
            return None
        self._say(_tr("Exported to {0}").format(written))
        return written
