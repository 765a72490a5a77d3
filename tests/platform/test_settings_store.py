"""The INI settings file: where it lives, and what happens when it is damaged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from backease_desktop.core import paths
from backease_desktop.core.settings import Options
from backease_desktop.platform.settings_store import open_settings, settings_path


def test_settings_persist_in_the_standard_config_folder(qapp: object, profile: Path) -> None:
    settings = open_settings()
    settings.set(Options.break_interval_min, 50)
    settings.backend.sync()  # type: ignore[attr-defined]
    assert settings_path() == profile / ".config/BackEase/BackEase.conf"
    assert "interval_minutes=50" in settings_path().read_text()
    assert open_settings().get(Options.break_interval_min) == 50


def test_corrupt_file_is_copied_aside_and_good_values_survive(qapp: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    damaged = b"[cues]\nsound=false\n\x00\xff garbage [[[\n[reminders]\ninterval_minutes=999\n"
    path.write_bytes(damaged)
    settings = open_settings()
    backup = settings.backend.backup  # type: ignore[attr-defined]
    assert backup is not None and backup.read_bytes() == damaged
    assert settings.get(Options.sound_cues) is False  # survived
    assert settings.get(Options.break_interval_min) == 30  # out of range: default


def test_core_paths_match_qstandardpaths(qapp: object) -> None:
    location = QStandardPaths.StandardLocation
    assert Path(QStandardPaths.writableLocation(location.AppDataLocation)) == paths.data_dir()
    assert Path(QStandardPaths.writableLocation(location.AppConfigLocation)) == paths.config_dir()
