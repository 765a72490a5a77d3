"""How long the user has been away from the keyboard and mouse, from whatever the desktop offers.

In order of preference:
- GNOME's Mutter idle monitor (D-Bus): watches that fire when idle time reaches the threshold
  and when the user is back. Nothing to poll.
- The X11 screen-saver extension: X has no idle signal, so the idle time is read, rarely.
  While the user is active the next reading is due when the threshold could first be reached
  (the threshold minus the idle time so far: about every 5 minutes while someone works); while
  they are away, once a minute, to notice the return; and not at all while reminders are
  paused, off hours or on a break. Each reading is one round trip to the local X server.
- The screen saver's ActiveChanged signal (D-Bus, any desktop with a screen saver): the away
  time starts when the screen saver comes on. Coarser, since the screen saver has its own
  delay and may be off, so X11 readings are preferred where they exist.
- Nothing: time away is not counted as a break, and the settings dialog says so."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backease_desktop.platform.dbus_typed import (
    DBusCallError,
    Subscriptions,
    TypedInterface,
    service_present,
)
from backease_desktop.platform.session_events import SessionEvents
from backease_desktop.platform.x11 import X11UnavailableError, XIdleTime

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD_S = 5 * 60.0


class IdleMonitor(QObject):
    """Reports absences. `went_idle(idle_for_s)`: the user has not touched anything for that
    long (at least the threshold, or 0 when only the start is known); `returned()`: they are
    back. `name` says where idle time comes from ("" when it cannot be known)."""

    went_idle = Signal(float)
    returned = Signal()
    name = ""

    def __init__(self, threshold_s: float = DEFAULT_THRESHOLD_S, parent: QObject | None = None):
        super().__init__(parent)
        self.threshold_s = threshold_s
        self.watching = True

    @property
    def available(self) -> bool:
        return bool(self.name)

    def set_watching(self, watching: bool) -> None:
        """Whether idle time matters now (it does not while paused, off hours or on a break).
        Sources that must poll stop polling meanwhile."""
        self.watching = watching

    def close(self) -> None:
        """Stops listening (also called when a source fails)."""


class NoIdleMonitor(IdleMonitor):
    """Nothing on this desktop reports idle time."""


MUTTER_SERVICE = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"
_MUTTER_XML = f"""<interface name="{MUTTER_INTERFACE}">
  <method name="GetIdletime"><arg name="idletime" type="t" direction="out"/></method>
  <method name="AddIdleWatch">
    <arg name="interval" type="t" direction="in"/>
    <arg name="id" type="u" direction="out"/>
  </method>
  <method name="AddUserActiveWatch"><arg name="id" type="u" direction="out"/></method>
  <method name="RemoveWatch"><arg name="id" type="u" direction="in"/></method>
</interface>"""


class MutterIdleMonitor(IdleMonitor):
    """GNOME: an idle watch at the threshold, then a one-shot user-active watch."""

    name = "GNOME's idle monitor"

    def __init__(
        self,
        connection: QDBusConnection,
        threshold_s: float = DEFAULT_THRESHOLD_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(threshold_s, parent)
        self._subscriptions = Subscriptions(connection, self)
        self.monitor = self._subscriptions.proxy(
            TypedInterface(
                connection,
                MUTTER_SERVICE,
                MUTTER_PATH,
                MUTTER_INTERFACE,
                _MUTTER_XML,
                methods=("AddIdleWatch", "AddUserActiveWatch", "RemoveWatch"),
            )
        )
        if not self._subscriptions.add(
            MUTTER_SERVICE,
            MUTTER_PATH,
            MUTTER_INTERFACE,
            "WatchFired",
            "_on_watch_fired(QDBusMessage)",
        ):
            self._subscriptions.close()
            raise DBusCallError("cannot listen for WatchFired")
        self.idle_watch: int | None = None
        self.active_watch: int | None = None
        try:
            self.idle_watch = int(
                self.monitor.call(
                    "AddIdleWatch", ("qulonglong", round(threshold_s * 1000)), returns="uint"
                )
            )
        except DBusCallError:
            self._subscriptions.close()
            raise

    @Slot(QDBusMessage)
    def _on_watch_fired(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if not arguments:
            return
        watch = int(arguments[0])
        if watch == self.idle_watch and self.active_watch is None:
            try:
                self.active_watch = int(self.monitor.call("AddUserActiveWatch", returns="uint"))
            except DBusCallError as exc:
                log.warning("idle: cannot watch for the user's return: %s", exc)
                return
            self.went_idle.emit(self.threshold_s)
        elif watch == self.active_watch:
            self.active_watch = None
            self.returned.emit()

    def close(self) -> None:
        for watch in (self.idle_watch, self.active_watch):
            if watch is not None:
                with contextlib.suppress(DBusCallError):
                    self.monitor.call("RemoveWatch", ("uint", watch))
        self.idle_watch = self.active_watch = None
        self._subscriptions.close()


class XIdleMonitor(IdleMonitor):
    """X11: reads the idle time now and then (see the module docstring for how rarely)."""

    name = "the X11 screen-saver extension"
    AWAY_POLL_S = 60.0
    MIN_POLL_S = 10.0

    def __init__(
        self,
        read_idle_ms: Callable[[], int],
        threshold_s: float = DEFAULT_THRESHOLD_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(threshold_s, parent)
        self.read_idle_ms = read_idle_ms
        self.away = False
        self._last_idle_s = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A few seconds late is fine here, and lets the system batch wake-ups.
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.poll)
        # The first reading comes from the event loop, once listeners are connected.
        self._schedule(0)

    def set_watching(self, watching: bool) -> None:
        was_watching = self.watching
        super().set_watching(watching)
        if not watching:
            self.timer.stop()
        elif not was_watching:
            self.poll()

    def poll(self) -> None:
        try:
            idle_s = self.read_idle_ms() / 1000.0
        except X11UnavailableError as exc:
            log.warning("idle: stopped reading X11 idle time: %s", exc)
            self.name = ""
            self.timer.stop()
            return
        last_idle_s, self._last_idle_s = self._last_idle_s, idle_s
        if self.away:
            if idle_s >= last_idle_s:
                self._schedule(self.AWAY_POLL_S)
                return
            self.away = False
            self.returned.emit()
        if idle_s >= self.threshold_s:
            self.away = True
            self.went_idle.emit(idle_s)
            self._schedule(self.AWAY_POLL_S)
        else:
            self._schedule(self.threshold_s - idle_s)

    def _schedule(self, seconds: float) -> None:
        if self.watching:
            self.timer.start(round(max(seconds, self.MIN_POLL_S) * 1000))

    def close(self) -> None:
        self.timer.stop()


class ScreenSaverIdleMonitor(IdleMonitor):
    """Any desktop with a screen saver on D-Bus: away from when it comes on until it goes
    off. The time before it came on is not known, so it is not counted."""

    name = "the screen saver"

    def __init__(
        self,
        events: SessionEvents,
        threshold_s: float = DEFAULT_THRESHOLD_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(threshold_s, parent)
        events.screen_locked.connect(self._on_screen_saver_on)
        events.screen_unlocked.connect(self.returned)

    def _on_screen_saver_on(self) -> None:
        self.went_idle.emit(0.0)


def create_idle_monitor(
    session_bus: QDBusConnection,
    platform_name: str,
    events: SessionEvents,
    threshold_s: float = DEFAULT_THRESHOLD_S,
    parent: QObject | None = None,
) -> IdleMonitor:
    """The best source of idle time this desktop offers."""
    if session_bus.isConnected() and service_present(session_bus, MUTTER_SERVICE):
        try:
            return MutterIdleMonitor(session_bus, threshold_s, parent)
        except DBusCallError as exc:
            log.info("idle: Mutter's idle monitor did not answer: %s", exc)
    if platform_name == "xcb":
        try:
            reader = XIdleTime()
            return XIdleMonitor(reader.idle_ms, threshold_s, parent)
        except X11UnavailableError as exc:
            log.info("idle: no X11 idle time: %s", exc)
    if events.lock_source:
        return ScreenSaverIdleMonitor(events, threshold_s, parent)
    log.info("idle: this desktop does not report idle time; time away is not counted")
    return NoIdleMonitor(threshold_s, parent)
