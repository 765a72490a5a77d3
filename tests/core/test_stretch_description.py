"""Every stretch says what its picture shows, for a screen reader to read: the loader
requires the `description` field and reports where it is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir


def test_every_bundled_stretch_describes_its_picture() -> None:
    library = load_library(resources_dir())
    assert library.stretches
    for stretch in library.stretches:
        assert len(stretch.description.split()) >= 5, stretch.id


def test_a_stretch_without_a_description_is_reported_with_its_file(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(resources_dir(), resources)
    path = resources / "content" / "stretches" / "hip-lifts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(n for n in lines if not n.startswith("description:")), "utf-8")

    library = load_library(resources)

    assert "hip-lifts" not in {s.id for s in library.stretches}
    problems = [e for e in library.errors if e.path == path]
    assert [e.field for e in problems] == ["description"]
    assert "missing" in problems[0].message or "required" in problems[0].message
