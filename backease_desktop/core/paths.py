"""Where things live: the bundled resources and the user's XDG folders.

Computed without Qt so that command-line commands (--list-routines, --validate) run before
Qt is imported; the folders match what QStandardPaths gives for an application named
"BackEase" with no organisation (a UI test checks that they agree)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from backease_desktop import APP_NAME


@cache
def resources_dir() -> Path:
    """The `resources/` folder: inside the package when installed from a wheel, next to the
    package in a source checkout or an editable install. (Found once: every icon asks.)"""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent / "resources"


def _xdg_home(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    # The XDG spec says relative paths are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / default


def data_dir() -> Path:
    """User data (history, user routines): $XDG_DATA_HOME/BackEase."""
    return _xdg_home("XDG_DATA_HOME", ".local/share") / APP_NAME


def config_dir() -> Path:
    """User settings: $XDG_CONFIG_HOME/BackEase."""
    return _xdg_home("XDG_CONFIG_HOME", ".config") / APP_NAME


def cache_dir() -> Path:
    """Files the app can rebuild at any time: $XDG_CACHE_HOME/BackEase."""
    return _xdg_home("XDG_CACHE_HOME", ".cache") / APP_NAME


def user_routines_dir() -> Path:
    """Routine files a person writes themselves; loaded next to the bundled ones."""
    return data_dir() / "routines"


def user_exercises_dir() -> Path:
    """Exercises a person writes or imports on their own, outside any routine file."""
    return data_dir() / "exercises"


def exercise_folders(routine_folders: Iterable[Path]) -> list[Path]:
    """The exercises folder beside each user routines folder (data_dir/exercises next to
    data_dir/routines): the loader and the content cache both read them."""
    return [folder.parent / "exercises" for folder in routine_folders]


def xdg_data_home() -> Path:
    """The base data folder, where desktop entries and icons are installed per user."""
    return _xdg_home("XDG_DATA_HOME", ".local/share")


def xdg_config_home() -> Path:
    """The base config folder, where autostart entries live."""
    return _xdg_home("XDG_CONFIG_HOME", ".config")
