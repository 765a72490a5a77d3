"""Tells the app when the person's own content changes on disk: a routine or exercise
added, edited or removed by hand, by `backease --import`, or by the routine editor, so a
running BackEase shows it at once without a restart.

Qt's QFileSystemWatcher (inotify on Linux: no polling) watches the folders and the YAML
files in them; a burst of changes (an editor's save is a write, a rename and a delete)
becomes one `changed` after a short quiet spell."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 250
_YAML = (".yaml", ".yml")


class ContentWatcher(QObject):
    """Watches `folders` (made if missing, so one created later is seen too)."""

    changed = Signal()

    def __init__(self, folders: Iterable[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folders = list(folders)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._report)
        self._watcher.directoryChanged.connect(self._soon)
        self._watcher.fileChanged.connect(self._soon)
        self._watch()

    def _watch(self) -> None:
        wanted: list[str] = []
        for folder in self.folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                wanted.append(str(folder))
                wanted += [str(p) for p in folder.iterdir() if p.suffix in _YAML]
            except OSError:
                continue
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [path for path in wanted if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _soon(self, _path: str = "") -> None:
        self._settle.start()

    def _report(self) -> None:
        self._watch()  # new files are watched from now on (a removed one drops by itself)
        self.changed.emit()
