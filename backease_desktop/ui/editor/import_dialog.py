"""BackEase > Import plan…: what a plan would add, checked, before anything is written."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import Library
from backease_desktop.core.plans.install import Installed, install_plan, read_plan
from backease_desktop.core.plans.report import describe_plan
from backease_desktop.ui.markup import escape


class ImportDialog(QDialog):
    """Shows the plan's routine, its own exercises with who wrote them, its pictures and
    whether it replaces one of the person's routines; Install (or Replace) puts it in the
    routines folder, Cancel leaves everything as it was. A plan with problems lists them
    and can only be closed."""

    def __init__(
        self, plan: Path, library: Library, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.folder = folder
        self.installed: Installed | None = None
        self._work = tempfile.TemporaryDirectory(prefix="backease-import-")
        self.preview, self.errors = read_plan(
            plan, Path(self._work.name), library, folder, replace=True
        )
        self.setWindowTitle(self.tr("Import plan"))
        self.setAccessibleName(self.windowTitle())
        self.resize(600, 420)
        layout = QVBoxLayout(self)
        if self.preview is not None:
            intro = self.tr("This plan from {0} adds:").format(plan.name)
        else:
            intro = self.tr("{0} cannot be imported; nothing was changed:").format(plan.name)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("What the plan adds"))
        lines = describe_plan(self.preview) if self.preview else [str(e) for e in self.errors]
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.details.setHtml(f"<ul>{items}</ul>")
        layout.addWidget(self.details, 1)
        if self.preview is not None:
            caution = QLabel(
                self.tr(
                    "BackEase does not check exercises from elsewhere. Stop if anything "
                    "hurts, and ask whoever gave you the plan if you are unsure."
                )
            )
            caution.setWordWrap(True)
            layout.addWidget(caution)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button: QPushButton | None = None
        if self.preview is not None:
            text = self.tr("Replace") if self.preview.replaces else self.tr("Install")
            self.install_button = self.buttons.addButton(
                text, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.install_button.setDefault(True)
            self.install_button.clicked.connect(self.install)
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.finished.connect(lambda _result: self._work.cleanup())

    def install(self) -> None:
        assert self.preview is not None
        try:
            self.installed = install_plan(self.preview, self.folder, dt.datetime.now)
        except OSError as exc:
            self.intro.setText(
                self.tr("The plan could not be installed; nothing was changed: {0}").format(exc)
            )
            return
        self.accept()
