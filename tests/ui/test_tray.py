"""The tray icon and its menu, driven with a fake clock: each action does what its label says,
the tooltip says when the next break is, and the icon shows when reminders are paused."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QMenu, QWidget

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import Outcome, State
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.reminders import Reminders
from backease_desktop.ui import tray as tray_module
from backease_desktop.ui.tray import CloseToTray, ReminderActions, TrayIcon, status_text


@pytest.fixture
def reminders(settings: Settings, fake_clock: FakeClock) -> Reminders:
    reminders = Reminders(settings, fake_clock)
    reminders.start()
    return reminders


@pytest.fixture
def tray(reminders: Reminders) -> TrayIcon:
    return TrayIcon(reminders, ReminderActions(reminders))


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]


def due_now(reminders: Reminders, clock: FakeClock) -> None:
    clock.advance(30 * 60)
    reminders.driver.on_timeout()


def local_clock(reminders: Reminders, seconds_from_now: float) -> str:
    moment = reminders.status().now + timedelta(seconds=seconds_from_now)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def test_menu_has_every_item_the_issue_lists(tray: TrayIcon) -> None:
    tray.menu.aboutToShow.emit()
    texts = menu_texts(tray.menu)
    for expected in (
        "Open BackEase",
        "Take a break now",
        "Snooze 10 minutes",
        "Pause reminders",
        "Settings…",
        "Quit",
    ):
        assert expected in texts
    assert menu_texts(tray.actions.pause_menu) == [
        "For 1 hour",
        "Until tomorrow",
        "Until I resume them",
    ]


def test_menu_opens_with_how_long_until_the_next_break(
    tray: TrayIcon, fake_clock: FakeClock
) -> None:
    fake_clock.advance(12 * 60)
    tray.menu.aboutToShow.emit()
    assert tray.actions.status_action.text().endswith("(in 18 min)")


def test_take_a_break_now_starts_the_break_and_holds_the_countdown(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock, qtbot: Any
) -> None:
    fake_clock.advance(10 * 60)
    with qtbot.waitSignal(reminders.break_start_requested):
        tray.actions.take_break_action.trigger()
    assert reminders.status().state is State.ON_BREAK
    fake_clock.advance(2 * 60)
    with qtbot.waitSignal(reminders.break_outcome) as outcome:
        reminders.break_ended(True)
    assert outcome.args[0].outcome is Outcome.TAKEN
    assert outcome.args[0].completed is True
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)


def test_snooze_is_offered_only_while_a_break_is_due(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock
) -> None:
    tray.menu.aboutToShow.emit()
    assert not tray.actions.snooze_action.isEnabled()
    due_now(reminders, fake_clock)
    tray.menu.aboutToShow.emit()
    assert tray.actions.snooze_action.isEnabled()
    tray.actions.snooze_action.trigger()
    assert reminders.status().state is State.SNOOZED
    assert reminders.status().seconds_to_break == pytest.approx(10 * 60)


def test_skip_appears_while_due_and_restarts_the_countdown(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock, qtbot: Any
) -> None:
    tray.menu.aboutToShow.emit()
    assert "Skip this break" not in menu_texts(tray.menu)
    due_now(reminders, fake_clock)
    tray.menu.aboutToShow.emit()
    assert "Skip this break" in menu_texts(tray.menu)
    with qtbot.waitSignal(reminders.break_outcome) as outcome:
        tray.actions.skip_action.trigger()
    assert outcome.args[0].outcome is Outcome.SKIPPED


def test_pause_for_an_hour_shows_the_paused_icon_until_it_ends(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock, settings: Settings
) -> None:
    active_icon = tray.icon().cacheKey()
    tray.actions.pause_hour_action.trigger()
    assert reminders.status().state is State.PAUSED
    assert tray.icon().cacheKey() != active_icon
    assert tray.toolTip() == f"BackEase\nReminders paused until {local_clock(reminders, 3600)}"
    assert settings.get(Options.reminders_paused_until) != ""
    fake_clock.advance(3600)
    reminders.driver.on_timeout()
    assert reminders.status().state is State.COUNTING
    assert tray.toolTip().startswith("BackEase\nNext break at")
    assert settings.get(Options.reminders_paused_until) == ""


def test_pause_until_tomorrow_ends_the_next_morning(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock
) -> None:
    fake_clock.advance((16 - reminders.status().now.hour) % 24 * 3600)  # a local afternoon
    tray.actions.pause_tomorrow_action.trigger()
    status = reminders.status()
    assert status.state is State.PAUSED
    assert status.paused_until is not None
    assert status.paused_until.date() == status.now.date() + timedelta(days=1)


def test_pause_until_resumed_survives_a_restart_and_resume_ends_it(
    tray: TrayIcon, reminders: Reminders, settings: Settings, fake_clock: FakeClock
) -> None:
    tray.actions.pause_resumed_action.trigger()
    tray.menu.aboutToShow.emit()
    assert tray.actions.resume_action.isVisible()
    assert not tray.actions.pause_menu.menuAction().isVisible()

    restarted = Reminders(settings, fake_clock)
    restarted.start()
    assert restarted.status().state is State.PAUSED
    actions = ReminderActions(restarted)
    actions.resume_action.trigger()
    assert restarted.status().state is State.COUNTING
    assert settings.get(Options.reminders_paused_until) == ""


def test_tooltip_says_when_the_next_break_is(tray: TrayIcon, reminders: Reminders) -> None:
    assert tray.toolTip() == f"BackEase\nNext break at {local_clock(reminders, 30 * 60)}"


def test_hovering_adds_the_minutes_left(
    tray: TrayIcon, reminders: Reminders, fake_clock: FakeClock
) -> None:
    fake_clock.advance(20 * 60)
    tray.event(QEvent(QEvent.Type.ToolTip))
    assert tray.toolTip().endswith("(in 10 min)")


def test_nothing_ticks_between_reminders(reminders: Reminders, tray: TrayIcon) -> None:
    running = [t for t in reminders.findChildren(QTimer) if t.isActive()]
    running += [t for t in tray.findChildren(QTimer) if t.isActive()]
    assert running == [reminders.driver.timer]
    assert reminders.driver.timer.isSingleShot()


def test_open_and_quit_ask_the_app(tray: TrayIcon, qtbot: Any) -> None:
    with qtbot.waitSignal(tray.actions.open_requested):
        tray.actions.open_action.trigger()
    with qtbot.waitSignal(tray.actions.quit_requested):
        tray.actions.quit_action.trigger()
    with qtbot.waitSignal(tray.actions.settings_requested):
        tray.actions.settings_action.trigger()


def test_clicking_the_icon_opens_the_window(tray: TrayIcon, qtbot: Any) -> None:
    with qtbot.waitSignal(tray.actions.open_requested):
        tray.activated.emit(tray.ActivationReason.Trigger)


def test_closing_the_window_hides_it_while_the_tray_shows(
    tray: TrayIcon, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tray_module, "system_tray_available", lambda: True)
    tray.show()
    window = QWidget()
    qtbot.addWidget(window)
    closer = CloseToTray(window, tray)
    window.show()
    with qtbot.waitSignal(closer.hidden_to_tray):
        closer.user_closed()
    assert not window.isVisible()


def test_closing_the_window_without_a_tray_quits(
    tray: TrayIcon, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tray_module, "system_tray_available", lambda: False)
    window = QWidget()
    qtbot.addWidget(window)
    closer = CloseToTray(window, tray)
    window.show()
    with qtbot.waitSignal(closer.quit_requested):
        closer.user_closed()


def test_the_apps_own_closes_go_through(
    tray: TrayIcon, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tray_module, "system_tray_available", lambda: True)
    tray.show()
    window = QWidget()
    qtbot.addWidget(window)
    closer = CloseToTray(window, tray)
    window.show()
    with qtbot.assertNotEmitted(closer.hidden_to_tray):
        window.close()  # as Qt does for every window when the app quits
    assert not window.isVisible()


def test_status_text_names_the_day_of_a_pause_ending_later_in_the_week(
    reminders: Reminders,
) -> None:
    from backease_desktop.core.scheduler import Status

    now = datetime(2026, 3, 2, 16, 0).astimezone()  # a Monday
    status = Status(State.PAUSED, now, paused_until=now + timedelta(days=2, hours=-7))
    assert status_text(status).startswith("Reminders paused until ")
    assert status_text(status).endswith(" 09:00")
    assert "2026" not in status_text(status)
