"""The reminder benchmark's pieces: the app's hook (BACKEASE_BENCH_REMINDERS) reporting a
reminder once it is shown, and the harness matching reports to the Notify calls that
dbus-monitor saw on the bus."""

from __future__ import annotations

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import BreakDue
from backease_desktop.core.settings import Settings
from backease_desktop.platform.reminders import Reminders
from benchmarks import hooks
from benchmarks.cases.reminder import Sent, match_calls, parse_monitor, parse_sent


class Shown:
    name = "desktop notification"

    def __init__(self) -> None:
        self.shown: list[BreakDue] = []

    def show_reminder(self, due: BreakDue, interval_s: float, guided: bool = True) -> bool:
        self.shown.append(due)
        return True

    def close_reminder(self) -> None:
        pass


def test_the_hook_reports_a_reminder_after_it_was_shown(
    settings: Settings, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    reminders = Reminders(settings, fake_clock, interval_override_s=10.0)
    presenter = Shown()
    reminders.set_presenters([presenter])
    reminders.start()
    hooks._ReminderWatcher(reminders, count=2)
    fake_clock.advance(10.0)
    reminders.driver.on_timeout()
    (line,) = capsys.readouterr().out.splitlines()
    word, _, rest = line.partition(" ")
    assert word == hooks.REMINDER_WORD
    sent = parse_sent(rest)
    assert presenter.shown and sent.due == pytest.approx(presenter.shown[0].due_wall)
    assert sent.presenter == "desktop notification"


MONITOR_OUTPUT = (
    "sig\t1000.000100\t2\torg.freedesktop.DBus\t:1.9\t/org/freedesktop/DBus\t"
    "org.freedesktop.DBus\tNameAcquired\n"
    "mc\t1010.012000\t7\t:1.5\torg.freedesktop.Notifications\t/org/freedesktop/Notifications\t"
    "org.freedesktop.Notifications\tNotify\n"
    "mr\t1010.013000\t8\t:1.4\t:1.5\t7\n"
    "mc\t1020.407000\t9\t:1.5\torg.freedesktop.Notifications\t/org/freedesktop/Notifications\t"
    "org.freedesktop.Notifications\tNotify\n"
)


def test_only_notify_calls_are_read_from_the_monitor() -> None:
    assert parse_monitor(MONITOR_OUTPUT) == [1010.012, 1020.407]


def test_each_reminder_takes_its_own_notify_call() -> None:
    sent = [
        Sent(1010.0, 1010.02, "desktop notification"),
        Sent(1020.4, 1020.41, "desktop notification"),
        Sent(1030.7, 1030.71, "tray message"),
    ]
    matched = match_calls(sent, parse_monitor(MONITOR_OUTPUT))
    assert matched == [1010.012, 1020.407, None]
