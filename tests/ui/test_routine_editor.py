"""The routine editor as a person uses it: by keyboard and through the accessibility tree,
with undo and redo, live totals and problems, and saving to a file the loader reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.core.plans.drafts import ExerciseDraft, draft_from_routine
from backease_desktop.core.plans.editing import new_routine
from backease_desktop.ui.editor.exercise_dialog import ExerciseDialog
from backease_desktop.ui.editor.page import MyRoutinesPage
from backease_desktop.ui.editor.routine_editor import RoutineEditor
from tests.helpers.plans import PLAN, SVG, png_bytes


def _library() -> Library:
    return load_library(user_routine_dirs=[user_routines_dir()])


def _install_plan() -> Path:
    folder = user_routines_dir()
    (folder / "pictures").mkdir(parents=True, exist_ok=True)
    (folder / "pictures" / "tilt.svg").write_text(SVG)
    path = folder / "physio.yaml"
    path.write_text(PLAN)
    return path


@pytest.fixture
def editor(qtbot: QtBot) -> RoutineEditor:
    library = _library()
    widget = RoutineEditor(library, new_routine(library), None, user_routines_dir())
    qtbot.addWidget(widget)
    widget.resize(1000, 560)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.last_check is not None)  # checked after the first frame
    return widget


def _titles(editor: RoutineEditor) -> list[str]:
    return [editor.steps.item(i).text() for i in range(editor.steps.count())]


def test_a_new_routine_starts_with_breathing_and_shows_its_total(editor: RoutineEditor) -> None:
    assert _titles(editor) == ["1. Slow breathing: 5-1-3, 3 breaths"]
    assert editor.total_label.text().startswith("1 steps · 0:27")
    assert editor.save_button.isEnabled()


def test_steps_are_added_from_the_library_breathing_and_rest(editor: RoutineEditor) -> None:
    editor.exercise_choice.setCurrentIndex(editor.exercise_choice.findData("cat-cow"))
    editor.add_chosen_exercise()
    editor.add_rest()
    assert _titles(editor) == [
        "1. Slow breathing: 5-1-3, 3 breaths",
        "2. Cat-cow: 8 s, 6 times",
        "3. Rest: 0:30",
    ]
    assert editor.steps.currentRow() == 2


def test_alt_down_moves_a_step_and_ctrl_z_puts_it_back(qtbot: QtBot, editor: RoutineEditor) -> None:
    editor.add_rest()
    editor.steps.setCurrentRow(0)
    editor.steps.setFocus()
    qtbot.keyClick(editor.steps, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _titles(editor)[1].startswith("2. Slow breathing")
    assert editor.steps.currentRow() == 1
    qtbot.keyClick(editor.steps, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(editor)[0].startswith("1. Slow breathing")
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor.steps, Qt.Key.Key_Z, redo)
    assert _titles(editor)[1].startswith("2. Slow breathing")


def test_a_drag_in_the_list_moves_the_step_in_the_routine(
    qtbot: QtBot, editor: RoutineEditor
) -> None:
    editor.add_rest()
    editor.add_breathing()
    # What a drop does to the view's model; the editor follows it.
    editor.steps.model().moveRow(editor.steps.rootIndex(), 0, editor.steps.rootIndex(), 3)
    qtbot.waitUntil(
        lambda: editor.draft.steps[2].kind == "breathe" and editor.undo_stack.count() == 3
    )
    assert [s.kind for s in editor.draft.steps] == ["rest", "breathe", "breathe"]
    assert editor.draft.steps[0].kind == "rest"


def test_changing_a_value_updates_the_total_and_one_undo_takes_it_back(
    editor: RoutineEditor,
) -> None:
    editor.steps.setCurrentRow(0)
    for cycles in (4, 5, 6):
        editor.panel.cycles.setValue(cycles)
    assert editor.draft.steps[0].cycles == 6
    assert "0:54" in editor.total_label.text()
    editor.undo_stack.undo()
    assert editor.draft.steps[0].cycles == 3  # the arrows held down are one undo step


def test_a_problem_is_shown_live_and_saving_waits_for_it(editor: RoutineEditor) -> None:
    editor.id_edit.setText("desk-break")
    editor.id_edit.editingFinished.emit()
    assert "Id: the routine id 'desk-break' is already used" in editor.problems_label.text()
    assert not editor.save_button.isEnabled()
    editor.undo_stack.undo()
    assert editor.save_button.isEnabled()


def test_saving_writes_a_routine_the_app_loads(editor: RoutineEditor) -> None:
    editor.title_edit.setText("Evening stretch")
    editor.add_rest()
    saved = editor.save()
    assert saved is not None
    routine = _library().routine(editor.draft.id)
    assert routine is not None and routine.title == "Evening stretch"
    assert len(routine.steps) == 2
    assert editor.undo_stack.isClean()


def test_every_field_is_named_by_its_visible_label(editor: RoutineEditor) -> None:
    for label in editor.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None:
            continue
        interface = QAccessible.queryAccessibleInterface(buddy)
        visible = label.text().replace("&", "")
        if isinstance(buddy, QComboBox):
            # On Linux a combo box's name is its value; its label reaches a screen reader
            # as the "labelled by" relation, which the buddy makes.
            labels = interface.relations(QAccessible.RelationFlag.Label)
            assert [i.text(QAccessible.Text.Name) for i, _ in labels] == [visible]
            continue
        name = interface.text(QAccessible.Text.Name)
        assert name.startswith(visible), (label.text(), name)
    for widget in editor.findChildren(QWidget):
        inner = widget.objectName().startswith("qt_")  # a spin box's own line edit
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible() and not inner:
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface.text(QAccessible.Text.Name), type(widget).__name__


def test_the_exercise_editor_makes_an_exercise_with_a_picture(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "tilt.png"
    picture.write_bytes(png_bytes())
    dialog = ExerciseDialog(ExerciseDraft(id="pelvic-tilt", title=""))
    qtbot.addWidget(dialog)
    dialog.title.setText("Pelvic tilt")
    dialog.summary.setText("Flatten your back.")
    dialog.instructions.setPlainText("Lie on your back.\n\nPress your back down.")
    dialog.cautions.setPlainText("Keep breathing.")
    dialog.hold.setValue(5)
    assert dialog.use_picture(picture)
    assert not dialog.use_picture(tmp_path / "missing.png")
    assert dialog.problem.text().startswith("the picture 'missing.png' is missing")
    exercise = dialog.exercise()
    assert exercise.instructions == ("Lie on your back.", "Press your back down.")
    assert exercise.picture == str(picture) and exercise.source == "you" and exercise.added


def test_editing_a_plan_with_comments_keeps_the_original(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _install_plan()
    library = _library()
    routine = library.routine("physio-plan")
    assert routine is not None
    said: list[str] = []
    monkeypatch.setattr(
        "backease_desktop.ui.editor.page.QMessageBox.information",
        lambda _parent, _title, text: said.append(text),
    )
    page = MyRoutinesPage(library, user_routines_dir())
    qtbot.addWidget(page)
    page.select("physio-plan")
    editor = page.edit_selected()
    assert editor is not None
    assert editor.draft == draft_from_routine(routine)
    editor.title_edit.setText("Physio plan, week 2")
    assert editor.save() is not None
    assert path.with_name("physio.yaml.orig").read_text() == PLAN
    assert said and "physio.yaml.orig" in said[0]


def test_the_page_duplicates_a_bundled_routine_and_deletes_to_the_trash(
    qtbot: QtBot, profile: Path
) -> None:
    page = MyRoutinesPage(_library(), user_routines_dir())
    qtbot.addWidget(page)
    page.select("desk-break")
    assert not page.edit_button.isEnabled() and page.duplicate_button.isEnabled()
    editor = page.duplicate_selected()
    assert editor is not None and editor.draft.title == "Desk break (copy)"
    saved = editor.save()
    assert saved is not None
    with qtbot.waitSignal(page.content_changed, timeout=1000):
        page.set_library(_library())
        page.close_editor()
        page.select("desk-break-copy")
        assert page.delete_button.isEnabled()
        where = page.delete_selected(confirm=False)
    assert where is not None and where.is_file() and not saved.path.exists()
    assert "Trash" in str(where)


def test_a_changed_hold_is_the_steps_own_and_shows_in_the_list(editor: RoutineEditor) -> None:
    editor.exercise_choice.setCurrentIndex(editor.exercise_choice.findData("knee-to-chest"))
    editor.add_chosen_exercise()
    assert editor.panel.hold.value() == 20.0  # the stretch's own, shown
    editor.panel.hold.setValue(30)
    assert editor.draft.steps[1].hold_s == 30.0 and editor.draft.steps[1].reps is None
    assert _titles(editor)[1] == "2. Knee to chest: 30 s, 3 times, left then right"


def test_a_problem_found_is_announced(
    editor: RoutineEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "backease_desktop.ui.editor.routine_editor.announce", lambda _w, text: said.append(text)
    )
    editor.id_edit.setText("Not An Id")
    editor.id_edit.editingFinished.emit()
    assert said and said[-1].startswith("Problems to fix before saving:\nId: 'Not An Id'")


def test_the_exercise_editors_fields_are_named_by_their_labels(qtbot: QtBot) -> None:
    dialog = ExerciseDialog(ExerciseDraft(id="my-exercise", title=""))
    qtbot.addWidget(dialog)
    named = 0
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or isinstance(buddy, QComboBox):
            continue
        name = QAccessible.queryAccessibleInterface(buddy).text(QAccessible.Text.Name)
        assert name.startswith(label.text()), (label.text(), name)
        named += 1
    assert named >= 9
    picture = QAccessible.queryAccessibleInterface(dialog.picture_button)
    assert picture.text(QAccessible.Text.Name).startswith(dialog.picture_button.text())
