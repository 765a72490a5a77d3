"""Finds out, before Qt is started, whether it can open a window here.

Qt aborts the whole process (a core dump, and a hint buried in a warning) when its platform
plugin cannot load. This module asks the same questions first, without importing PySide6's
GUI parts, and turns each failure into one sentence saying what to install or set."""

from __future__ import annotations

import ctypes
import os
import re
from pathlib import Path

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

EXIT_NO_DISPLAY = 3


def _missing(libraries: dict[str, str]) -> list[str]:
    """Debian packages whose library the dynamic loader cannot find, in a stable order."""
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
    try:
        import PySide6.QtCore  # noqa: F401
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
    """None when a window can be opened; otherwise one sentence saying what to do."""
    problem = check_qt_core()
    if problem:
        return problem
    platform = platform_name()
    if platform in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return None
    if platform == "wayland":
        return None  # Qt falls back to xcb by itself if the compositor is unreachable
    if platform != "xcb":
        return None  # a platform we know nothing about: let Qt speak for itself
    if not os.environ.get("DISPLAY"):
        return (
            "BackEase needs a graphical desktop, and no display was found (DISPLAY is not set). "
            "Start it from your desktop session, or set QT_QPA_PLATFORM=offscreen to run "
            "without a screen."
        )
    plugin_error = _load_xcb_plugin()
    if plugin_error:
        # Only now look for every library, to name all the missing packages at once.
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
            f"BackEase cannot open a window: Qt's X11 plugin does not load ({plugin_error}).{hint}"
        )
    if not _x_server_reachable(os.environ["DISPLAY"]):
        return (
            f"BackEase cannot reach the X display {os.environ['DISPLAY']!r}: is the desktop "
            "session running, and is this user allowed to use it (xhost, XAUTHORITY)?"
        )
    return None


def _load_xcb_plugin() -> str | None:
    """Loads Qt's xcb plugin the way Qt will, to hear the loader's complaint first; returns
    the complaint, or None when it loads."""
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
