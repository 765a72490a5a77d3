"""Do not disturb: is the user watching or presenting something that a reminder should not
interrupt? Yes when another application's window is full screen and active (X11:
_NET_ACTIVE_WINDOW and _NET_WM_STATE_FULLSCREEN), or when an application keeps the screen
saver off (a video call, a film, slides: GNOME's session manager and KDE's power management
say so over D-Bus).

Every source reports changes as they happen (X property-change events, D-Bus signals); no
source is polled."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher, QDBusVariant

from backease_desktop.platform.dbus_typed import (
    DBusCallError,
    Subscriptions,
    TypedInterface,
    service_present,
)
from backease_desktop.platform.x11 import (
    ATOM_ATOM,
    ATOM_CARDINAL,
    ATOM_WINDOW,
    X11UnavailableError,
    XConnection,
)

log = logging.getLogger(__name__)


class Watcher(QObject):
    """One source of do-not-disturb. `active` is its current answer; `changed` fires when
    it changes; `name` says what it watches, for the settings dialog."""

    changed = Signal(bool)
    name = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = False

    def close(self) -> None:
        """Stops watching."""

    def _set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.changed.emit(active)


class FullScreenWatcher(Watcher):
    """Another application's active window is full screen (X11, EWMH window managers).

    Watches the root window's _NET_ACTIVE_WINDOW and the active window's _NET_WM_STATE.
    BackEase's own windows (by _NET_WM_PID) do not count: a routine played full screen is
    the break itself."""

    name = "full-screen windows"

    def __init__(
        self, connection: XConnection, own_pid: int | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.x = connection
        self.own_pid = os.getpid() if own_pid is None else own_pid
        self._active_window_atom = connection.atom("_NET_ACTIVE_WINDOW")
        self._state_atom = connection.atom("_NET_WM_STATE")
        self._full_screen_atom = connection.atom("_NET_WM_STATE_FULLSCREEN")
        self._pid_atom = connection.atom("_NET_WM_PID")
        self.window = 0
        connection.watch_properties(connection.root)
        self._notifier = QSocketNotifier(connection.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.on_readable)
        self.recheck()
        self.on_readable()

    def on_readable(self) -> None:
        # Replies read while rechecking can pull queued events into xcb's buffer, where the
        # socket no longer shows them: drain until nothing relevant is left.
        while True:
            changes = self.x.property_changes()
            if self.x.broken:
                log.warning("do not disturb: lost the X connection")
                self._notifier.setEnabled(False)
                self._set_active(False)
                return
            relevant = any(
                (window == self.x.root and atom == self._active_window_atom)
                or (window == self.window and atom == self._state_atom)
                for window, atom in changes
            )
            if not relevant:
                return
            self.recheck()

    def recheck(self) -> None:
        active = next(iter(self.x.cardinals(self.x.root, self._active_window_atom, ATOM_WINDOW)), 0)
        if active != self.window:
            if self.window:
                self.x.watch_properties(self.window, watch=False)
            if active:
                self.x.watch_properties(active)
            self.window = active
        full_screen = (
            active != 0
            and self._full_screen_atom in self.x.cardinals(active, self._state_atom, ATOM_ATOM)
            and self.own_pid not in self.x.cardinals(active, self._pid_atom, ATOM_CARDINAL, 1)
        )
        self._set_active(full_screen)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self.x.close()


GNOME_SESSION = "org.gnome.SessionManager"
GNOME_SESSION_PATH = "/org/gnome/SessionManager"
_GNOME_INHIBIT_IDLE = 8  # GsmInhibitorFlag: "the session should not be marked idle"


class GnomeInhibitorWatcher(Watcher):
    """An application asked GNOME's session manager to keep the session from going idle
    (what video players, video calls and presentation tools do)."""

    name = "apps keeping the screen on"

    def __init__(self, connection: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self._subscriptions = Subscriptions(connection, self)
        for signal in ("InhibitorAdded", "InhibitorRemoved"):
            self._subscriptions.add(
                GNOME_SESSION,
                GNOME_SESSION_PATH,
                GNOME_SESSION,
                signal,
                "_on_inhibitors_changed(QDBusMessage)",
            )
        self._pending: QDBusPendingCallWatcher | None = None
        self.refresh()

    def close(self) -> None:
        self._subscriptions.close()

    @Slot(QDBusMessage)
    def _on_inhibitors_changed(self, _message: QDBusMessage) -> None:
        self.refresh()

    def refresh(self) -> None:
        message = QDBusMessage.createMethodCall(
            GNOME_SESSION, GNOME_SESSION_PATH, "org.freedesktop.DBus.Properties", "Get"
        )
        message.setArguments([GNOME_SESSION, "InhibitedActions"])
        self._pending = QDBusPendingCallWatcher(self.connection.asyncCall(message), self)
        self._pending.finished.connect(self._on_reply)

    def _on_reply(self, watcher: QDBusPendingCallWatcher) -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return
        value = reply.arguments()[0]
        if isinstance(value, QDBusVariant):
            value = value.variant()
        try:
            flags = int(value)
        except (TypeError, ValueError):
            return
        self._set_active(bool(flags & _GNOME_INHIBIT_IDLE))


KDE_POLICY_AGENT = "org.kde.Solid.PowerManagement.PolicyAgent"
KDE_POLICY_AGENT_PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"
_KDE_CHANGE_SCREEN_SETTINGS = 4  # PolicyAgent::ChangeScreenSettings: keep the screen on
_KDE_XML = f"""<interface name="{KDE_POLICY_AGENT}">
  <method name="HasInhibition">
    <arg name="policies" type="u" direction="in"/>
    <arg name="inhibited" type="b" direction="out"/>
  </method>
</interface>"""


class KdeInhibitorWatcher(Watcher):
    """An application asked KDE's power management to keep the screen on."""

    name = "apps keeping the screen on"

    def __init__(self, connection: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._subscriptions = Subscriptions(connection, self)
        self.agent = self._subscriptions.proxy(
            TypedInterface(
                connection,
                KDE_POLICY_AGENT,
                KDE_POLICY_AGENT_PATH,
                KDE_POLICY_AGENT,
                _KDE_XML,
                methods=("HasInhibition",),
            )
        )
        self._subscriptions.add(
            KDE_POLICY_AGENT,
            KDE_POLICY_AGENT_PATH,
            KDE_POLICY_AGENT,
            "InhibitionsChanged",
            "_on_inhibitions_changed(QDBusMessage)",
        )
        self.refresh()

    def close(self) -> None:
        self._subscriptions.close()

    @Slot(QDBusMessage)
    def _on_inhibitions_changed(self, _message: QDBusMessage) -> None:
        self.refresh()

    def refresh(self) -> None:
        try:
            inhibited = self.agent.call(
                "HasInhibition", ("uint", _KDE_CHANGE_SCREEN_SETTINGS), returns="bool"
            )
        except DBusCallError as exc:
            log.info("do not disturb: KDE inhibitions unknown: %s", exc)
            return
        self._set_active(bool(inhibited))


class DoNotDisturb(QObject):
    """Active while any of its watchers is. `sources` names what is watched ([] when
    nothing can be: then reminders show regardless)."""

    changed = Signal(bool)

    def __init__(self, watchers: Sequence[Watcher] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watchers = list(watchers)
        self.active = any(w.active for w in self.watchers)
        for watcher in self.watchers:
            watcher.setParent(self)
            watcher.changed.connect(self._update)

    def close(self) -> None:
        for watcher in self.watchers:
            watcher.close()

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(w.name for w in self.watchers))

    def _update(self) -> None:
        active = any(w.active for w in self.watchers)
        if active != self.active:
            self.active = active
            log.info("do not disturb: %s", "on" if active else "off")
            self.changed.emit(active)


def create_do_not_disturb(
    session_bus: QDBusConnection, platform_name: str, parent: QObject | None = None
) -> DoNotDisturb:
    """Every source this desktop offers."""
    watchers: list[Watcher] = []
    if platform_name == "xcb":
        try:
            watchers.append(FullScreenWatcher(XConnection()))
        except X11UnavailableError as exc:
            log.info("do not disturb: no full-screen detection: %s", exc)
    if session_bus.isConnected():
        if service_present(session_bus, GNOME_SESSION):
            watchers.append(GnomeInhibitorWatcher(session_bus))
        if service_present(session_bus, KDE_POLICY_AGENT):
            watchers.append(KdeInhibitorWatcher(session_bus))
    return DoNotDisturb(watchers, parent)
