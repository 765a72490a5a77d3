"""The safety steps in the whole app: the first screen is still the spasm topic (nothing is
asked at start), a first start in the tray meets the standing questions before its first
break routine, reminders that stop offering the guided break while a standing fact has no
professional's advice, the questions opened from the Warning signs dialog, and the answers
kept out of the CSV export and the clinician PDF."""

from __future__ import annotations

import ast
import io
from datetime import date, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backease_desktop import app as app_module
from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library
from backease_desktop.core.history import HistoryStore
from backease_desktop.core.safety import StandingAnswers, read_answers, save_standing
from backease_desktop.core.scheduler import BreakDue, State
from backease_desktop.core.settings import Settings
from backease_desktop.launch import LaunchRequest
from backease_desktop.platform.reminders import START, NotificationPresenter, Reminders
from backease_desktop.ui import red_flags_dialog, standing_questions
from backease_desktop.ui.player.page import PlayerPage
from backease_desktop.ui.progress import clinician_pdf
from backease_desktop.ui.reminder_window import ReminderWindow
from backease_desktop.ui.tray import ReminderActions
from tests.helpers.app import MakeApp


def player_page(backease: Any) -> PlayerPage:
    page = backease.window.page("player")
    assert isinstance(page, PlayerPage)
    return page


def test_the_first_screen_is_still_the_first_topic(make_app: MakeApp, library: Library) -> None:
    backease = make_app(LaunchRequest())
    assert backease.window.current_page_key() == f"topic:{library.topics[0].id}"
    assert read_answers(backease.settings).standing is None


def test_a_first_start_in_the_tray_meets_the_questions_before_its_first_break(
    make_app: MakeApp,
) -> None:
    backease = make_app(LaunchRequest(tray=True))
    backease.reminders.answer(START)
    page = player_page(backease)
    assert page.currentWidget() is page.standing
    assert backease.player.session is None
    assert backease.reminders.status().state is State.ON_BREAK  # waits for the answers
    page.standing.save_button.click()
    assert page.currentWidget() is page.check


def cancer_uncleared(settings: Settings) -> None:
    save_standing(settings, StandingAnswers(date.today(), ("cancer-history",)))


def test_reminders_stop_offering_the_guided_break_while_a_fact_is_uncleared(
    make_app: MakeApp, quiet: Settings
) -> None:
    backease = make_app(LaunchRequest())
    assert backease.reminders.guided_break_offered()
    cancer_uncleared(quiet)
    assert not backease.reminders.guided_break_offered()
    actions = backease.reminders_host.actions
    actions.refresh()
    assert not actions.take_break_action.isEnabled()
    cancer = ("cancer-history",)
    save_standing(quiet, StandingAnswers(date.today(), cancer, date.today(), cancer))
    assert backease.reminders.guided_break_offered()
    actions.refresh()
    assert actions.take_break_action.isEnabled()


DUE = BreakDue(due_wall=0.0, shown_wall=0.0, after_snooze=False)


class Notifications:
    """Stands in for the notification server: takes actions, records what it was shown."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class Signals(QObject):
            action_invoked = Signal(int, str)
            closed = Signal(int, int)

        self.signals = Signals()
        self.action_invoked = self.signals.action_invoked
        self.closed = self.signals.closed
        self.shown: list[tuple[str, list[tuple[str, str]]]] = []

    def available(self) -> bool:
        return True

    def supports_actions(self) -> bool:
        return True

    def show(self, summary: str, body: str, actions: Any, timeout_ms: int = -1) -> int:
        self.shown.append((body, list(actions)))
        return 7


def due_reminder(settings: Settings, presenter: Any, offered: bool) -> None:
    reminders = Reminders(settings, FakeClock())
    reminders.guided_break_offered = lambda: offered
    reminders.set_presenters([presenter])
    reminders._present(DUE)


@pytest.mark.parametrize("offered", [True, False])
def test_a_notification_offers_the_guided_break_only_when_routines_are_open(
    settings: Settings, qapp: QApplication, offered: bool
) -> None:
    notifications = Notifications()
    presenter = NotificationPresenter(notifications, lambda key: None)  # type: ignore[arg-type]
    due_reminder(settings, presenter, offered)
    ((body, actions),) = notifications.shown
    assert "Stand up and move" in body
    assert ("guided break" in body) is offered
    assert (START in [key for key, _ in actions]) is offered


def test_the_reminder_window_hides_its_start_without_the_guided_break(
    qtbot: QtBot, library: Library
) -> None:
    window = ReminderWindow(library.red_flags)
    qtbot.addWidget(window)
    window.show_reminder(DUE, 30 * 60, guided=False)
    assert not window.start_button.isVisible()
    assert "Stand up and move" in window.message.text()
    assert window.snooze_button.isVisible()
    window.show_reminder(DUE, 30 * 60, guided=True)
    assert window.start_button.isVisible()


def test_the_tray_menu_offers_no_break_routine_without_the_guided_break(
    settings: Settings, qapp: QApplication
) -> None:
    reminders = Reminders(settings, FakeClock())
    actions = ReminderActions(reminders)
    reminders.guided_break_offered = lambda: False
    actions.refresh()
    assert not actions.take_break_action.isEnabled()


def test_the_warning_signs_dialog_opens_the_health_questions(
    make_app: MakeApp, quiet: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    backease = make_app(LaunchRequest())
    opened: list[standing_questions.StandingDialog] = []

    def show_warning_signs(dialog: red_flags_dialog.RedFlagsDialog) -> int:
        button = dialog.review_button
        assert button.text() == "Review health questions…"
        assert button.accessibleName().startswith(button.text())
        button.click()
        return 1

    def answer(dialog: standing_questions.StandingDialog) -> int:
        opened.append(dialog)
        dialog.questions.rows[2].box.setChecked(True)  # pain for more than four weeks
        dialog.questions.save_button.click()
        return 1

    monkeypatch.setattr(red_flags_dialog.RedFlagsDialog, "exec", show_warning_signs)
    monkeypatch.setattr(standing_questions.StandingDialog, "exec", answer)
    backease.window.show_red_flags()
    assert len(opened) == 1
    answers = read_answers(quiet).standing
    assert answers is not None and answers.ticked == ("longer-than-four-weeks",)
    assert answers.asked_on == date.today()


# -- health data stays out of the export and the clinician PDF -----------------------------


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_export_and_the_pdf_code_never_read_the_health_answers() -> None:
    private = (
        "backease_desktop.core.settings",
        "backease_desktop.core.safety",
        "backease_desktop.platform.settings_store",
    )
    package = Path(app_module.__file__).parent
    sources = sorted((package / "core" / "history").glob("*.py")) + sorted(
        (package / "ui" / "progress").glob("*.py")
    )
    assert any(path.name == "export.py" for path in sources)
    assert any(path.name == "clinician_pdf.py" for path in sources)
    for path in sources:
        leaks = {name for name in imported_modules(path) if name.startswith(private)}
        assert leaks == set(), path


def test_the_export_and_the_pdf_hold_no_health_answers(
    settings: Settings, tmp_path: Path, library: Library, qapp: QApplication
) -> None:
    ticked = tuple(sign.id for sign in library.red_flags.standing.signs)
    save_standing(settings, StandingAnswers(date(2026, 1, 1), ticked, date(2026, 1, 1), ticked))
    store = HistoryStore(tmp_path / "history.db", FakeClock(), tz=timezone.utc)
    start = 1_767_225_600.0
    sid = store.start_session("desk-break", "Desk break", start, pain_before=5)
    store.finish_session(sid, start + 120, completed=True, pain_after=3)
    out = io.StringIO(newline="")
    store.export_csv(out)
    summary = store.clinician_summary(weeks=4)
    html = clinician_pdf.header_html(summary) + clinician_pdf.table_html(summary)
    store.close()
    exported = out.getvalue()
    assert "desk-break" in exported  # the session is there; the answers are not
    for text in (exported, html):
        for sign in library.red_flags.standing.signs:
            assert sign.id not in text and sign.text not in text


def test_the_answers_survive_the_settings_file(tmp_path: Path, qapp: QApplication) -> None:
    from backease_desktop.platform.settings_store import QSettingsBackend

    path = tmp_path / "BackEase.conf"
    backend = QSettingsBackend(path)
    answers = StandingAnswers(
        date(2026, 1, 2),
        ("cancer-history", "different-episode"),
        date(2026, 1, 1),
        ("cancer-history",),
    )
    save_standing(Settings(backend), answers)
    backend.sync()
    assert read_answers(Settings(QSettingsBackend(path))).standing == answers
