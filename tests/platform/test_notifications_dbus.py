"""Reminders against real D-Bus: a private bus daemon, and a fake desktop in a helper process
(this file, run as a script) that plays the notification server, GNOME's idle monitor and
session manager, logind and the screen saver, records every call and emits signals on cue.

The helper is a separate process because the app's calls to these services block until they
answer, as they would with the real ones."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from backease_desktop.core.scheduler import Cause, Outcome

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmpdir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# No <servicedir>: nothing on this bus is started on demand, so "no notification server"
# really means none (a session bus would offer to start the system's dunst).

CONTROL = "io.github.backease.FakeDesktop"


# --- the fake desktop (runs in the helper process) -----------------------------------------


def serve(address: str, capabilities: list[str]) -> None:
    from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, Signal, Slot
    from PySide6.QtDBus import QDBusConnection, QDBusObjectPath

    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-desktop")
    calls: list[list[Any]] = []
    ids = count(1)

    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
    class Notifications(QObject):
        ActionInvoked = Signal("uint", str)
        NotificationClosed = Signal("uint", "uint")

        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):  # type: ignore[no-untyped-def]
            calls.append(["Notify", app_name, replaces_id, summary, body, list(actions), timeout])
            return next(ids)

        @Slot("uint")
        def CloseNotification(self, notification_id):  # type: ignore[no-untyped-def]
            calls.append(["CloseNotification", notification_id])
            self.NotificationClosed.emit(notification_id, 3)

        @Slot(result="QStringList")
        def GetCapabilities(self):  # type: ignore[no-untyped-def]
            return capabilities

    @ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
    class IdleMonitor(QObject):
        WatchFired = Signal("uint")

        @Slot("qulonglong", result="uint")
        def AddIdleWatch(self, interval_ms):  # type: ignore[no-untyped-def]
            calls.append(["AddIdleWatch", interval_ms])
            return next(ids)

        @Slot(result="uint")
        def AddUserActiveWatch(self):  # type: ignore[no-untyped-def]
            calls.append(["AddUserActiveWatch"])
            return next(ids)

        @Slot("uint")
        def RemoveWatch(self, watch):  # type: ignore[no-untyped-def]
            calls.append(["RemoveWatch", watch])

    @ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
    class SessionManager(QObject):
        InhibitorAdded = Signal(QDBusObjectPath)
        InhibitorRemoved = Signal(QDBusObjectPath)

        def __init__(self) -> None:
            super().__init__()
            self.flags = 0

        def inhibited_actions(self) -> int:
            return self.flags

        InhibitedActions = Property("uint", inhibited_actions)

    @ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Manager"})
    class Logind(QObject):
        PrepareForSleep = Signal(bool)

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        ActiveChanged = Signal(bool)

    notifications, idle, session, logind, saver = (
        Notifications(),
        IdleMonitor(),
        SessionManager(),
        Logind(),
        ScreenSaver(),
    )

    @ClassInfo({"D-Bus Interface": CONTROL})
    class Control(QObject):
        @Slot(result=str)
        def Calls(self):  # type: ignore[no-untyped-def]
            return json.dumps(calls)

        @Slot(int, str)
        def InvokeAction(self, notification_id, key):  # type: ignore[no-untyped-def]
            notifications.ActionInvoked.emit(notification_id, key)

        @Slot(int, int)
        def CloseWithReason(self, notification_id, reason):  # type: ignore[no-untyped-def]
            notifications.NotificationClosed.emit(notification_id, reason)

        @Slot(int)
        def FireWatch(self, watch):  # type: ignore[no-untyped-def]
            idle.WatchFired.emit(watch)

        @Slot(int)
        def SetInhibited(self, flags):  # type: ignore[no-untyped-def]
            session.flags = flags
            session.InhibitorAdded.emit(QDBusObjectPath("/org/gnome/SessionManager/Inhibitor1"))

        @Slot(bool)
        def PrepareForSleep(self, going):  # type: ignore[no-untyped-def]
            logind.PrepareForSleep.emit(going)

        @Slot(bool)
        def ScreenSaverActive(self, active):  # type: ignore[no-untyped-def]
            saver.ActiveChanged.emit(active)

    control = Control()
    everything = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllSignals
        | QDBusConnection.RegisterOption.ExportAllProperties
    )
    for path, obj in (
        ("/org/freedesktop/Notifications", notifications),
        ("/org/gnome/Mutter/IdleMonitor/Core", idle),
        ("/org/gnome/SessionManager", session),
        ("/org/freedesktop/login1", logind),
        ("/org/freedesktop/ScreenSaver", saver),
        ("/control", control),
    ):
        bus.registerObject(path, obj, everything)
    services = [CONTROL, "org.gnome.Mutter.IdleMonitor", "org.gnome.SessionManager"]
    services += ["org.freedesktop.login1", "org.freedesktop.ScreenSaver"]
    if capabilities != ["none"]:
        services.append("org.freedesktop.Notifications")
    for service in services:
        bus.registerService(service)
    print("ready", flush=True)
    app.exec()


# --- fixtures --------------------------------------------------------------------------------

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="dbus-daemon is not installed"
)


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    config = tmp_path / "bus.conf"
    config.write_text(BUS_CONFIG.format(tmpdir=tmp_path))
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(10)


def start_fake_desktop(address: str, capabilities: str = "actions,body") -> subprocess.Popen[str]:
    helper = subprocess.Popen(
        [sys.executable, __file__, address, capabilities],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert helper.stdout is not None
    assert helper.stdout.readline().strip() == "ready"
    return helper


@pytest.fixture
def fake_desktop(bus_address: str) -> Iterator[subprocess.Popen[str]]:
    helper = start_fake_desktop(bus_address)
    yield helper
    helper.terminate()
    helper.wait(10)


_connections = count()


@pytest.fixture
def closing() -> list[Callable[[], None]]:
    """close() of everything a test connected to the bus, called before the bus goes away
    (as the app does on quit: see platform.dbus_typed.Subscriptions)."""
    return []


@pytest.fixture
def bus(bus_address: str, qapp: object, closing: list[Callable[[], None]]) -> Iterator[Any]:
    from PySide6.QtDBus import QDBusConnection

    name = f"backease-test-{next(_connections)}"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected()
    yield connection
    for close in reversed(closing):
        close()
    QDBusConnection.disconnectFromBus(name)


def control(bus: Any, method: str, *args: object) -> list[Any]:
    from PySide6.QtDBus import QDBus, QDBusMessage

    message = QDBusMessage.createMethodCall(CONTROL, "/control", CONTROL, method)
    message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.BlockWithGui, 5000)
    assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
    return list(reply.arguments())


def recorded(bus: Any, method: str) -> list[list[Any]]:
    calls = json.loads(control(bus, "Calls")[0])
    return [call[1:] for call in calls if call[0] == method]


@pytest.fixture
def reminders(settings: Any, fake_clock: Any, bus: Any, closing: list[Callable[[], None]]) -> Any:
    from backease_desktop.core.settings import Options
    from backease_desktop.platform.notifications import DesktopNotifications
    from backease_desktop.platform.reminders import NotificationPresenter, Reminders

    settings.set(Options.break_interval_min, 30)
    reminders = Reminders(settings, fake_clock)
    closing.append(reminders.close_desktop)
    notifications = DesktopNotifications(bus, parent=reminders)
    reminders.notifications = notifications
    reminders.set_presenters([NotificationPresenter(notifications, reminders.answer, reminders)])
    reminders.start()
    return reminders


@pytest.fixture
def bare_reminders(settings: Any, fake_clock: Any) -> Any:
    """The reminders with no presenter and no desktop service attached yet: each test below
    attaches the one it is about."""
    from backease_desktop.platform.reminders import Reminders

    return Reminders(settings, fake_clock)


def reach_the_break(reminders: Any, fake_clock: Any) -> None:
    fake_clock.advance(30 * 60)
    reminders.driver.on_timeout()


def first_reminder_shown_by(
    reminders: Any, notifications: Any, fallback: Any, fake_clock: Any, qtbot: Any
) -> list[Any]:
    """Offers the reminders the desktop's notifications, then `fallback`; runs to the first
    break and returns what the reminder_shown signal named (the presenter that showed it)."""
    from backease_desktop.platform.reminders import NotificationPresenter

    reminders.set_presenters([NotificationPresenter(notifications, reminders.answer), fallback])
    reminders.start()
    with qtbot.waitSignal(reminders.reminder_shown) as shown:
        fake_clock.advance(30 * 60)
        reminders.driver.on_timeout()
    return list(shown.args)


# --- the notification ------------------------------------------------------------------------


def test_due_break_sends_a_notification_with_three_actions(
    fake_desktop: object, bus: Any, reminders: Any, fake_clock: Any
) -> None:
    reach_the_break(reminders, fake_clock)
    [(app_name, replaces_id, summary, _body, actions, timeout)] = recorded(bus, "Notify")
    assert app_name == "BackEase"
    assert replaces_id == 0
    assert summary == "Time for a desk break"
    assert actions == ["start", "Start break", "snooze", "Snooze 10 min", "skip", "Skip"]
    assert timeout == 0  # stays until answered; a missed reminder is closed by the app


def test_start_break_action_requests_the_break(
    fake_desktop: object, bus: Any, reminders: Any, fake_clock: Any, qtbot: Any
) -> None:
    reach_the_break(reminders, fake_clock)
    notification_id = reminders.showing.notification_id
    with qtbot.waitSignal(reminders.break_start_requested, timeout=5000):
        control(bus, "InvokeAction", notification_id, "start")
    assert reminders.status().state.value == "on_break"


# An answer on the notification, what the reminders report, and when the next break is due
# (None: not looked at; a missed reminder's next countdown is the scheduler tests' business).
ANSWERS = {
    "snooze": (("InvokeAction", "snooze"), Outcome.SNOOZED, None, 600),
    "skip": (("InvokeAction", "skip"), Outcome.SKIPPED, None, 30 * 60),
    "dismissed": (("CloseWithReason", 2), Outcome.MISSED, Cause.DISMISSED, None),
    "expired": (("CloseWithReason", 1), Outcome.MISSED, Cause.UNANSWERED, None),
}


@pytest.mark.parametrize(
    ("answer", "outcome", "cause", "next_break_s"), ANSWERS.values(), ids=ANSWERS.keys()
)
def test_each_answer_on_the_notification_is_reported_as_its_outcome(
    fake_desktop: object,
    bus: Any,
    reminders: Any,
    fake_clock: Any,
    qtbot: Any,
    answer: tuple[str, object],
    outcome: Outcome,
    cause: Cause | None,
    next_break_s: float | None,
) -> None:
    reach_the_break(reminders, fake_clock)
    method, argument = answer
    notification_id = reminders.showing.notification_id
    with qtbot.waitSignal(reminders.break_outcome, timeout=5000) as reported:
        control(bus, method, notification_id, argument)
    assert reported.args[0].outcome is outcome
    if cause is not None:
        assert reported.args[0].cause is cause
    if next_break_s is not None:
        assert reminders.status().seconds_to_break == pytest.approx(next_break_s)


def test_unanswered_reminder_is_taken_off_the_screen(
    fake_desktop: object, bus: Any, reminders: Any, fake_clock: Any
) -> None:
    reach_the_break(reminders, fake_clock)
    notification_id = reminders.showing.notification_id
    fake_clock.advance(5 * 60)
    reminders.driver.on_timeout()
    assert recorded(bus, "CloseNotification") == [[notification_id]]


def test_actions_on_other_notifications_are_ignored(
    fake_desktop: object, bus: Any, reminders: Any, fake_clock: Any, qtbot: Any
) -> None:
    reach_the_break(reminders, fake_clock)
    notification_id = reminders.showing.notification_id
    started: list[bool] = []
    reminders.break_start_requested.connect(lambda: started.append(True))
    control(bus, "InvokeAction", notification_id + 100, "start")
    # The bus delivers one sender's signals in order: once the answer sent after it is
    # heard, the action on the other notification has been heard too.
    with qtbot.waitSignal(reminders.break_outcome, timeout=5000) as reported:
        control(bus, "InvokeAction", notification_id, "snooze")
    assert started == []
    assert reported.args[0].outcome is Outcome.SNOOZED  # the reminder was still waiting


# --- fallbacks ------------------------------------------------------------------------------


def test_without_a_notification_server_the_tray_message_is_used(
    bus: Any,
    bare_reminders: Any,
    fake_clock: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    closing: list[Callable[[], None]],
) -> None:
    from backease_desktop.platform.notifications import DesktopNotifications
    from backease_desktop.ui import tray as tray_module
    from backease_desktop.ui.tray import ReminderActions, TrayIcon, TrayMessagePresenter

    monkeypatch.setattr(tray_module, "system_tray_available", lambda: True)
    reminders = bare_reminders
    tray = TrayIcon(reminders, ReminderActions(reminders))
    tray.show()
    notifications = DesktopNotifications(bus, parent=reminders)
    closing.append(notifications.close)
    fallback = TrayMessagePresenter(tray, reminders.answer)
    assert first_reminder_shown_by(reminders, notifications, fallback, fake_clock, qtbot) == [
        "tray message"
    ]
    with qtbot.waitSignal(reminders.break_start_requested):
        tray.messageClicked.emit()


def test_a_server_without_action_buttons_is_passed_over(
    bus_address: str,
    bus: Any,
    settings: Any,
    fake_clock: Any,
    qtbot: Any,
    library: Any,
    closing: list[Callable[[], None]],
) -> None:
    from backease_desktop.platform.notifications import DesktopNotifications
    from backease_desktop.platform.reminders import Reminders
    from backease_desktop.ui.reminder_window import ReminderWindow, ReminderWindowPresenter

    helper = start_fake_desktop(bus_address, capabilities="body")
    try:
        reminders = Reminders(settings, fake_clock)
        windows: list[ReminderWindow] = []

        def build() -> ReminderWindow:
            windows.append(ReminderWindow(library.red_flags))
            qtbot.addWidget(windows[-1])
            return windows[-1]

        notifications = DesktopNotifications(bus)
        closing.append(notifications.close)
        fallback = ReminderWindowPresenter(build, reminders.answer)
        shown = first_reminder_shown_by(reminders, notifications, fallback, fake_clock, qtbot)
        assert shown == ["reminder window"]
        assert windows[0].isVisible()
    finally:
        helper.terminate()
        helper.wait(10)


# --- other desktop services over the same bus -------------------------------------------------


def test_mutter_idle_watch_is_set_at_the_threshold_in_milliseconds(
    fake_desktop: object, bus: Any, closing: list[Callable[[], None]]
) -> None:
    from backease_desktop.platform.idle import MutterIdleMonitor

    closing.append(MutterIdleMonitor(bus, threshold_s=300).close)
    assert recorded(bus, "AddIdleWatch") == [[300_000]]


def test_away_five_minutes_by_mutter_restarts_the_countdown_on_return(
    fake_desktop: object,
    bus: Any,
    bare_reminders: Any,
    fake_clock: Any,
    qtbot: Any,
    closing: list[Callable[[], None]],
) -> None:
    from backease_desktop.platform.idle import MutterIdleMonitor

    reminders = bare_reminders
    monitor = MutterIdleMonitor(bus, threshold_s=300)
    closing.append(monitor.close)
    reminders.attach_idle_monitor(monitor)
    reminders.start()
    fake_clock.advance(20 * 60)
    with qtbot.waitSignal(reminders.status_changed):
        control(bus, "FireWatch", monitor.idle_watch)
    assert reminders.status().state.value == "away"
    assert recorded(bus, "AddUserActiveWatch") == [[]]
    fake_clock.advance(3 * 60)
    with qtbot.waitSignal(reminders.status_changed):
        control(bus, "FireWatch", monitor.active_watch)
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)


def test_logind_wake_after_a_long_sleep_restarts_the_countdown(
    fake_desktop: object,
    bus: Any,
    bare_reminders: Any,
    fake_clock: Any,
    qtbot: Any,
    closing: list[Callable[[], None]],
) -> None:
    from backease_desktop.platform.session_events import SessionEvents

    reminders = bare_reminders
    events = SessionEvents(system_bus=bus, session_bus=bus, watch_clock=False)
    closing.append(events.close)
    reminders.attach_session_events(events)
    reminders.start()
    assert events.sleep_source == "logind"
    fake_clock.advance(20 * 60)
    with qtbot.waitSignal(events.about_to_sleep):
        control(bus, "PrepareForSleep", True)
    fake_clock.suspend(60 * 60)
    with qtbot.waitSignal(events.woke):
        control(bus, "PrepareForSleep", False)
    assert reminders.status().seconds_to_break == pytest.approx(30 * 60)


def test_screen_saver_reports_lock_and_unlock_once_each(
    fake_desktop: object, bus: Any, qtbot: Any, closing: list[Callable[[], None]]
) -> None:
    from backease_desktop.platform.session_events import SessionEvents

    events = SessionEvents(system_bus=bus, session_bus=bus, watch_clock=False)
    closing.append(events.close)
    with qtbot.waitSignal(events.screen_locked):
        control(bus, "ScreenSaverActive", True)
    with qtbot.waitSignal(events.screen_unlocked):
        control(bus, "ScreenSaverActive", False)


def test_gnome_idle_inhibitor_holds_the_reminder_until_it_ends(
    fake_desktop: object,
    bus: Any,
    bare_reminders: Any,
    fake_clock: Any,
    qtbot: Any,
    closing: list[Callable[[], None]],
) -> None:
    from backease_desktop.platform.do_not_disturb import DoNotDisturb, GnomeInhibitorWatcher

    reminders = bare_reminders
    shown: list[str] = []
    reminders.reminder_shown.connect(shown.append)

    class Window:
        name = "reminder window"

        def show_reminder(self, due: object, interval_s: float, guided: bool = True) -> bool:
            return True

        def close_reminder(self) -> None:
            pass

    reminders.set_presenters([Window()])
    dnd = DoNotDisturb([GnomeInhibitorWatcher(bus)])
    closing.append(dnd.close)
    reminders.attach_do_not_disturb(dnd)
    reminders.start()
    with qtbot.waitSignal(dnd.changed):
        control(bus, "SetInhibited", 8)  # a video call keeps the session from going idle
    fake_clock.advance(30 * 60)
    reminders.driver.on_timeout()
    assert shown == []
    assert reminders.status().state.value == "waiting_for_do_not_disturb"
    with qtbot.waitSignal(dnd.changed):
        control(bus, "SetInhibited", 0)
    assert shown == ["reminder window"]


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2].split(",") if len(sys.argv) > 2 else ["actions", "body"])
