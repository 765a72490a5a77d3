"""A person's own exercises: in a routine file (a clinician's plan) or in the exercises
folder, checked as strictly as the bundled stretches, with "Stop if it hurts" first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backease_desktop.core.content import Library, StretchStep
from backease_desktop.core.content.cache import load_library_cached
from backease_desktop.core.content.exercises import PICTURE_MAX_BYTES
from backease_desktop.core.content.library import load_library, validate_files
from backease_desktop.core.content.notices import mark_told, untold
from backease_desktop.core.content.origin import provenance
from backease_desktop.core.paths import user_exercises_dir, user_routines_dir
from tests.helpers.plans import SVG

PLAN = """\
# Written by hand: keep this comment
id: physio-plan
title: Physio plan
summary: Two exercises from the practice.
exercises:
  - id: pelvic-tilt
    title: Pelvic tilt
    summary: Flatten your back gently against the floor.
    position: lying
    instructions:
      - Lie on your back with your knees bent.
      - Tighten your tummy and press your back down.
    cautions:
      - Keep breathing.
    hold: 5
    reps: 10
    source: Riverside Physiotherapy
    added: 2026-11-30
    illustration: pictures/tilt.svg
steps:
  - stretch: pelvic-tilt
  - stretch: cat-cow
"""

EXERCISE = """\
id: wall-sit
title: Wall sit
summary: Lean your back on a wall.
position: standing
instructions: [Lean your back on a wall and breathe.]
hold: 10
"""


def _write_plan(text: str = PLAN, picture: str = SVG) -> Path:
    folder = user_routines_dir()
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    (folder / "pictures" / "tilt.svg").write_text(picture)
    path = folder / "physio.yaml"
    path.write_text(text)
    return path


def _load() -> Library:
    return load_library(user_routine_dirs=[user_routines_dir()])


def _messages(library: Library) -> list[str]:
    return [f"{e.field}: {e.message}" for e in library.errors]


def test_a_routine_plays_its_own_exercise() -> None:
    path = _write_plan()
    library = _load()
    assert library.errors == ()
    routine = library.routine("physio-plan")
    assert routine is not None
    step = routine.steps[0]
    assert isinstance(step, StretchStep)
    assert step.stretch.title == "Pelvic tilt"
    assert (step.hold_s, step.reps) == (5.0, 10)
    assert step.stretch.origin == "yours"
    assert step.stretch.source == "Riverside Physiotherapy"
    assert step.stretch.added == "2026-11-30"
    assert step.stretch.file == path
    assert Path(step.stretch.illustration) == path.parent / "pictures" / "tilt.svg"


def test_own_exercises_are_listed_with_the_bundled_stretches() -> None:
    _write_plan()
    library = _load()
    assert library.stretch("pelvic-tilt") is not None
    assert library.stretch("cat-cow") is not None
    assert library.stretch("cat-cow").origin == "bundled"  # type: ignore[union-attr]


def test_stop_if_it_hurts_is_added_first_when_the_file_lacks_it() -> None:
    _write_plan()
    stretch = _load().stretch("pelvic-tilt")
    assert stretch is not None
    assert stretch.cautions == ("Stop if it hurts.", "Keep breathing.")


def test_stop_if_it_hurts_further_down_is_moved_first() -> None:
    later = "      - Keep breathing.\n      - Stop if it hurts, at once."
    _write_plan(PLAN.replace("      - Keep breathing.", later))
    stretch = _load().stretch("pelvic-tilt")
    assert stretch is not None
    assert stretch.cautions == ("Stop if it hurts, at once.", "Keep breathing.")


def test_every_exercise_shows_stop_if_it_hurts_first() -> None:
    _write_plan()
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "wall-sit.yaml").write_text(EXERCISE)
    for stretch in _load().stretches:
        assert stretch.cautions[0].lower().startswith("stop if it hurts"), stretch.id


def test_a_standalone_exercise_is_yours_and_usable_by_a_routine() -> None:
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "wall-sit.yaml").write_text(EXERCISE)
    _write_plan(PLAN.replace("  - stretch: cat-cow", "  - stretch: wall-sit"))
    library = _load()
    assert library.errors == ()
    wall = library.stretch("wall-sit")
    assert wall is not None and wall.origin == "yours" and wall.source == "you"
    assert wall.added  # the file's date when it says none
    assert "Written by you" in provenance(wall)


def test_an_error_inside_an_exercise_names_its_place_in_the_routine() -> None:
    path = _write_plan(PLAN.replace("    hold: 5", "    hold: 0"))
    library = _load()
    assert library.routine("physio-plan") is None
    error = library.errors[0]
    assert (error.path, error.line, error.field) == (path, 15, "exercises[0].hold")


def test_an_unknown_key_in_an_exercise_is_refused() -> None:
    _write_plan(PLAN.replace("    hold: 5", "    hodl: 5"))
    assert any(m.startswith("exercises[0].hodl: unknown key") for m in _messages(_load()))


def test_an_id_used_by_two_of_your_files_names_both() -> None:
    plan = _write_plan()
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    other = folder / "tilt.yaml"
    other.write_text(EXERCISE.replace("id: wall-sit", "id: pelvic-tilt"))
    library = _load()
    clash = [e for e in library.errors if "already used by" in e.message]
    assert len(clash) == 1
    assert clash[0].path == plan and str(other) in clash[0].message


def test_an_exercise_listed_twice_in_one_file_is_refused() -> None:
    doubled = PLAN.replace("steps:", PLAN.split("exercises:\n")[1].split("steps:")[0] + "steps:")
    _write_plan(doubled)
    assert any("listed twice" in m for m in _messages(_load()))


def test_validate_refuses_an_exercise_that_takes_a_bundled_id() -> None:
    path = _write_plan(PLAN.replace("pelvic-tilt", "cat-cow"))
    errors = validate_files([path])
    assert any("comes with BackEase" in e.message for e in errors)


def test_a_bundled_id_arriving_later_keeps_your_exercise_and_is_reported_once() -> None:
    path = _write_plan(
        PLAN.replace("pelvic-tilt", "cat-cow").replace("  - stretch: cat-cow\n", "")
        + "  - stretch: cat-cow\n"
    )
    library = _load()
    routine = library.routine("physio-plan")
    assert routine is not None
    titles = {s.stretch.title for s in routine.steps if isinstance(s, StretchStep)}
    assert titles == {"Pelvic tilt"}
    assert library.errors == ()  # nothing was skipped
    notices = [e for e in library.notices if "now has a stretch" in e.message]
    assert len(notices) == 1 and notices[0].path == path
    assert untold(library.notices) == list(library.notices)
    mark_told(library.notices)
    assert untold(_load().notices) == []  # said once, not at every start
    assert library.stretch("cat-cow").origin == "bundled"  # type: ignore[union-attr]


def test_validate_accepts_a_plan_and_an_exercise_file() -> None:
    plan = _write_plan()
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "wall-sit.yaml").write_text(EXERCISE)
    assert validate_files([plan, folder / "wall-sit.yaml"]) == []


@pytest.mark.parametrize(
    ("picture", "says"),
    [
        ("pictures/none.svg", "is missing"),
        ("/etc/tilt.svg", "must be a path relative"),
        ("pictures/tilt.gif", "not an SVG or PNG"),
        ("pictures/fake.png", "is not a PNG picture"),
        ("pictures/big.svg", "at most 2 MiB"),
        ("pictures/out.svg", "outside the plan's folder"),
        ("../routines/pictures/tilt.svg", "outside the plan's folder"),
    ],
)
def test_a_bad_picture_is_a_clear_error_and_the_routine_is_not_loaded(
    tmp_path: Path, picture: str, says: str
) -> None:
    path = _write_plan(PLAN.replace("pictures/tilt.svg", picture))
    pictures = path.parent / "pictures"
    (pictures / "tilt.gif").write_bytes(b"GIF89a")
    (pictures / "fake.png").write_text("not a picture")
    (pictures / "big.svg").write_text("<svg>" + " " * PICTURE_MAX_BYTES + "</svg>")
    outside = tmp_path / "elsewhere.svg"
    outside.write_text(SVG)
    (pictures / "out.svg").symlink_to(outside)
    library = _load()
    assert library.routine("physio-plan") is None
    [error] = [e for e in library.errors if e.field == "exercises[0].illustration"]
    assert says in error.message and error.line == 19


def test_an_exercise_without_a_picture_is_fine() -> None:
    _write_plan(PLAN.replace("    illustration: pictures/tilt.svg\n", ""))
    stretch = _load().stretch("pelvic-tilt")
    assert stretch is not None and stretch.illustration == ""


def test_bundled_stretches_say_they_follow_the_article() -> None:
    stretch = _load().stretch("cat-cow")
    assert stretch is not None
    assert "How To Ease Back Spasm Pain" in provenance(stretch)


def test_an_imported_exercise_says_who_wrote_it_and_when() -> None:
    _write_plan()
    stretch = _load().stretch("pelvic-tilt")
    assert stretch is not None
    assert provenance(stretch) == (
        "Written by Riverside Physiotherapy, added 2026-11-30. Not checked by BackEase."
    )


def test_the_content_cache_sees_a_new_exercise_file() -> None:
    folders = [user_routines_dir()]
    assert load_library_cached(folders).stretch("wall-sit") is None
    folder = user_exercises_dir()
    folder.mkdir(parents=True)
    (folder / "wall-sit.yaml").write_text(EXERCISE)
    assert load_library_cached(folders).stretch("wall-sit") is not None
    (folder / "wall-sit.yaml").write_text(EXERCISE.replace("Wall sit", "Wall sit, changed"))
    stat = (folder / "wall-sit.yaml").stat()
    os.utime(folder / "wall-sit.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_library_cached(folders).stretch("wall-sit").title == "Wall sit, changed"  # type: ignore[union-attr]
