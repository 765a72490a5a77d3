"""D-Bus method calls with exact argument types (uint32, uint64), which PySide cannot express.

PySide turns every Python int into a D-Bus int32, so a call to a method that takes a uint32
(a notification id) or a uint64 (Mutter's idle interval) is refused by strict services (GDBus
checks signatures). QDBusInterface converts typed Qt arguments when a method is invoked through
its meta-object, but it builds that meta-object from the service's introspection, where an
a{sv} argument has no Qt type and the method cannot be invoked. So the interface is first
described by a local object whose introspection carries Qt's type annotations: QtDBus keeps
one meta-object per interface name and connection, and the real service's proxy reuses it
(which also spares a blocking introspection round trip to the service)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

import shiboken6
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt
from PySide6.QtDBus import (
    QDBus,
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
    QDBusVirtualObject,
)

log = logging.getLogger(__name__)

_SCHEMA_PATH = "/io/github/backease/Schema"
DEFAULT_TIMEOUT_MS = 2000


class DBusCallError(Exception):
    """A D-Bus call failed: the service is gone, refused the call or did not answer."""


class _Schema(QDBusVirtualObject):
    """Answers introspection with one interface description, nothing else."""

    def __init__(self, xml: str) -> None:
        super().__init__()
        self._xml = xml

    def introspect(self, path: str) -> str:
        return self._xml

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        return False


def _seed_meta_object(connection: QDBusConnection, interface: str, xml: str) -> None:
    """Makes QtDBus learn `interface` from `xml` on this connection (a local call)."""
    path = f"{_SCHEMA_PATH}/{interface.replace('.', '_')}"
    schema = _Schema(xml)
    if not connection.registerVirtualObject(
        path, schema, QDBusConnection.VirtualObjectRegisterOption.SingleNode
    ):
        return
    try:
        QDBusInterface(connection.baseService(), path, interface, connection)
    finally:
        connection.unregisterObject(path)


def _invocable(proxy: QObject, methods: Sequence[str]) -> bool:
    meta = proxy.metaObject()
    found = set()
    for index in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(index)
        signature = bytes(method.methodSignature().data()).decode()
        if "QDBusRawType" not in signature:
            found.add(bytes(method.name().data()).decode())
    return all(name in found for name in methods)


class TypedInterface:
    """A proxy for one interface of one D-Bus object whose methods take typed arguments.

    `xml` is the <interface> element, with `org.qtproject.QtDBus.QtTypeName` annotations for
    arguments Qt cannot type by itself (a{sv} is QVariantMap). Calls block for at most
    `timeout_ms`; they are meant for short answers from desktop services."""

    def __init__(
        self,
        connection: QDBusConnection,
        service: str,
        path: str,
        interface: str,
        xml: str,
        methods: Sequence[str],
        timeout_ms: int = DEFAULT_TIMEOUT_MS,
    ) -> None:
        _seed_meta_object(connection, interface, xml)
        self.proxy = QDBusInterface(service, path, interface, connection)
        self.proxy.setTimeout(timeout_ms)
        self.usable = _invocable(self.proxy, methods)
        if not self.usable:
            log.warning("dbus: cannot type the methods of %s; calls to it are off", interface)

    def close(self) -> None:
        """Deletes the proxy now, in this thread (see Subscriptions)."""
        if shiboken6.isValid(self.proxy):
            shiboken6.delete(self.proxy)
        self.usable = False

    def call(self, method: str, *args: tuple[str, object], returns: str | None = None) -> Any:
        """Calls `method` with (Qt type name, value) pairs, such as ("uint", 0); returns the
        value of type `returns`, or None. Raises DBusCallError when the call fails."""
        if not self.usable:
            raise DBusCallError(f"{method}: the interface could not be typed")
        typed = [Q_ARG(type_name, value) for type_name, value in args]
        invoke = cast(Any, QMetaObject.invokeMethod)
        try:
            if returns is None:
                result = None
                invoke(self.proxy, method, Qt.ConnectionType.DirectConnection, *typed)
            else:
                result = invoke(
                    self.proxy,
                    method,
                    Qt.ConnectionType.DirectConnection,
                    Q_RETURN_ARG(returns),
                    *typed,
                )
        except RuntimeError as exc:  # PySide's "invocation failed": no such method here
            raise DBusCallError(f"{method}: {exc}") from exc
        error = self.proxy.lastError()
        if error.isValid():
            raise DBusCallError(f"{method}: {error.name()}: {error.message()}")
        return result


def service_present(connection: QDBusConnection, service: str) -> bool:
    """Whether `service` has an owner on the bus now, or the bus can start it on demand."""
    if not connection.isConnected():
        return False
    owned = _ask_bus(connection, "NameHasOwner", service)
    if owned and bool(owned[0]):
        return True
    activatable = _ask_bus(connection, "ListActivatableNames")
    return bool(activatable) and service in list(activatable[0] or [])


def _ask_bus(connection: QDBusConnection, method: str, *args: object) -> list[Any]:
    # Plain messages rather than connection.interface(): that object belongs to the
    # connection and may be deleted from QtDBus's own thread, which its Python wrapper
    # does not survive.
    message = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", method
    )
    message.setArguments(list(args))
    reply = connection.call(message, QDBus.CallMode.Block, DEFAULT_TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        return []
    return list(reply.arguments())


class Subscriptions:
    """The D-Bus signals one receiver listens to, so that it can stop listening, from the
    GUI thread, before it goes away.

    QtDBus unhooks receivers that are still connected from its own thread when a connection
    closes (at exit, or when a test disconnects a private bus), asking each receiver's Python
    wrapper about disconnectNotify on the way; a wrapper being deleted at that moment by the
    garbage collector in the GUI thread takes the process down. Proxies (QDBusInterface)
    listen to the bus too, so they are deleted here as well."""

    def __init__(self, connection: QDBusConnection, receiver: QObject) -> None:
        self.connection = connection
        self.receiver = receiver
        self._signals: list[tuple[str, str, str, str, str]] = []
        self._proxies: list[TypedInterface] = []

    def add(self, service: str, path: str, interface: str, signal: str, slot: str) -> bool:
        """Connects a D-Bus signal to the receiver's slot, such as "_on_fired(QDBusMessage)"
        (a slot taking the whole message accepts any argument types)."""
        # PySide's stubs ask for bytes, but the binding only accepts SLOT()'s str.
        bus: Any = self.connection
        if not bus.connect(service, path, interface, signal, self.receiver, SLOT(slot)):
            return False
        self._signals.append((service, path, interface, signal, slot))
        return True

    def proxy(self, proxy: TypedInterface) -> TypedInterface:
        self._proxies.append(proxy)
        return proxy

    def close(self) -> None:
        bus: Any = self.connection
        for service, path, interface, signal, slot in self._signals:
            bus.disconnect(service, path, interface, signal, self.receiver, SLOT(slot))
        self._signals.clear()
        for proxy in self._proxies:
            proxy.close()
        self._proxies.clear()
