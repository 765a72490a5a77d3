"""What the desktop session tells the app: the machine is about to sleep or woke up (logind's
PrepareForSleep on the system bus), the screen saver or lock came on or went off (ActiveChanged
on the session bus), and the wall clock was set (a Linux timerfd cancelled on clock set).

All of it arrives as signals; nothing here polls. Where a source is missing the app falls back
on what the clocks show: a suspend makes boottime run ahead of the monotonic clock."""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import sys

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backease_desktop.platform.dbus_typed import Subscriptions, service_present

log = logging.getLogger(__name__)

LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_INTERFACE = "org.freedesktop.login1.Manager"

# (service, path, interface) of the screen savers that announce ActiveChanged(bool).
SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


class SessionEvents(QObject):
    """Signals about sleep, the screen lock and clock changes. `sleep_source` and
    `lock_source` say where they come from, for the settings dialog ("" when nowhere)."""

    about_to_sleep = Signal()
    woke = Signal()
    screen_locked = Signal()
    screen_unlocked = Signal()
    clock_changed = Signal()

    def __init__(
        self,
        system_bus: QDBusConnection | None = None,
        session_bus: QDBusConnection | None = None,
        watch_clock: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.system_bus = system_bus if system_bus is not None else QDBusConnection.systemBus()
        self.session_bus = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        self.screen_active = False
        self.sleep_source = ""
        self.lock_source = ""
        self._system = Subscriptions(self.system_bus, self)
        self._session = Subscriptions(self.session_bus, self)
        if (
            self.system_bus.isConnected()
            and self._system.add(
                LOGIND_SERVICE,
                LOGIND_PATH,
                LOGIND_INTERFACE,
                "PrepareForSleep",
                "_on_prepare_for_sleep(QDBusMessage)",
            )
            and service_present(self.system_bus, LOGIND_SERVICE)
        ):
            self.sleep_source = "logind"
        if self.session_bus.isConnected():
            for service, path, interface in SCREEN_SAVERS:
                self._session.add(
                    service,
                    path,
                    interface,
                    "ActiveChanged",
                    "_on_screen_saver_active_changed(QDBusMessage)",
                )
                if not self.lock_source and service_present(self.session_bus, service):
                    self.lock_source = service
        self.clock_watch = ClockWatch(self) if watch_clock else None
        if self.clock_watch is not None and self.clock_watch.active:
            self.clock_watch.clock_changed.connect(self.clock_changed)

    def close(self) -> None:
        """Stops listening (see dbus_typed.Subscriptions)."""
        self._system.close()
        self._session.close()
        if self.clock_watch is not None:
            self.clock_watch.close()

    @property
    def watches_clock(self) -> bool:
        return self.clock_watch is not None and self.clock_watch.active

    @Slot(QDBusMessage)
    def _on_prepare_for_sleep(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if not arguments:
            return
        if bool(arguments[0]):
            log.info("session: the machine is about to sleep")
            self.about_to_sleep.emit()
        else:
            log.info("session: the machine woke up")
            self.woke.emit()

    @Slot(QDBusMessage)
    def _on_screen_saver_active_changed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if not arguments:
            return
        active = bool(arguments[0])
        # GNOME and KDE can announce one change on two paths; pass each change on once.
        if active == self.screen_active:
            return
        self.screen_active = active
        if active:
            self.screen_locked.emit()
        else:
            self.screen_unlocked.emit()


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _Itimerspec(ctypes.Structure):
    _fields_ = [("it_interval", _Timespec), ("it_value", _Timespec)]


_CLOCK_REALTIME = 0
_TFD_NONBLOCK = os.O_NONBLOCK
_TFD_CLOEXEC = os.O_CLOEXEC
_TFD_TIMER_ABSTIME = 1
_TFD_TIMER_CANCEL_ON_SET = 2
# A wall-clock moment that never comes (2096): the timer exists only to be cancelled.
_FAR_FUTURE_S = 4_000_000_000


class ClockWatch(QObject):
    """Tells when someone sets the wall clock (the user, or NTP stepping it), through a Linux
    timerfd armed with TFD_TIMER_CANCEL_ON_SET: the kernel wakes us only when it happens.
    `active` is False where that is not available."""

    clock_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = False
        self._fd = -1
        self._notifier: QSocketNotifier | None = None
        if not sys.platform.startswith("linux"):
            return
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            self._settime = libc.timerfd_settime
            fd = libc.timerfd_create(_CLOCK_REALTIME, _TFD_NONBLOCK | _TFD_CLOEXEC)
        except (OSError, AttributeError) as exc:
            log.info("session: no timerfd (%s); clock changes are noticed late", exc)
            return
        if fd < 0:
            return
        self._fd = fd
        if not self._arm():
            os.close(fd)
            self._fd = -1
            return
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        self.active = True

    def _arm(self) -> bool:
        spec = _Itimerspec(_Timespec(0, 0), _Timespec(_FAR_FUTURE_S, 0))
        flags = _TFD_TIMER_ABSTIME | _TFD_TIMER_CANCEL_ON_SET
        return int(self._settime(self._fd, flags, ctypes.byref(spec), None)) == 0

    def _on_readable(self) -> None:
        try:
            os.read(self._fd, 8)
        except OSError as exc:
            if exc.errno != errno.ECANCELED:
                return
            log.info("session: the wall clock was set")
            self._arm()
            self.clock_changed.emit()

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self.active = False
