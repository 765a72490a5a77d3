"""The content cache holds only data: a planted cache file cannot run code, and a damaged or
hostile one is ignored (the files are read instead) without a traceback."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from backease_desktop.core.content import cache
from backease_desktop.core.content.cache import load_library_cached
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import cache_dir


class _Plant:
    """Unpickling this creates a file: proof that the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_cannot_run_code(profile: Path) -> None:
    marker = profile / "ran"
    cache_dir().mkdir(parents=True)
    payload = pickle.dumps((cache.manifest(cache.resources_dir(), []), _Plant(marker)))
    for name in ("library.json", "library.pickle"):
        (cache_dir() / name).write_bytes(payload)
    assert load_library_cached([]) == load_library()
    assert not marker.exists()


@pytest.mark.parametrize(
    "library",
    [
        {"t": "Popen", "f": [["touch", "x"]]},
        {"t": "Library", "f": [{"t": "os.system", "f": ["touch x"]}]},
        {"t": "Library", "f": "not a list"},
        [[[[[]]]]],
    ],
)
def test_a_forged_cache_with_the_right_manifest_is_ignored(profile: Path, library: object) -> None:
    cache_dir().mkdir(parents=True)
    forged = {"made_from": cache.manifest(cache.resources_dir(), []), "library": library}
    (cache_dir() / "library.json").write_text(json.dumps(forged))
    assert load_library_cached([]) == load_library()


def test_a_deeply_nested_cache_is_ignored(profile: Path) -> None:
    cache_dir().mkdir(parents=True)
    (cache_dir() / "library.json").write_text("[" * 100_000)
    assert load_library_cached([]).topics == load_library().topics


def test_a_fifo_in_place_of_the_cache_neither_hangs_nor_is_replaced(profile: Path) -> None:
    cache_dir().mkdir(parents=True)
    os.mkfifo(cache_dir() / "library.json")
    assert load_library_cached([]).topics == load_library().topics
    assert (cache_dir() / "library.json").is_fifo()


def test_a_fifo_among_the_cue_sounds_is_refused_not_played(tmp_path: Path) -> None:
    from backease_desktop.core.safe_files import UnsafePathError
    from backease_desktop.platform.cues import cue_wav_files

    first = cue_wav_files(tmp_path / "sounds")
    planted = next(iter(first.values()))
    planted.unlink()
    os.mkfifo(planted)
    with pytest.raises(UnsafePathError, match="named pipe"):
        cue_wav_files(tmp_path / "sounds")
    assert planted.is_fifo()


def test_a_fifo_in_place_of_a_dark_icon_falls_back_to_the_light_one(qapp: object) -> None:
    from backease_desktop.ui import theme

    theme._dark_copy.cache_clear()
    made = theme._dark_copy(theme.resources_dir() / "icons" / "progress.svg")
    made.unlink()
    os.mkfifo(made)
    theme._dark_copy.cache_clear()
    assert not theme.icon("progress", dark=True).isNull()
    assert made.is_fifo()
    theme._dark_copy.cache_clear()
