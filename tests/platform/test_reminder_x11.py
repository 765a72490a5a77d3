"""The X11 sources of the reminders against a real X server (Xvfb): a full-screen active
window turns do-not-disturb on and off as it happens, and idle time can be read.

No window manager is needed: the test plays one, setting the EWMH properties a window
manager sets (the root window itself stands in for the active window)."""

from __future__ import annotations

import ctypes
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backease_desktop.platform.do_not_disturb import FullScreenWatcher
from backease_desktop.platform.x11 import (
    ATOM_ATOM,
    ATOM_CARDINAL,
    ATOM_WINDOW,
    XConnection,
    XIdleTime,
)

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Xvfb (tools/system-deps bench)"
)


@pytest.fixture
def display() -> Iterator[str]:
    number = 170
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    name = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    for _ in range(100):
        if socket.exists():
            break
        select.select([], [], [], 0.05)
    yield name
    server.terminate()
    server.wait(10)


class WindowManager:
    """Sets root-window properties the way an EWMH window manager does."""

    def __init__(self, display: str) -> None:
        self.x = XConnection(display)
        xcb: Any = self.x._xcb
        xcb.xcb_change_property.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint8,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.c_uint8,
            ctypes.c_uint32,
            ctypes.c_void_p,
        ]

    def set(self, name: str, type_atom: int, values: list[int]) -> None:
        data = (ctypes.c_uint32 * max(len(values), 1))(*values)
        xcb: Any = self.x._xcb
        xcb.xcb_change_property(
            self.x._conn, 0, self.x.root, self.x.atom(name), type_atom, 32, len(values), data
        )
        xcb.xcb_flush(self.x._conn)
        self.x.cardinals(self.x.root, self.x.atom(name), type_atom)  # a round trip: applied

    def activate_root(self) -> None:
        self.set("_NET_ACTIVE_WINDOW", ATOM_WINDOW, [self.x.root])

    def full_screen(self, on: bool) -> None:
        state = [self.x.atom("_NET_WM_STATE_FULLSCREEN")] if on else []
        self.set("_NET_WM_STATE", ATOM_ATOM, state)


def test_active_full_screen_window_turns_do_not_disturb_on_and_off(
    display: str, qtbot: Any
) -> None:
    manager = WindowManager(display)
    manager.activate_root()
    watcher = FullScreenWatcher(XConnection(display), own_pid=1)
    assert not watcher.active
    with qtbot.waitSignal(watcher.changed, timeout=5000) as on:
        manager.full_screen(True)
    assert on.args == [True]
    with qtbot.waitSignal(watcher.changed, timeout=5000) as off:
        manager.full_screen(False)
    assert off.args == [False]
    watcher.close()


def test_switching_to_a_window_that_is_not_full_screen_ends_it(display: str, qtbot: Any) -> None:
    manager = WindowManager(display)
    manager.activate_root()
    manager.full_screen(True)
    watcher = FullScreenWatcher(XConnection(display), own_pid=1)
    assert watcher.active
    with qtbot.waitSignal(watcher.changed, timeout=5000) as off:
        manager.set("_NET_ACTIVE_WINDOW", ATOM_WINDOW, [0])
    assert off.args == [False]
    watcher.close()


def test_backease_own_full_screen_window_does_not_count(display: str) -> None:
    manager = WindowManager(display)
    manager.activate_root()
    manager.set("_NET_WM_PID", ATOM_CARDINAL, [os.getpid()])
    watcher = FullScreenWatcher(XConnection(display))
    manager.full_screen(True)
    watcher.recheck()  # a round trip: the change is in by then
    assert not watcher.active
    watcher.close()


def test_idle_time_is_read_from_the_screen_saver_extension(display: str) -> None:
    reader = XIdleTime(display)
    assert reader.idle_ms() >= 0
    reader.close()


def _close_check() -> None:
    """Under a real X server: the window manager's close (WM_DELETE_WINDOW) hides the window
    into the tray, and quitting the app still closes it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from backease_desktop.ui import tray as tray_module
    from backease_desktop.ui.tray import CloseToTray

    class ShowingTray:
        def isVisible(self) -> bool:
            return True

    tray_module.system_tray_available = lambda: True
    app = QApplication([])
    window = QWidget()
    closer = CloseToTray(window, ShowingTray())  # type: ignore[arg-type]
    closer.hidden_to_tray.connect(lambda: print("hidden to tray", flush=True))
    window.show()

    def close_like_a_window_manager() -> None:
        x = XConnection()
        xcb: Any = x._xcb
        xcb.xcb_send_event.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint8,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.c_char_p,
        ]
        event = bytearray(32)
        event[0] = 33  # ClientMessage
        event[1] = 32  # format
        event[4:8] = int(window.winId()).to_bytes(4, "little")
        event[8:12] = x.atom("WM_PROTOCOLS").to_bytes(4, "little")
        event[12:16] = x.atom("WM_DELETE_WINDOW").to_bytes(4, "little")
        xcb.xcb_send_event(x._conn, 0, int(window.winId()), 0, bytes(event))
        xcb.xcb_flush(x._conn)
        QTimer.singleShot(500, quit_app)

    def quit_app() -> None:
        print("visible after close:", window.isVisible(), flush=True)
        window.show()
        QTimer.singleShot(200, app.quit)

    QTimer.singleShot(500, close_like_a_window_manager)
    app.exec()
    print("quit, window visible:", window.isVisible(), flush=True)


def test_window_manager_close_goes_to_the_tray_and_quitting_still_closes(display: str) -> None:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, __file__, "close-check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "hidden to tray" in result.stdout, result.stderr
    assert "visible after close: False" in result.stdout, result.stderr
    assert "quit, window visible: False" in result.stdout, result.stderr


if __name__ == "__main__" and sys.argv[1:] == ["close-check"]:
    _close_check()
