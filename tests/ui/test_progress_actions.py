"""The history menu: export as CSV to a file the user names, delete everything only after a
confirmation that says it cannot be undone (and mentions copies of damaged files left
behind), and a notice naming where a damaged history file was kept."""

from __future__ import annotations

import csv
from datetime import timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from backease_desktop.app import BackEase
from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library
from backease_desktop.core.scheduler import BreakOutcome, Cause, Outcome
from backease_desktop.core.settings import Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.platform.history_recorder import HistoryRecorder
from backease_desktop.ui.main_window import MainWindow
from backease_desktop.ui.progress.actions import HistoryActions

MENU_ITEMS = ["Export history as CSV…", "Print / save summary as PDF…", "Delete all history…"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.db"


@pytest.fixture
def recorder(clock: FakeClock, db_path: Path, qapp: object) -> HistoryRecorder:
    return HistoryRecorder(clock, db_path, tz=timezone.utc)


@pytest.fixture
def window(qtbot: QtBot, library: Library, settings: Settings) -> MainWindow:
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def actions(window: MainWindow, recorder: HistoryRecorder) -> HistoryActions:
    return HistoryActions(window, recorder)


def record_some(recorder: HistoryRecorder, clock: FakeClock) -> None:
    recorder.on_session_started("during-a-spasm", 'During a spasm, "slowly"', clock.wall())
    recorder.on_step_ended(0, "completed")
    recorder.on_session_ended(True, clock.wall() + 120)
    recorder.on_pain_rated(6, 3)
    at = clock.wall() + 600
    recorder.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))


def save_dialog_answers(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """Stands in for the file dialog; returns the suggested names it was shown."""
    suggested: list[str] = []

    def fake(_parent: object, _title: str, directory: str, _filter: str) -> tuple[str, str]:
        suggested.append(directory)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return suggested


def answer_message_box(button_text: str, seen: list[QMessageBox]) -> None:
    """Presses `button_text` on the next modal message box, once it is up."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box)
        (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        button.click()

    QTimer.singleShot(0, press)


def test_the_app_menu_holds_the_history_items_then_reminders_before_quit(
    qtbot: QtBot, qapp: QApplication
) -> None:
    backease = BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    backease.show()
    # The reminders join the menu once the window has painted.
    qtbot.waitUntil(lambda: backease.reminders_host is not None)
    texts = [a.text() for a in backease.window.app_menu.actions() if not a.isSeparator()]
    assert texts == ["&Settings…", "&Import plan…", *MENU_ITEMS, "&Reminders", "&Quit"]
    assert backease.reminders_host is not None
    backease.reminders_host.reminders.close_desktop()


def test_the_progress_page_is_in_the_sidebar_under_practice(
    qtbot: QtBot, qapp: QApplication
) -> None:
    backease = BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    keys = backease.window.sidebar.page_keys()
    assert keys[-1] == "progress"
    assert keys.index("progress") > keys.index("routines")
    assert backease.window.open_page("progress")
    assert backease.window.windowTitle().startswith("Progress")


def test_the_empty_pages_first_routine_button_starts_that_routine(
    qtbot: QtBot, qapp: QApplication
) -> None:
    backease = BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    backease.window.open_page("progress")
    page = backease.window.stack.currentWidget()
    button = page.empty.start_button  # type: ignore[attr-defined]
    with qtbot.waitSignal(backease.window.routine_start_requested, timeout=1000) as started:
        button.click()
    assert started.args == ["during-a-spasm"]


def test_export_writes_the_whole_history_to_the_chosen_file(
    actions: HistoryActions,
    recorder: HistoryRecorder,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_some(recorder, clock)
    save_dialog_answers(monkeypatch, str(tmp_path / "my history"))
    written = actions.export_csv()
    assert written == tmp_path / "my history.csv"
    with written.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [r["kind"] for r in rows] == ["session", "break"]
    assert rows[0]["routine_title"] == 'During a spasm, "slowly"'
    assert (rows[0]["pain_before"], rows[0]["pain_after"]) == ("6", "3")
    assert str(written) in actions.window.statusBar().currentMessage()


def test_export_suggests_a_dated_csv_file_name(
    actions: HistoryActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested = save_dialog_answers(monkeypatch, "")
    actions.export_csv()
    (name,) = suggested
    assert Path(name).name.startswith("backease-history-") and name.endswith(".csv")


def test_cancelling_the_export_writes_nothing(
    actions: HistoryActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_dialog_answers(monkeypatch, "")
    assert actions.export_csv() is None
    assert list(tmp_path.glob("*.csv")) == []


def test_delete_asks_first_and_says_it_cannot_be_undone(
    actions: HistoryActions, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    record_some(recorder, clock)
    seen: list[QMessageBox] = []
    answer_message_box("Cancel", seen)
    assert not actions.delete_all()
    assert "cannot be undone" in seen[0].informativeText()
    assert len(recorder.store.sessions()) == 1


def test_confirmed_delete_empties_the_history_and_the_progress_page(
    qtbot: QtBot, actions: HistoryActions, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    from backease_desktop.ui.progress.page import build_progress_page

    record_some(recorder, clock)
    page = build_progress_page(recorder)
    qtbot.addWidget(page)
    page.show()
    assert not page.is_empty_state()
    answer_message_box("Delete all history", [])
    assert actions.delete_all()
    assert recorder.store.sessions() == [] and recorder.store.breaks() == []
    assert page.is_empty_state()


def test_delete_names_copies_of_damaged_files_it_left_alone(
    actions: HistoryActions, recorder: HistoryRecorder, clock: FakeClock, db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"damaged" * 50)
    record_some(recorder, clock)
    kept = recorder.store.recovered_from
    assert kept is not None
    answer_message_box("Delete all history", [])
    assert actions.delete_all()
    box = actions.leftovers_box
    assert box is not None and box.isVisible()
    assert str(kept) in box.informativeText()
    assert kept.exists()


def test_a_damaged_file_is_reported_in_a_message_that_does_not_block(
    actions: HistoryActions, recorder: HistoryRecorder, clock: FakeClock, db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"damaged" * 50)
    record_some(recorder, clock)
    box = actions.problem_box
    kept = recorder.store.recovered_from
    assert box is not None and kept is not None
    assert box.isVisible() and not box.isModal()
    assert str(kept) in box.informativeText()
    assert "Nothing was deleted" in box.informativeText()


def test_the_summary_item_opens_one_summary_dialog(
    actions: HistoryActions, recorder: HistoryRecorder
) -> None:
    first = actions.open_summary()
    again = actions.open_summary()
    assert first is again and first.isVisible()


def test_nothing_to_report_shows_no_message(
    actions: HistoryActions, recorder: HistoryRecorder, clock: FakeClock
) -> None:
    record_some(recorder, clock)
    assert actions.problem_box is None


@pytest.fixture
def app_with_an_unsaved_break(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> tuple[BackEase, list[bool]]:
    """The app with one break it could not save (a folder sits where the history file
    belongs), and a stand-in for QApplication.quit that notes each call."""
    from backease_desktop.core.paths import data_dir

    (data_dir() / "history.db").mkdir(parents=True)
    backease = BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    backease.finish_start()  # the history, as once the first frame is out
    at = 1_767_225_600.0
    backease.history.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))
    assert backease.history.store.waiting_records == 1
    quits: list[bool] = []
    monkeypatch.setattr(backease.app, "quit", lambda: quits.append(True))
    yield backease, quits
    if backease.reminders is not None:
        backease.reminders.close_desktop()


def test_quitting_with_records_only_in_memory_can_be_cancelled(
    app_with_an_unsaved_break: tuple[BackEase, list[bool]],
) -> None:
    backease, quits = app_with_an_unsaved_break
    seen: list[QMessageBox] = []
    answer_message_box("Cancel", seen)
    backease.quit()
    assert quits == []
    assert "1 record(s) of your history are not saved yet" in seen[0].text()
    assert "history.db" in seen[0].informativeText()  # the reason names the path
    assert backease.history.store.waiting_records == 1


def test_quitting_with_records_only_in_memory_offers_to_export_them(
    app_with_an_unsaved_break: tuple[BackEase, list[bool]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backease, quits = app_with_an_unsaved_break
    target = tmp_path / "kept.csv"
    save_dialog_answers(monkeypatch, str(target))
    answer_message_box("Export and quit…", [])
    backease.quit()
    assert quits == [True]
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(row["kind"], row["outcome"]) for row in rows] == [("break", "taken")]


def test_quitting_without_saving_is_the_users_choice(
    app_with_an_unsaved_break: tuple[BackEase, list[bool]],
) -> None:
    backease, quits = app_with_an_unsaved_break
    answer_message_box("Quit without saving", [])
    backease.quit()
    assert quits == [True]


def test_quitting_with_everything_saved_asks_nothing(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    backease = BackEase(qapp, LaunchRequest())
    qtbot.addWidget(backease.window)
    backease.finish_start()  # the history, as once the first frame is out
    at = 1_767_225_600.0
    backease.history.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))
    quits: list[bool] = []
    monkeypatch.setattr(backease.app, "quit", lambda: quits.append(True))
    backease.quit()  # a message box here would wait for an answer that never comes
    assert quits == [True]
    if backease.reminders is not None:
        backease.reminders.close_desktop()
