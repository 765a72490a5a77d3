"""Small, private connections to the X server through ctypes: window properties and their
changes (libxcb), and the user's idle time (the MIT-SCREEN-SAVER extension, libXss).

Qt keeps its own X connection to itself, so the app opens its own. libxcb returns X errors
as values (a window that vanished between two requests is routine here); Xlib would call
its default error handler, which ends the process, so Xlib is used only for the idle time,
which asks about the root window alone."""

from __future__ import annotations

import ctypes
import logging
from typing import Any

log = logging.getLogger(__name__)

PROPERTY_NOTIFY = 28
_EVENT_MASK_PROPERTY_CHANGE = 0x400000
_CW_EVENT_MASK = 0x800
ATOM_ATOM = 4
ATOM_CARDINAL = 6
ATOM_WINDOW = 33


class X11UnavailableError(Exception):
    """No X server to talk to, or a library is missing."""


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _Screen(ctypes.Structure):
    _fields_ = [("root", ctypes.c_uint32)]  # the first field is all that is needed


class _ScreenIterator(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.POINTER(_Screen)),
        ("rem", ctypes.c_int),
        ("index", ctypes.c_int),
    ]


class _InternAtomReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("atom", ctypes.c_uint32),
    ]


class _GetPropertyReply(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("format", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("type", ctypes.c_uint32),
        ("bytes_after", ctypes.c_uint32),
        ("value_len", ctypes.c_uint32),
        ("pad0", ctypes.c_uint8 * 12),
    ]


class _PropertyNotifyEvent(ctypes.Structure):
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("window", ctypes.c_uint32),
        ("atom", ctypes.c_uint32),
        ("time", ctypes.c_uint32),
        ("state", ctypes.c_uint8),
        ("pad1", ctypes.c_uint8 * 3),
    ]


def _load(soname: str) -> ctypes.CDLL:
    # By soname, as Qt's own plugin does: ctypes.util.find_library would run ldconfig.
    try:
        return ctypes.CDLL(soname)
    except OSError as exc:
        raise X11UnavailableError(f"{soname} is missing: {exc}") from exc


def _xcb() -> Any:
    xcb: Any = _load("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    xcb.xcb_get_file_descriptor.argtypes = [ctypes.c_void_p]
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    xcb.xcb_get_setup.restype = ctypes.c_void_p
    xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
    xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
    xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
    xcb.xcb_screen_next.argtypes = [ctypes.POINTER(_ScreenIterator)]
    xcb.xcb_intern_atom.restype = _Cookie
    xcb.xcb_intern_atom.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint16,
        ctypes.c_char_p,
    ]
    xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_InternAtomReply)
    xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.POINTER(ctypes.c_void_p)]
    xcb.xcb_get_property.restype = _Cookie
    xcb.xcb_get_property.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint32,
    ]
    xcb.xcb_get_property_reply.restype = ctypes.POINTER(_GetPropertyReply)
    xcb.xcb_get_property_reply.argtypes = [
        ctypes.c_void_p,
        _Cookie,
        ctypes.POINTER(ctypes.c_void_p),
    ]
    xcb.xcb_get_property_value.restype = ctypes.c_void_p
    xcb.xcb_get_property_value.argtypes = [ctypes.POINTER(_GetPropertyReply)]
    xcb.xcb_get_property_value_length.argtypes = [ctypes.POINTER(_GetPropertyReply)]
    xcb.xcb_change_window_attributes.restype = _Cookie
    xcb.xcb_change_window_attributes.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.POINTER(ctypes.c_uint32),
    ]
    xcb.xcb_poll_for_event.restype = ctypes.c_void_p
    xcb.xcb_poll_for_event.argtypes = [ctypes.c_void_p]
    return xcb


_libc: Any = ctypes.CDLL(None)
_libc.free.argtypes = [ctypes.c_void_p]


class XConnection:
    """Reads properties of any window on the display and reports their changes.

    `fd` becomes readable when the server sent something; `property_changes()` then drains
    it. Requests about a window that no longer exists simply find nothing."""

    def __init__(self, display: str | None = None) -> None:
        self._xcb = _xcb()
        screen_number = ctypes.c_int(0)
        name = display.encode() if display else None
        self._conn = self._xcb.xcb_connect(name, ctypes.byref(screen_number))
        if not self._conn or self._xcb.xcb_connection_has_error(self._conn):
            if self._conn:
                self._xcb.xcb_disconnect(self._conn)
            self._conn = None
            raise X11UnavailableError(f"cannot connect to the X display {display or '(default)'}")
        iterator = self._xcb.xcb_setup_roots_iterator(self._xcb.xcb_get_setup(self._conn))
        for _ in range(screen_number.value):
            self._xcb.xcb_screen_next(ctypes.byref(iterator))
        self.root: int = iterator.data.contents.root
        self.fd: int = self._xcb.xcb_get_file_descriptor(self._conn)
        self._atoms: dict[str, int] = {}

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            raw = name.encode()
            cookie = self._xcb.xcb_intern_atom(self._conn, 0, len(raw), raw)
            reply = self._xcb.xcb_intern_atom_reply(self._conn, cookie, None)
            if not reply:
                raise X11UnavailableError(f"the X server would not name the atom {name}")
            self._atoms[name] = reply.contents.atom
            _libc.free(reply)
        return self._atoms[name]

    def cardinals(self, window: int, atom: int, type_atom: int, limit: int = 64) -> list[int]:
        """A property made of 32-bit values (atoms, windows, cardinals); [] if absent."""
        cookie = self._xcb.xcb_get_property(self._conn, 0, window, atom, type_atom, 0, limit)
        error = ctypes.c_void_p()
        reply = self._xcb.xcb_get_property_reply(self._conn, cookie, ctypes.byref(error))
        if error.value:
            _libc.free(error)
        if not reply:
            return []
        try:
            if reply.contents.format != 32:
                return []
            count = self._xcb.xcb_get_property_value_length(reply) // 4
            values = ctypes.cast(
                self._xcb.xcb_get_property_value(reply), ctypes.POINTER(ctypes.c_uint32)
            )
            return [values[i] for i in range(count)]
        finally:
            _libc.free(reply)

    def watch_properties(self, window: int, watch: bool = True) -> None:
        """Asks the server to report (or to stop reporting) property changes on `window`."""
        mask = (ctypes.c_uint32 * 1)(_EVENT_MASK_PROPERTY_CHANGE if watch else 0)
        self._xcb.xcb_change_window_attributes(self._conn, window, _CW_EVENT_MASK, mask)
        self._xcb.xcb_flush(self._conn)

    def property_changes(self) -> list[tuple[int, int]]:
        """(window, atom) of every property change received so far; other events and
        errors are dropped."""
        changes: list[tuple[int, int]] = []
        while True:
            event = self._xcb.xcb_poll_for_event(self._conn)
            if not event:
                break
            notify = ctypes.cast(event, ctypes.POINTER(_PropertyNotifyEvent)).contents
            if notify.response_type & 0x7F == PROPERTY_NOTIFY:
                changes.append((notify.window, notify.atom))
            _libc.free(event)
        return changes

    @property
    def broken(self) -> bool:
        return self._conn is None or bool(self._xcb.xcb_connection_has_error(self._conn))

    def close(self) -> None:
        if self._conn:
            self._xcb.xcb_disconnect(self._conn)
            self._conn = None


class _ScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


class XIdleTime:
    """Milliseconds since the user last touched the keyboard or mouse on this X display
    (XScreenSaverQueryInfo). Each reading is one round trip to the X server."""

    def __init__(self, display: str | None = None) -> None:
        xlib: Any = _load("libX11.so.6")
        xss: Any = _load("libXss.so.1")
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XFree.argtypes = [ctypes.c_void_p]
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_ScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_ScreenSaverInfo),
        ]
        self._xlib, self._xss = xlib, xss
        self._display = xlib.XOpenDisplay(display.encode() if display else None)
        if not self._display:
            raise X11UnavailableError(f"cannot open the X display {display or '(default)'}")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            self._display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            xlib.XCloseDisplay(self._display)
            self._display = None
            raise X11UnavailableError("the X server has no MIT-SCREEN-SAVER extension")
        self._root = xlib.XDefaultRootWindow(self._display)
        self._info = xss.XScreenSaverAllocInfo()

    def idle_ms(self) -> int:
        if not self._display:
            raise X11UnavailableError("the X display is closed")
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            raise X11UnavailableError("XScreenSaverQueryInfo failed")
        return int(self._info.contents.idle)

    def close(self) -> None:
        if self._display:
            self._xlib.XFree(self._info)
            self._xlib.XCloseDisplay(self._display)
            self._display = None
