"""QSettings (INI format, standard config folder) as the backend of core.settings.Settings.

A file QSettings cannot parse is copied aside (never overwritten or deleted) and the values
it could still read are kept; core.settings replaces any single unusable value by its
default, so one bad line never costs the user their other settings."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from backease_desktop import APP_NAME
from backease_desktop.core.paths import config_dir
from backease_desktop.core.settings import Settings

log = logging.getLogger(__name__)


def settings_path() -> Path:
    return config_dir() / f"{APP_NAME}.conf"


def _looks_damaged(path: Path) -> bool:
    """QSettings skips lines it cannot parse and would drop them on the next write; any line
    that is not a section, a key=value pair or a comment means the file needs a backup."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in ";#":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            continue
        if "=" in stripped and not stripped.startswith("=") and "\x00" not in stripped:
            continue
        return True
    return False


class QSettingsBackend:
    """Stores options as text in an INI file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self.backup: Path | None = None
        if self.qsettings.status() == QSettings.Status.FormatError or _looks_damaged(self.path):
            self.backup = self._keep_copy()
            log.warning(
                "settings: %s is damaged; kept a copy at %s and read what was still readable",
                self.path,
                self.backup,
            )

    def _keep_copy(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        shutil.copy2(self.path, target)
        return target

    def value(self, key: str) -> object | None:
        return self.qsettings.value(key)  # type: ignore[no-any-return]

    def set_value(self, key: str, value: object) -> None:
        self.qsettings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)

    def sync(self) -> None:
        self.qsettings.sync()


def open_settings(path: Path | None = None) -> Settings:
    """The app's settings, stored in the user's config folder."""
    return Settings(QSettingsBackend(path))
