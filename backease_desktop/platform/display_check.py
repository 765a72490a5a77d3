"""Makes sure a failing Qt start says what to install or set, instead of dumping core.

Qt aborts the whole process (a core dump, and a hint buried in a warning) when its platform
plugin cannot start. Two parts: `check_qt_core()` and `check_display()` answer the questions
that cost nothing before Qt starts (does PySide6 load, is there a display at all);
`platform_failure_explained()`
watches Qt's own start, and only if Qt gives up looks for the cause (missing libraries, an
unreachable X server) and turns it into one sentence. A healthy start pays nothing for the
diagnosis (loading the plugin and connecting to X beforehand would slow every start)."""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from backease_desktop.launch import EXIT_NO_DISPLAY

# Shared libraries Qt's X11 (xcb) plugin loads, and the Debian package of each; the list
# checked on a minimal Debian 12 (README, "System packages").
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb.so.1": "libxcb1",
}
CORE_LIBRARIES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
}
ALL_LIBRARIES = {**CORE_LIBRARIES, **XCB_LIBRARIES}


def _missing(libraries: dict[str, str]) -> list[str]:
    """Debian packages whose library the dynamic loader cannot find, in a stable order."""
    import ctypes

    packages: list[str] = []
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            if package not in packages:
                packages.append(package)
    return packages


def package_for_error(message: str) -> str | None:
    """The Debian package for a loader error such as 'libxcb-cursor.so.0: cannot open…'."""
    found = re.search(r"(lib[\w.+-]+\.so(?:\.\d+)*)", message)
    if found is None:
        return None
    return ALL_LIBRARIES.get(found.group(1))


def _install_hint(packages: list[str]) -> str:
    return "sudo apt install " + " ".join(packages)


def platform_name() -> str:
    """The Qt platform plugin that will be used, as Qt would choose it."""
    explicit = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if explicit:
        return explicit
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def check_qt_core() -> str | None:
    """Can PySide6 itself load? (Without libglib2.0-0, not even QtCore imports.)"""
    from backease_desktop.platform.pyside_import import import_pyside_without_feature_hook

    try:
        import_pyside_without_feature_hook()
    except ImportError as exc:
        package = package_for_error(str(exc))
        if package:
            return (
                f"BackEase cannot start: Qt needs the system package {package} "
                f"({exc}). Install it with: {_install_hint([package])}"
            )
        return f"BackEase cannot start: PySide6 (Qt for Python) does not load: {exc}"
    return None


def check_display() -> str | None:
    """None when Qt may try to open a window; otherwise one sentence saying what to do.
    (Asked after check_qt_core(), which the command line runs first.)"""
    if platform_name() == "xcb" and not os.environ.get("DISPLAY"):
        return (
            "BackEase needs a graphical desktop, and no display was found (DISPLAY is not set). "
            "Start it from your desktop session: its application menu, or a terminal "
            "opened inside it."
        )
    return None


def explain_platform_failure(qt_messages: list[str]) -> str:
    """Why Qt could not start its platform plugin, as one sentence: what Qt said before it
    gave up (`qt_messages`) is only the fallback, as its own hint (install libxcb-cursor0)
    comes whatever the cause."""
    platform = platform_name()
    if platform == "xcb":
        plugin_error = _load_xcb_plugin()
        if plugin_error:
            # Look for every library, to name all the missing packages at once.
            missing = _missing(ALL_LIBRARIES)
            if missing:
                return (
                    "BackEase cannot open a window: Qt's X11 plugin needs system libraries that "
                    f"are not installed ({', '.join(missing)}). "
                    f"Install them with: {_install_hint(missing)}"
                )
            package = package_for_error(plugin_error)
            hint = f" Install it with: {_install_hint([package])}" if package else ""
            return (
                "BackEase cannot open a window: Qt's X11 plugin does not load "
                f"({plugin_error}).{hint}"
            )
        display = os.environ.get("DISPLAY", "")
        if not _x_server_reachable(display):
            return (
                f"BackEase cannot reach the X display {display!r}: is the desktop session "
                "running, and is this user allowed to use it (xhost, XAUTHORITY)?"
            )
    said = qt_messages[0] if qt_messages else "no reason given"
    return f"BackEase cannot open a window: Qt's {platform!r} platform does not start ({said})."


@contextmanager
def platform_failure_explained(
    exit_app: Callable[[int], NoReturn] = os._exit,
) -> Iterator[None]:
    """Around the creation of the QApplication: if Qt gives up starting its platform, print
    `explain_platform_failure()` alone (Qt's own lines would blame libxcb-cursor0 whatever
    the cause) and exit with EXIT_NO_DISPLAY before Qt aborts. When the start succeeds, what
    Qt said meanwhile goes to the log at debug level (shown with -v), with the rest of Qt's
    messages (platform/qt_log.py)."""
    from PySide6.QtCore import (
        QMessageLogContext,
        QtMsgType,
        qFormatLogMessage,
        qInstallMessageHandler,
    )

    said: list[str] = []
    printed: list[str] = []

    def on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind != QtMsgType.QtFatalMsg:
            said.append(message)
            printed.append(qFormatLogMessage(kind, context, message))
            return
        print(explain_platform_failure(said), file=sys.stderr)
        sys.stderr.flush()
        exit_app(EXIT_NO_DISPLAY)

    previous = qInstallMessageHandler(on_message)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        for line in printed:
            logging.getLogger("qt").debug("%s", line)


def _load_xcb_plugin() -> str | None:
    """Loads Qt's xcb plugin the way Qt will, to hear the loader's complaint first; returns
    the complaint, or None when it loads."""
    import ctypes

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return str(exc)
    return None


def _x_server_reachable(display: str) -> bool:
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # reported above as a missing package
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)
