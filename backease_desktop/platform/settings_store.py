"""QSettings (INI format, standard config folder) as the backend of core.settings.Settings.

Settings never keep the app from starting. The file is read by the rule of core/safe_files
(a regular file, not a FIFO or a folder) and line by line (core/ini_recovery) before
QSettings sees it. A damaged file is copied aside (never overwritten or deleted) and
rewritten with every line that could still be read, so one bad line costs only itself.
When the settings cannot be stored at all (the config folder is a file, is read-only, or
the file cannot be read), they are kept in memory for the run, and `Settings.problems`
says so in one sentence for the window."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

from backease_desktop import APP_NAME
from backease_desktop.core import safe_files
from backease_desktop.core.ini_recovery import IniRead, parse_ini
from backease_desktop.core.paths import config_dir
from backease_desktop.core.settings import DictBackend, Settings, SettingsBackend

log = logging.getLogger(__name__)

# The file holds a few dozen short lines; anything far larger is not ours to load.
MAX_SETTINGS_BYTES = 1024 * 1024
_FOR_THIS_RUN = "changes to settings will last only until BackEase quits"


def settings_path() -> Path:
    return config_dir() / f"{APP_NAME}.conf"


class QSettingsBackend:
    """Stores options as text in an INI file.

    Each change is written at once, so a folder that stops taking writes during a run (a
    full disk, a folder made read-only) is found when it happens: QSettings keeps the
    values in memory for the run, and `write_failed` (if set) is told once, in one
    sentence, until a later write works again."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        with contextlib.suppress(OSError):  # open_settings() has said why, if it fails
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self.backup: Path | None = None
        self.write_failed: Callable[[str], None] | None = None
        self._failing = False

    def value(self, key: str) -> object | None:
        return self.qsettings.value(key)  # type: ignore[no-any-return]

    def set_value(self, key: str, value: object) -> None:
        if self.qsettings.contains(key) and self.qsettings.value(key) == value:
            return  # unchanged: QSettings would rewrite the file all the same
        self.qsettings.setValue(key, value)
        self._write_now()

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)
        self._write_now()

    def _write_now(self) -> None:
        if self._failing:
            self._try_again()
            return
        self.qsettings.sync()
        if self.qsettings.status() == QSettings.Status.AccessError:
            self._failing = True
            sentence = (
                f"Settings cannot be saved to {self.path} (the folder or the disk refused "
                f"the write), so {_FOR_THIS_RUN}. Check that the folder is writable and the "
                "disk has room."
            )
            log.warning("settings: %s", sentence)
            if self.write_failed is not None:
                self.write_failed(sentence)

    def _try_again(self) -> None:
        """QSettings keeps an error once it has one, so a fresh one, given every value of
        this run, tries the file; if it takes them, it carries on in place of the old."""
        fresh = QSettings(str(self.path), QSettings.Format.IniFormat)
        for key in self.qsettings.allKeys():
            fresh.setValue(key, self.qsettings.value(key))
        fresh.sync()
        if fresh.status() == QSettings.Status.NoError:
            self.qsettings = fresh
            self._failing = False
            log.info("settings: saved to %s again", self.path)

    def sync(self) -> None:
        self.qsettings.sync()

    def replace_all(self, values: dict[str, str]) -> None:
        """Rewrites the file with exactly `values` (after a damaged file was copied aside).
        A Qt value (`@ByteArray(...)`, the window's geometry) keeps what QSettings read, if
        it read it: as text it would no longer be one."""
        qt_values = {
            key: self.qsettings.value(key)
            for key, value in values.items()
            if value.startswith("@") and self.qsettings.contains(key)
        }
        self.qsettings.clear()
        for key, value in values.items():
            self.qsettings.setValue(key, qt_values.get(key, value))
        self.qsettings.sync()


def _keep_copy(path: Path, raw: bytes) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while os.path.lexists(target):
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    safe_files.write_bytes(target, raw)
    return target


def _read_file(path: Path) -> tuple[IniRead, bool]:
    """What the file holds, read line by line, and whether any of it was damaged. A missing
    file is empty; a file that cannot be read raises OSError (UnsafePathError for a FIFO,
    a folder, a device or one too large)."""
    try:
        raw = safe_files.read_bytes(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return IniRead({}, ()), False
    try:
        text, undecodable = raw.decode("utf-8"), False
    except UnicodeDecodeError:
        text, undecodable = raw.decode("utf-8", "replace"), True
    read = parse_ini(text)
    return read, undecodable or bool(read.bad_lines)


def _open_backend(path: Path) -> tuple[SettingsBackend, str | None]:
    """The backend to use and, when it is not the plain file, why, as one sentence."""
    folder = path.parent
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise safe_files.UnsafePathError(
                folder, f"{folder} is a file where the settings folder belongs"
            ) from None
        except OSError as exc:
            raise safe_files.UnsafePathError(
                folder, safe_files.describe_os_error(folder, exc, "create the folder")
            ) from None
        read, damaged = _read_file(path)
    except OSError as exc:
        reason = safe_files.describe_os_error(path, exc, "read the settings file")
        return DictBackend(), (
            f"Settings cannot be loaded or saved: {reason}; using the defaults, and "
            f"{_FOR_THIS_RUN}. Fix or move it aside and restart BackEase to keep settings."
        )
    writable_target = path if path.exists() else folder
    # QSettings saves by writing a new file beside the old and renaming it: the folder
    # must be writable as well as the file.
    if not (os.access(writable_target, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)):
        return DictBackend(dict(read.values)), (
            f"Settings cannot be saved: {folder} is read-only, so {_FOR_THIS_RUN}. "
            "Make the folder writable to keep them."
        )
    backend = QSettingsBackend(path)
    if not damaged and backend.qsettings.status() != QSettings.Status.FormatError:
        return backend, None
    try:
        backend.backup = _keep_copy(path, safe_files.read_bytes(path, MAX_SETTINGS_BYTES))
    except OSError as exc:
        return DictBackend(dict(read.values)), (
            f"The settings file {path} is damaged and no copy of it could be kept "
            f"({safe_files.describe_os_error(path, exc, 'copy')}); using what could be read, "
            f"and {_FOR_THIS_RUN}."
        )
    backend.replace_all(read.values)
    lines = ", ".join(map(str, read.bad_lines)) or "?"
    return backend, (
        f"The settings file {path} was damaged (line {lines}); those settings are back to "
        f"their defaults, every other one was kept, and the old file is at {backend.backup}."
    )


def open_settings(path: Path | None = None) -> Settings:
    """The app's settings, stored in the user's config folder (or in memory for this run
    when they cannot be; `problems` then says why)."""
    backend, problem = _open_backend(path or settings_path())
    if problem is not None:
        log.warning("settings: %s", problem)
    return Settings(backend, problems=() if problem is None else (problem,))
