"""A parsed copy of the library in the user's cache folder, so that a start after the first
skips reading and validating YAML (PyYAML's import alone costs more than the whole rest of
content loading).

The cache remembers every content file's path, size and modification time and the app's
version: editing, adding or removing a file, or upgrading BackEase, makes it stale. The cache holds
only what the loader itself produced from those files, errors included, and it is a plain
rebuildable file: if it is unreadable it is ignored and written again."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from backease_desktop import __version__
from backease_desktop.core.content.model import Library
from backease_desktop.core.paths import cache_dir, exercise_folders, resources_dir

log = logging.getLogger(__name__)

# Bumped when the pickled model changes shape (2: NamedTuples in place of dataclasses), so a
# cache written by an older build of the same version is read as stale, not misread.
# (4: exercises of a person's own, with where they come from, and Library.notices.)
CACHE_FORMAT = 4
YAML_SUFFIXES = (".yaml", ".yml")  # as library.py; not imported from it, which loads PyYAML


def _content_files(bundled: Path, user_dirs: Iterable[Path]) -> list[Path]:
    user_dirs = list(user_dirs)
    folders = [
        bundled / "content",
        bundled / "content" / "topics",
        bundled / "content" / "stretches",
        bundled / "routines",
        *user_dirs,
        *exercise_folders(user_dirs),  # the user's own exercises (core/content/exercises.py)
    ]
    files: list[Path] = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                files += [Path(e.path) for e in entries if e.name.endswith(YAML_SUFFIXES)]
        except OSError:
            continue
    return sorted(files)


def manifest(bundled: Path, user_dirs: Iterable[Path]) -> str:
    """What the cached library was made from: the app's version and every content file's
    path, size and modification time. Compared whole, so no hash is needed."""
    dirs = list(user_dirs)
    lines = [f"{__version__} cache {CACHE_FORMAT}", str(bundled), *map(str, dirs)]
    for path in _content_files(bundled, dirs):
        try:
            stat = path.stat()
        except OSError:
            continue
        lines.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(lines)


def load_library_cached(
    user_routine_dirs: Iterable[Path] = (), bundled: Path | None = None
) -> Library:
    """The same library as load_library(), from the cache when the files are unchanged."""
    root = bundled or resources_dir()
    dirs = list(user_routine_dirs)
    target = cache_dir() / "library.pickle"
    made_from = manifest(root, dirs)
    try:
        with target.open("rb") as stream:
            cached_from, library = pickle.load(stream)
        if cached_from == made_from and isinstance(library, Library):
            return library
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged cache is only a slower start
        log.info("content cache %s unusable (%s); reading the files", target, exc)
    from backease_desktop.core.content.library import load_library

    library = load_library(root, dirs)
    _store(target, (made_from, library))
    return library


def _store(target: Path, entry: tuple[str, Library]) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        with tmp.open("wb") as stream:
            pickle.dump(entry, stream, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(target)
    except OSError as exc:
        log.info("content cache not written (%s)", exc)
