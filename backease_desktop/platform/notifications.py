"""Desktop notifications with action buttons through org.freedesktop.Notifications (QtDBus).

The notification server shows them its own way (a bubble, a banner, the GNOME message tray)
and reports back over D-Bus which button was pressed (ActionInvoked) or how the notification
went away (NotificationClosed)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backease_desktop import APP_ID, APP_NAME
from backease_desktop.core.paths import resources_dir
from backease_desktop.platform.dbus_typed import (
    DBusCallError,
    Subscriptions,
    TypedInterface,
    service_present,
)

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"

_XML = f"""<interface name="{INTERFACE}">
  <method name="Notify">
    <arg name="app_name" type="s" direction="in"/>
    <arg name="replaces_id" type="u" direction="in"/>
    <arg name="app_icon" type="s" direction="in"/>
    <arg name="summary" type="s" direction="in"/>
    <arg name="body" type="s" direction="in"/>
    <arg name="actions" type="as" direction="in"/>
    <arg name="hints" type="a{{sv}}" direction="in"/>
    <arg name="expire_timeout" type="i" direction="in"/>
    <arg name="id" type="u" direction="out"/>
    <annotation name="org.qtproject.QtDBus.QtTypeName.In6" value="QVariantMap"/>
  </method>
  <method name="CloseNotification">
    <arg name="id" type="u" direction="in"/>
  </method>
  <method name="GetCapabilities">
    <arg name="capabilities" type="as" direction="out"/>
  </method>
</interface>"""


def _icon() -> str:
    """The app icon as a file URI: a themed name works only once the app is installed."""
    return (resources_dir() / "icons" / "backease.svg").as_uri()


class CloseReason(IntEnum):
    """Why the server says a notification closed (the specification's numbers)."""

    EXPIRED = 1
    DISMISSED = 2  # by the user
    CLOSED_BY_CALL = 3  # CloseNotification, that is: by us
    UNDEFINED = 4


class DesktopNotifications(QObject):
    """One app's notifications on one bus. Calls block for at most a second or two: servers
    answer within milliseconds, and a reminder is shown only every few minutes."""

    action_invoked = Signal(int, str)  # notification id, action key
    closed = Signal(int, int)  # notification id, CloseReason

    def __init__(
        self, connection: QDBusConnection | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.connection = connection if connection is not None else QDBusConnection.sessionBus()
        self._interface: TypedInterface | None = None
        self._subscriptions = Subscriptions(self.connection, self)
        self._listening = False
        self._capabilities: list[str] | None = None

    # --- asking -------------------------------------------------------------------------

    def available(self) -> bool:
        """Whether a notification server is running, or can be started by the bus."""
        return service_present(self.connection, SERVICE)

    def capabilities(self) -> list[str]:
        """What the server supports ("actions", "body", ...); empty when there is none."""
        if self._capabilities is None:
            try:
                found = self._proxy().call("GetCapabilities", returns="QStringList")
            except DBusCallError as exc:
                log.info("notifications: no capabilities: %s", exc)
                return []
            self._capabilities = [str(item) for item in found or []]
        return self._capabilities

    def supports_actions(self) -> bool:
        return "actions" in self.capabilities()

    # --- showing ------------------------------------------------------------------------

    def show(
        self,
        summary: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        timeout_ms: int = -1,
        replaces_id: int = 0,
    ) -> int | None:
        """Shows a notification with (key, label) action buttons; returns its id, or None
        when there is no server or it refused. `timeout_ms` 0 keeps it until answered, -1
        leaves it to the server."""
        self._listen()
        flat_actions: list[str] = []
        for key, label in actions:
            flat_actions += [key, label]
        hints = {"desktop-entry": APP_ID}
        try:
            notification_id = self._proxy().call(
                "Notify",
                ("QString", APP_NAME),
                ("uint", replaces_id),
                ("QString", _icon()),
                ("QString", summary),
                ("QString", body),
                ("QStringList", flat_actions),
                ("QVariantMap", hints),
                ("int", timeout_ms),
                returns="uint",
            )
        except DBusCallError as exc:
            log.warning("notifications: could not show %r: %s", summary, exc)
            self._capabilities = None  # the server may have gone; ask again next time
            return None
        return int(notification_id) if notification_id else None

    def withdraw(self, notification_id: int) -> None:
        """Takes a notification off the screen (CloseNotification)."""
        try:
            self._proxy().call("CloseNotification", ("uint", notification_id))
        except DBusCallError as exc:
            log.info("notifications: could not close %d: %s", notification_id, exc)

    # --- plumbing -----------------------------------------------------------------------

    def _proxy(self) -> TypedInterface:
        if self._interface is None:
            self._interface = self._subscriptions.proxy(
                TypedInterface(
                    self.connection,
                    SERVICE,
                    PATH,
                    INTERFACE,
                    _XML,
                    methods=("Notify", "CloseNotification", "GetCapabilities"),
                )
            )
        return self._interface

    def close(self) -> None:
        """Stops listening and drops the proxy (see dbus_typed.Subscriptions)."""
        self._subscriptions.close()
        self._interface = None
        self._listening = False

    def _listen(self) -> None:
        """Subscribes to the server's signals the first time something is shown, so an app
        that never notifies is never woken by other apps' notifications."""
        if self._listening:
            return
        for name, slot in (
            ("ActionInvoked", "_on_action_invoked(QDBusMessage)"),
            ("NotificationClosed", "_on_notification_closed(QDBusMessage)"),
        ):
            if not self._subscriptions.add(SERVICE, PATH, INTERFACE, name, slot):
                log.warning("notifications: cannot listen for %s", name)
        self._listening = True

    @Slot(QDBusMessage)
    def _on_action_invoked(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) >= 2:
            self.action_invoked.emit(int(arguments[0]), str(arguments[1]))

    @Slot(QDBusMessage)
    def _on_notification_closed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) >= 2:
            self.closed.emit(int(arguments[0]), int(arguments[1]))
