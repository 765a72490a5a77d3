"""Plans in the running app: the import preview (BackEase > Import plan…, or a plan file
opened from the file manager), the My routines page in the sidebar, and a plan imported
from the command line or written by hand showing at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from backease_desktop.cli import main
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.launch import LaunchRequest
from backease_desktop.ui.editor.import_dialog import ImportDialog
from backease_desktop.ui.editor.page import MyRoutinesPage
from backease_desktop.ui.library_pages import RoutineListPage
from tests.helpers.app import MakeApp
from tests.helpers.plans import PLAN, plan_folder


def test_the_preview_shows_what_a_plan_adds_before_installing(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_folder(tmp_path / "from-clinic")
    dialog = ImportDialog(plan, load_library(), user_routines_dir())
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "routine 'physio-plan': Physio plan" in text
    assert "Written by Riverside Physiotherapy, added 2026-11-30" in text
    assert "picture pictures/tilt.svg" in text
    assert not user_routines_dir().exists()  # nothing written by looking
    assert dialog.install_button is not None and dialog.install_button.text() == "Install"
    dialog.install_button.click()
    assert dialog.installed is not None
    assert (user_routines_dir() / "physio-plan.yaml").read_text() == PLAN


def test_a_bad_plan_lists_its_problems_and_cannot_be_installed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    plan = plan_folder(tmp_path / "p", PLAN.replace("hold: 5", "hold: 0"))
    dialog = ImportDialog(plan, load_library(), user_routines_dir())
    qtbot.addWidget(dialog)
    assert dialog.install_button is None
    assert "exercises[0].hold: must be more than zero" in dialog.details.toPlainText()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert close.text() == "Close"


def test_my_routines_is_under_practice_and_import_is_in_the_menu(make_app: MakeApp) -> None:
    backease = make_app(LaunchRequest())
    window = backease.window
    assert "my-routines" in window.sidebar.page_keys()
    assert window.open_page("my-routines")
    assert isinstance(window.page("my-routines"), MyRoutinesPage)
    texts = [a.text() for a in window.app_menu.actions()]
    assert "&Import plan…" in texts
    assert texts.index("&Import plan…") < texts.index("&Quit")


def test_installing_from_the_preview_shows_the_plan_in_my_routines(
    make_app: MakeApp, tmp_path: Path
) -> None:
    backease = make_app(LaunchRequest())
    dialog = backease.plans.import_plan(plan_folder(tmp_path / "p"))
    assert dialog is not None and dialog.install_button is not None
    dialog.install_button.click()
    assert backease.library.routine("physio-plan") is not None
    assert backease.window.current_page_key() == "my-routines"
    page = backease.window.page("my-routines")
    assert isinstance(page, MyRoutinesPage)
    selected = page.selected()
    assert selected is not None and selected.id == "physio-plan"


def test_a_plan_file_on_the_command_line_opens_the_preview(
    make_app: MakeApp, qtbot: QtBot, tmp_path: Path
) -> None:
    plan = plan_folder(tmp_path / "p")
    backease = make_app(LaunchRequest(plan=str(plan)))
    qtbot.waitUntil(lambda: backease.plans.import_dialog is not None)
    dialog = backease.plans.import_dialog
    assert dialog is not None and dialog.plan == plan and dialog.isVisible()
    dialog.reject()


def test_a_plan_imported_from_the_command_line_shows_in_the_running_app(
    make_app: MakeApp, qtbot: QtBot, tmp_path: Path
) -> None:
    backease = make_app(LaunchRequest())
    backease.window.open_page("routines")
    assert main(["--import", str(plan_folder(tmp_path / "p"))]) == 0
    qtbot.waitUntil(lambda: backease.library.routine("physio-plan") is not None, timeout=5000)
    page = backease.window.page("routines")
    assert isinstance(page, RoutineListPage)
    assert "physio-plan" in [card.routine.id for card in page.cards]
    assert backease.player.library.routine("physio-plan") is not None
    assert backease.window.stretch_list.cards[-1].stretch.id == "pelvic-tilt"


def test_exporting_from_the_app_writes_a_plan(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backease = make_app(LaunchRequest())
    target = tmp_path / "shared"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(target), ""),
    )
    written = backease.plans.export_routine("desk-break")
    assert written == tmp_path / "shared.yaml"
    assert "stretch: stand-and-walk" in written.read_text()


def test_a_plan_opened_while_backease_runs_is_handed_over_whole(tmp_path: Path) -> None:
    from backease_desktop.platform.single_instance import request_from_args

    request = LaunchRequest(plan=str(tmp_path / "from the clinic.backease"))
    assert request_from_args(request.to_args()) == request


def test_the_preview_says_when_a_plan_replaces_one_of_yours(qtbot: QtBot, tmp_path: Path) -> None:
    plan = plan_folder(tmp_path / "p")
    assert main(["--import", str(plan)]) == 0
    plan.write_text(PLAN.replace("title: Physio plan", "title: Physio plan, week 2"))
    library = load_library(user_routine_dirs=[user_routines_dir()])
    dialog = ImportDialog(plan, library, user_routines_dir())
    qtbot.addWidget(dialog)
    assert "replaces" in dialog.details.toPlainText()
    assert dialog.install_button is not None and dialog.install_button.text() == "Replace"
    dialog.install_button.click()
    assert dialog.installed is not None and len(dialog.installed.replaced) == 1
    again = load_library(user_routine_dirs=[user_routines_dir()]).routine("physio-plan")
    assert again is not None and again.title == "Physio plan, week 2"


def test_a_bundled_id_taken_later_is_told_once(make_app: MakeApp, qtbot: QtBot) -> None:
    folder = user_routines_dir()
    folder.mkdir(parents=True)
    # An exercise of the person's that a later BackEase ships a stretch under the id of.
    (folder / "mine.yaml").write_text(
        PLAN.replace("pelvic-tilt", "cat-cow")
        .replace("    illustration: pictures/tilt.svg\n", "")
        .replace("  - stretch: cat-cow\n    reps: 4\n", "")
    )
    backease = make_app(LaunchRequest())
    assert backease.library.errors == () and len(backease.library.notices) == 1
    qtbot.waitUntil(lambda: bool(backease.window.statusBar().currentMessage()))
    assert "BackEase now has a stretch with the id 'cat-cow'" in (
        backease.window.statusBar().currentMessage()
    )
    assert backease.plans.tell_notices(backease.library) == []  # not again
