"""A parsed copy of the library in the user's cache folder, so that a start after the first
skips reading and validating YAML (PyYAML's import alone costs more than the whole rest of
content loading).

The cache remembers every content file's path, size and modification time, the app's
version and the shape of the content model: editing, adding or removing a file, upgrading
BackEase or changing a model class makes it stale. It is JSON, which holds only data: the
records are rebuilt here from a fixed list of the model's own classes, so a planted or
damaged cache file can at worst be ignored, never run code. It is a plain rebuildable file:
if it is unreadable it is ignored and written again."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backease_desktop import __version__
from backease_desktop.core import safe_files
from backease_desktop.core.content import model
from backease_desktop.core.content.errors import ContentError
from backease_desktop.core.content.model import Library
from backease_desktop.core.paths import cache_dir, exercise_folders, resources_dir

log = logging.getLogger(__name__)

CACHE_NAME = "library.json"
# A cache larger than this is not one we wrote (the bundled library is about 200 kB).
MAX_CACHE_BYTES = 32 * 1024 * 1024


def _record_classes() -> dict[str, type]:
    """Every record class a cached library may hold, by name: the model's NamedTuples and
    ContentError. Nothing else can come out of the cache."""
    classes: dict[str, type] = {"ContentError": ContentError}
    for name, value in vars(model).items():
        if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields"):
            classes[name] = value
    return classes


_CLASSES = _record_classes()


def model_shape() -> str:
    """The model's classes, fields and their declared types, as text: any change to the
    model changes it, and with it the manifest, so an old cache is read as stale by itself."""

    def declared(cls: type, field: str) -> str:
        annotation = cls.__annotations__.get(field, "")
        # NamedTuple keeps a string annotation as a ForwardRef.
        return str(getattr(annotation, "__forward_arg__", annotation))

    return ";".join(
        f"{name}("
        + ",".join(f"{field}:{declared(cls, field)}" for field in getattr(cls, "_fields", ()))
        + ")"
        for name, cls in sorted(_CLASSES.items())
    )


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
    lines = [f"{__version__} cache", model_shape(), str(bundled), *map(str, dirs)]
    for path in _content_files(bundled, dirs):
        try:
            stat = path.stat()
        except OSError:
            continue
        lines.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(lines)


def _encode(value: object) -> object:
    """Plain JSON data for a model value: a record is {"t": class name, "f": [fields]}."""
    if isinstance(value, tuple):
        fields = [_encode(item) for item in value]
        name = type(value).__name__
        return {"t": name, "f": fields} if name in _CLASSES else fields
    if isinstance(value, Path):
        return {"p": str(value)}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"{type(value).__name__} cannot be cached")


def _decode(data: Any) -> object:
    """The model value `_encode` wrote; ValueError for anything it could not have written."""
    if isinstance(data, list):
        return tuple(_decode(item) for item in data)
    if isinstance(data, dict):
        if set(data) == {"p"} and isinstance(data["p"], str):
            return Path(data["p"])
        cls = _CLASSES.get(str(data["t"])) if set(data) == {"t", "f"} else None
        if cls is None or not isinstance(data["f"], list):
            raise ValueError("not a record of the content model")
        return cls(*(_decode(item) for item in data["f"]))
    if data is None or isinstance(data, (str, int, float)):
        return data
    raise ValueError("unexpected value")


def load_library_cached(
    user_routine_dirs: Iterable[Path] = (), bundled: Path | None = None
) -> Library:
    """The same library as load_library(), from the cache when the files are unchanged."""
    root = bundled or resources_dir()
    dirs = list(user_routine_dirs)
    target = cache_dir() / CACHE_NAME
    made_from = manifest(root, dirs)
    try:
        entry = json.loads(safe_files.read_bytes(target, MAX_CACHE_BYTES))
        # The manifest is compared before anything else in the file is looked at.
        if isinstance(entry, dict) and entry.get("made_from") == made_from:
            library = _decode(entry.get("library"))
            if isinstance(library, Library):
                return library
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, RecursionError) as exc:
        # A damaged cache is only a slower start.
        log.info("content cache %s unusable (%s); reading the files", target, exc)
    from backease_desktop.core.content.library import load_library

    library = load_library(root, dirs)
    _store(target, made_from, library)
    return library


def _store(target: Path, made_from: str, library: Library) -> None:
    try:
        data = json.dumps({"made_from": made_from, "library": _encode(library)})
        safe_files.write_bytes(target, data.encode("utf-8"), make_parents=True)
    except (OSError, TypeError, ValueError) as exc:
        log.info("content cache not written (%s)", exc)
