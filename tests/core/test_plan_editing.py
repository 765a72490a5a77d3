"""The routine editor's model, without a window: drafts round-trip through the file the
loader reads, edits are pure and undoable, the check uses the loader's own rules, and a
save never loses a person's comments or a picture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir, xdg_data_home
from backease_desktop.core.plans.drafts import StepDraft, draft_from_routine, draft_text
from backease_desktop.core.plans.editing import (
    DraftChecker,
    Edit,
    breathing_step,
    duplicate,
    insert_step,
    move_step,
    new_routine,
    put_exercise,
    remove_step,
    replace_step,
)
from backease_desktop.core.plans.saving import delete_routine, save_draft
from backease_desktop.core.plans.serialise import has_comments
from tests.helpers.plans import PLAN, png_bytes

NOW = dt.datetime(2026, 12, 1, 9, 30)


def _library() -> Library:
    return load_library(user_routine_dirs=[user_routines_dir()])


def _install_plan() -> Path:
    folder = user_routines_dir()
    (folder / "pictures").mkdir(parents=True)
    (folder / "pictures" / "tilt.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = folder / "physio.yaml"
    path.write_text(PLAN)
    return path


@pytest.mark.parametrize("routine_id", ["desk-break", "during-a-spasm", "morning-low-back"])
def test_a_bundled_routine_round_trips_through_the_draft(routine_id: str, tmp_path: Path) -> None:
    library = _library()
    routine = library.routine(routine_id)
    assert routine is not None
    text = draft_text(draft_from_routine(routine)._replace(id="round-trip"))
    path = user_routines_dir() / "round-trip.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    again = _library().routine("round-trip")
    assert again is not None
    assert again.steps == routine.steps
    assert (again.title, again.summary, again.get_ready_s) == (
        routine.title,
        routine.summary,
        routine.get_ready_s,
    )


def test_a_plan_with_its_own_exercise_round_trips(tmp_path: Path) -> None:
    _install_plan()
    routine = _library().routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)
    assert [e.id for e in draft.exercises] == ["pelvic-tilt"]
    saved = save_draft(draft, user_routines_dir(), routine.source, lambda: NOW)
    again = _library().routine("physio-plan")
    assert again is not None and saved.path == routine.source
    assert [s.duration_s for s in again.steps] == [s.duration_s for s in routine.steps]
    assert [s.title for s in again.steps] == [s.title for s in routine.steps]


def test_saving_a_file_with_comments_keeps_the_original_and_says_where() -> None:
    path = _install_plan()
    routine = _library().routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)._replace(title="Physio plan, edited")
    saved = save_draft(draft, user_routines_dir(), path, lambda: NOW)
    assert saved.kept_original == path.with_name("physio.yaml.orig")
    assert saved.kept_original.read_text() == PLAN
    assert "Physio plan, edited" in path.read_text()
    library = _library()
    assert library.routine("physio-plan").title == "Physio plan, edited"  # type: ignore[union-attr]
    assert library.errors == ()  # the kept file is not read as a second routine


def test_saving_again_without_comments_keeps_nothing_extra() -> None:
    path = _install_plan()
    routine = _library().routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)
    save_draft(draft, user_routines_dir(), path, lambda: NOW)
    second = save_draft(draft._replace(title="Again"), user_routines_dir(), path, lambda: NOW)
    assert second.kept_original is None


def test_a_picture_from_anywhere_is_copied_next_to_the_routine(tmp_path: Path) -> None:
    picture = tmp_path / "Downloads" / "my tilt.png"
    picture.parent.mkdir()
    picture.write_bytes(png_bytes())
    _install_plan()
    routine = _library().routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)
    draft = put_exercise(draft, draft.exercises[0]._replace(picture=str(picture)))
    save_draft(draft, user_routines_dir(), routine.source, lambda: NOW)
    stretch = _library().stretch("pelvic-tilt")
    assert stretch is not None
    assert Path(stretch.illustration) == user_routines_dir() / "pictures" / "pelvic-tilt.png"
    assert Path(stretch.illustration).read_bytes() == png_bytes()


def test_deleting_moves_the_routine_to_the_trash() -> None:
    path = _install_plan()
    where = delete_routine(path, lambda: NOW)
    assert not path.exists() and where.read_text() == PLAN
    assert where.parent == xdg_data_home() / "Trash" / "files"
    assert _library().routine("physio-plan") is None


def test_has_comments_ignores_the_lines_backease_writes() -> None:
    assert has_comments(PLAN)
    assert not has_comments(draft_text(new_routine(_library())))


# -- edits ---------------------------------------------------------------------------------


def _three() -> tuple[StepDraft, StepDraft, StepDraft]:
    return (
        StepDraft("rest", seconds=10),
        StepDraft("stretch", stretch_id="cat-cow"),
        StepDraft("rest", seconds=20),
    )


def test_moving_a_step_down_and_back_restores_the_order() -> None:
    draft = new_routine(_library())._replace(steps=_three())
    moved = move_step(draft, 0, 2)
    assert [s.seconds for s in moved.steps if s.kind == "rest"] == [20, 10]
    assert moved.steps[0].stretch_id == "cat-cow"
    assert move_step(moved, 2, 0) == draft


def test_moving_past_either_end_changes_nothing() -> None:
    draft = new_routine(_library())._replace(steps=_three())
    assert move_step(draft, 0, -1) == draft
    assert move_step(draft, 2, 3) == draft


@given(st.lists(st.integers(1, 600), min_size=1, max_size=12), st.data())
def test_any_move_keeps_every_step_once(seconds: list[int], data: st.DataObject) -> None:
    steps = tuple(StepDraft("rest", seconds=s, note=str(i)) for i, s in enumerate(seconds))
    draft = new_routine(Library())._replace(steps=steps)
    index = data.draw(st.integers(0, len(steps) - 1))
    to = data.draw(st.integers(0, len(steps) - 1))
    moved = move_step(draft, index, to)
    assert sorted(moved.steps) == sorted(steps)
    assert moved.steps[to] == steps[index]


def test_insert_remove_and_replace() -> None:
    draft = new_routine(_library())._replace(steps=_three())
    inserted = insert_step(draft, 1, StepDraft("rest", seconds=5))
    assert [s.seconds for s in inserted.steps][:2] == [10, 5]
    assert remove_step(inserted, 1) == draft
    replaced = replace_step(draft, 0, StepDraft("rest", seconds=99))
    assert replaced.steps[0].seconds == 99 and replaced.steps[1:] == draft.steps[1:]


def test_an_edit_keeps_both_drafts_for_undo() -> None:
    draft = new_routine(_library())._replace(steps=_three())
    edit = Edit("Move step", draft, move_step(draft, 0, 1))
    assert edit.before == draft and edit.after != draft


def test_renaming_an_exercise_follows_the_steps_that_use_it() -> None:
    _install_plan()
    routine = _library().routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)
    renamed = put_exercise(draft, draft.exercises[0]._replace(id="tilt"), old_id="pelvic-tilt")
    assert renamed.steps[0].stretch_id == "tilt"
    assert [e.id for e in renamed.exercises] == ["tilt"]


# -- the check -----------------------------------------------------------------------------


def test_a_new_routine_is_valid_and_breathes_5_1_3() -> None:
    library = _library()
    draft = new_routine(library)
    step = draft.steps[0]
    assert (step.inhale_s, step.pause_s, step.exhale_s) == (5.0, 1.0, 3.0)
    check = DraftChecker(library).check(draft)
    assert check.ok and check.routine is not None
    assert check.routine.steps_duration_s == 27.0


def test_a_value_out_of_range_is_reported_with_its_step() -> None:
    library = _library()
    draft = new_routine(library)._replace(steps=_three())
    draft = replace_step(draft, 1, StepDraft("stretch", stretch_id="cat-cow", hold_s=900))
    check = DraftChecker(library).check(draft)
    assert not check.ok
    assert [(e.field, e.message) for e in check.errors] == [
        ("steps[1].hold", "900 seconds is out of range (1 to 600)")
    ]


def test_an_id_of_another_routine_is_reported() -> None:
    library = _library()
    check = DraftChecker(library).check(new_routine(library)._replace(id="desk-break"))
    assert any(e.field == "id" and "already used" in e.message for e in check.errors)


def test_the_routine_being_edited_may_keep_its_id_and_exercises() -> None:
    path = _install_plan()
    library = _library()
    routine = library.routine("physio-plan")
    assert routine is not None
    assert DraftChecker(library, own_file=path).check(draft_from_routine(routine)).ok


def test_duplicating_a_bundled_routine_gives_a_valid_copy() -> None:
    library = _library()
    desk = library.routine("desk-break")
    assert desk is not None
    copy = duplicate(desk, library)
    assert copy.id == "desk-break-copy" and copy.title == "Desk break (copy)"
    check = DraftChecker(library).check(copy)
    assert check.ok and check.routine is not None
    assert check.routine.steps == desk.steps


def test_duplicating_a_plan_renames_its_own_exercises() -> None:
    _install_plan()
    library = _library()
    routine = library.routine("physio-plan")
    assert routine is not None
    copy = duplicate(routine, library)
    assert [e.id for e in copy.exercises] == ["pelvic-tilt-2"]
    assert copy.steps[0].stretch_id == "pelvic-tilt-2"
    assert DraftChecker(library).check(copy).ok


def test_a_missing_picture_is_reported_on_its_exercise(tmp_path: Path) -> None:
    _install_plan()
    library = _library()
    routine = library.routine("physio-plan")
    assert routine is not None
    draft = draft_from_routine(routine)
    draft = put_exercise(draft, draft.exercises[0]._replace(picture=str(tmp_path / "gone.png")))
    check = DraftChecker(library, own_file=routine.source).check(draft)
    assert [e.field for e in check.errors] == ["exercises[0].illustration"]


def test_breathing_step_takes_the_librarys_rhythm() -> None:
    step = breathing_step(_library().breathing, cycles=4)
    assert (step.kind, step.cycles) == ("breathe", 4)
