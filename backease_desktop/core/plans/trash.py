"""A recoverable place for files BackEase replaces or deletes: the desktop's trash (the
freedesktop.org Trash specification, in $XDG_DATA_HOME/Trash), where a file manager can put
them back. User data is never deleted outright."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from urllib.parse import quote

from backease_desktop.core.paths import xdg_data_home


def trash_dir() -> Path:
    return xdg_data_home() / "Trash"


def move_to_trash(path: Path, when: dt.datetime) -> Path:
    """Moves `path` into the trash with the note a file manager needs to restore it, and
    returns where it went. `when` is the deletion time (the caller's clock)."""
    files = trash_dir() / "files"
    info = trash_dir() / "info"
    files.mkdir(parents=True, exist_ok=True)
    info.mkdir(parents=True, exist_ok=True)
    stem, suffix = path.stem, path.suffix
    name = path.name
    counter = 1
    while True:
        try:
            # The info file is made first and exclusively: it reserves the name.
            fd = os.open(info / f"{name}.trashinfo", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            counter += 1
            name = f"{stem}.{counter}{suffix}"
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(
            "[Trash Info]\n"
            f"Path={quote(str(path.absolute()))}\n"
            f"DeletionDate={when.strftime('%Y-%m-%dT%H:%M:%S')}\n"
        )
    target = files / name
    shutil.move(str(path), target)
    return target
