"""A private desktop for the benchmarks: an X server (Xvfb) on a free display, a D-Bus
session bus, a system tray (trayer) and a notification daemon (dunst), so the app and the
floor run as on a desktop.

Without Xvfb the programs fall back to Qt's offscreen platform; which one was used, and
whether a tray host was running, goes into results.json."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Variables that would steer the children to another display, bus or platform plugin.
_SCRUBBED = (
    "PYTHONDONTWRITEBYTECODE",
    "QT_QPA_PLATFORM",
    "WAYLAND_DISPLAY",
    "DISPLAY",
    "XAUTHORITY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_SESSION_TYPE",
)


@dataclass
class Desktop:
    env: dict[str, str]
    platform: str  # "xvfb" or "offscreen"
    tray_host: str | None
    notes: list[str] = field(default_factory=list)
    notification_daemon: str | None = None

    def describe(self) -> dict[str, object]:
        return {
            "display": self.platform,
            "tray_host": self.tray_host,
            "notification_daemon": self.notification_daemon,
            "window_manager": None,
            "display_notes": self.notes,
        }


def _read_line(stream: int, timeout_s: float) -> str:
    """One line from a raw pipe fd, or "" if none came in time."""
    deadline = time.monotonic() + timeout_s
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            return ""
        chunk = os.read(stream, 256)
        if not chunk:
            return data.decode()
        data += chunk
    return data.decode().strip()


def _start_xvfb(started: list[subprocess.Popen[bytes]]) -> str | None:
    """Starts Xvfb on a display it picks itself (-displayfd), returns ":N" or None."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        started.append(process)
        number = _read_line(read_end, 10)
    finally:
        os.close(read_end)
    return f":{number}" if number.isdigit() else None


def _start_dbus(started: list[subprocess.Popen[bytes]]) -> str | None:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        return None
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    started.append(process)
    assert process.stdout is not None
    address = _read_line(process.stdout.fileno(), 10)
    return address or None


def _tray_available(env: dict[str, str], floor: Path) -> bool:
    check = subprocess.run(
        [sys.executable, str(floor), "--tray-check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return check.stdout.strip() == "tray-available yes"


def _start_trayer(env: dict[str, str], floor: Path, started: list[subprocess.Popen[bytes]]) -> bool:
    trayer = shutil.which("trayer")
    if trayer is None:
        return False
    started.append(
        subprocess.Popen(
            [
                trayer,
                *("--edge", "bottom", "--align", "right", "--widthtype", "request"),
                *("--height", "24", "--SetDockType", "true", "--transparent", "false"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    # trayer takes the tray selection shortly after it starts; ask Qt until it sees it.
    for _ in range(10):
        if _tray_available(env, floor):
            return True
        time.sleep(0.3)
    return False


NOTIFICATIONS_NAME = "org.freedesktop.Notifications"


def _name_has_owner(env: dict[str, str], name: str) -> bool:
    dbus_send = shutil.which("dbus-send")
    if dbus_send is None:
        return False
    answer = subprocess.run(
        [
            *(dbus_send, "--session", "--print-reply", "--dest=org.freedesktop.DBus"),
            *("/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return "boolean true" in answer.stdout


def _start_dunst(env: dict[str, str], started: list[subprocess.Popen[bytes]]) -> bool:
    """dunst, the notification daemon, once it owns the notifications name on the bus."""
    dunst = shutil.which("dunst")
    if dunst is None:
        return False
    started.append(
        subprocess.Popen([dunst], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    )
    for _ in range(20):
        if _name_has_owner(env, NOTIFICATIONS_NAME):
            return True
        time.sleep(0.25)
    return False


@contextmanager
def desktop(profile: Path, floor: Path, prefer_offscreen: bool = False) -> Iterator[Desktop]:
    """A desktop for the run, and a fresh home folder (`profile`) shared by all programs."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    for sub in (".config", ".local/share", ".cache", "runtime"):
        (profile / sub).mkdir(parents=True, exist_ok=True)
    (profile / "runtime").chmod(0o700)
    env |= {
        "HOME": str(profile),
        "XDG_CONFIG_HOME": str(profile / ".config"),
        "XDG_DATA_HOME": str(profile / ".local/share"),
        "XDG_CACHE_HOME": str(profile / ".cache"),
        "XDG_RUNTIME_DIR": str(profile / "runtime"),
        # Bytecode cached as in any installed copy (this machine's environment turns it off,
        # which would make every start compile every module from source).
        "PYTHONPYCACHEPREFIX": str(profile.parent / "pycache"),
    }
    started: list[subprocess.Popen[bytes]] = []
    try:
        notes: list[str] = []
        display = None if prefer_offscreen else _start_xvfb(started)
        if display is None:
            env["QT_QPA_PLATFORM"] = "offscreen"
            notes.append(
                "offscreen: Qt's offscreen platform, asked for"
                if prefer_offscreen
                else "offscreen: Xvfb is not installed (tools/system-deps bench installs it)"
            )
            platform = "offscreen"
        else:
            env["DISPLAY"] = display
            platform = "xvfb"
        bus = _start_dbus(started)
        if bus:
            env["DBUS_SESSION_BUS_ADDRESS"] = bus
        else:
            notes.append("no D-Bus session bus (dbus-daemon missing)")
        tray_host = None
        if platform == "xvfb":
            if _start_trayer(env, floor, started):
                tray_host = "trayer"
            else:
                notes.append("no system tray host: trayer missing or not seen by Qt")
        daemon = None
        if platform == "xvfb" and bus:
            if _start_dunst(env, started):
                daemon = "dunst"
            else:
                notes.append("no notification daemon: dunst missing or not on the bus")
        yield Desktop(
            env=env, platform=platform, tray_host=tray_host, notes=notes, notification_daemon=daemon
        )
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
