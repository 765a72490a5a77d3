"""The content benchmark's generated routine files: the loader must report exactly the
files broken on purpose, or the benchmark's error check would mean nothing."""

from __future__ import annotations

from pathlib import Path

from backease_desktop.core.content.library import load_library
from benchmarks.cases.content import BROKEN_EVERY, BROKEN_KINDS, generate_routines


def test_each_kind_of_broken_routine_file_is_reported_and_no_valid_one_is(
    tmp_path: Path,
) -> None:
    bundled = load_library()
    count = BROKEN_EVERY * len(BROKEN_KINDS)
    broken = generate_routines(tmp_path, count, sorted(s.id for s in bundled.stretches))
    library = load_library(user_routine_dirs=[tmp_path])
    assert len(broken) == len(BROKEN_KINDS)
    assert {e.path for e in library.errors} == broken
    generated = [r for r in library.routines if r.id.startswith("generated-")]
    assert len(generated) == count - len(broken)
