"""The parsed-content cache: same library as reading the files, and never stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backease_desktop.core.content.cache import load_library_cached
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import cache_dir, user_routines_dir

ROUTINE = "id: mine\ntitle: {title}\nsummary: Mine.\nsteps:\n  - rest: 10\n"


def test_cached_library_equals_the_files(profile: Path) -> None:
    first = load_library_cached([user_routines_dir()])
    second = load_library_cached([user_routines_dir()])
    assert first == second == load_library(user_routine_dirs=[user_routines_dir()])
    assert (cache_dir() / "library.json").is_file()


def test_an_edited_user_routine_is_read_again(profile: Path) -> None:
    folder = user_routines_dir()
    folder.mkdir(parents=True)
    routine = folder / "mine.yaml"
    routine.write_text(ROUTINE.format(title="Before"))
    assert load_library_cached([folder]).routine("mine").title == "Before"  # type: ignore[union-attr]
    routine.write_text(ROUTINE.format(title="After, longer"))
    os.utime(routine, ns=(routine.stat().st_atime_ns, routine.stat().st_mtime_ns + 10**9))
    assert load_library_cached([folder]).routine("mine").title == "After, longer"  # type: ignore[union-attr]


def test_a_removed_routine_disappears(profile: Path) -> None:
    folder = user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(ROUTINE.format(title="Gone soon"))
    assert load_library_cached([folder]).routine("mine") is not None
    (folder / "mine.yaml").unlink()
    assert load_library_cached([folder]).routine("mine") is None


def test_a_damaged_cache_is_ignored_and_rewritten(profile: Path) -> None:
    good = load_library_cached([])
    cached = cache_dir() / "library.json"
    cached.write_bytes(b"not a pickle")
    assert load_library_cached([]) == good
    assert cached.read_bytes() != b"not a pickle"


def test_a_warm_start_does_not_import_yaml(profile: Path) -> None:
    load_library_cached([user_routines_dir()])
    code = (
        "import sys; from backease_desktop.core.content.cache import load_library_cached;"
        "from backease_desktop.core.paths import user_routines_dir;"
        "lib = load_library_cached([user_routines_dir()]);"
        "print(len(lib.topics), 'yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    topics, yaml_loaded = out.stdout.split()
    assert int(topics) >= 10
    assert yaml_loaded == "False"


def test_a_cache_of_an_older_model_is_read_as_stale(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backease_desktop.core.content import cache

    # A cache written when the model had another shape: same files, same version. It must
    # not be used, whatever it holds, with no format number for anyone to remember to bump.
    monkeypatch.setattr(cache, "model_shape", lambda: "Topic(id:str)")
    stale = load_library_cached([])._replace(topics=())
    cache._store(cache_dir() / "library.json", cache.manifest(cache.resources_dir(), []), stale)
    monkeypatch.undo()
    assert load_library_cached([]).topics == load_library().topics != ()


def test_the_model_shape_names_every_field_and_its_type() -> None:
    from backease_desktop.core.content import cache

    assert "Stretch(id:str,title:str," in cache.model_shape()
    assert "hold_s:float" in cache.model_shape()
