"""Puts BackEase into (and takes it out of) the desktop's launcher for this user.

Plain file operations on the XDG folders, no Qt: the entry and metainfo from resources/,
with Exec pointing at this installation (a venv's launcher is rarely on the PATH), and the
icon in the hicolor theme. The autostart entry for "start at login" is rendered here too."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from backease_desktop import APP_ID
from backease_desktop.core import safe_files
from backease_desktop.core.paths import resources_dir, xdg_config_home, xdg_data_home

ENTRY_NAME = f"{APP_ID}.desktop"


def launcher_command() -> list[str]:
    """The command that starts this very installation of BackEase."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "backease" and script.is_file():
        return [str(script)]
    found = shutil.which("backease")
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "backease_desktop"]


_SPECIAL = str.maketrans({"\\": "\\\\", '"': '\\"', "$": "\\$", "`": "\\`"})


def _exec_value(command: list[str], args: list[str]) -> str:
    """Desktop-entry quoting: launchers understand double quotes, not shell single quotes."""
    parts = []
    for arg in command + args:
        if any(c in arg for c in ' \t"\\$`'):
            parts.append('"' + arg.translate(_SPECIAL) + '"')
        else:
            parts.append(arg)
    return " ".join(parts)


def render_entry(command: list[str] | None = None, autostart_args: list[str] | None = None) -> str:
    """The bundled .desktop text with Exec lines rewritten for `command`.

    With `autostart_args`, the result is an autostart entry (no actions, hidden from menus)."""
    cmd = command or launcher_command()
    template = (resources_dir() / "desktop" / ENTRY_NAME).read_text(encoding="utf-8")
    lines: list[str] = []
    for line in template.splitlines():
        key, _, value = line.partition("=")
        if key == "Exec":
            args = shlex.split(value)[1:] if autostart_args is None else autostart_args
            line = f"Exec={_exec_value(cmd, args)}"
        elif key == "TryExec":
            line = f"TryExec={cmd[0]}"
        elif autostart_args is not None and key == "Actions":
            continue
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if autostart_args is not None:
        text = text.split("\n[Desktop Action", 1)[0].rstrip("\n") + "\n"
        text += "NoDisplay=true\nX-GNOME-Autostart-enabled=true\n"
    return text


def installed_paths() -> dict[str, Path]:
    data = xdg_data_home()
    return {
        "entry": data / "applications" / ENTRY_NAME,
        "icon": data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "metainfo": data / "metainfo" / f"{APP_ID}.metainfo.xml",
        "mime": data / "mime" / "packages" / f"{APP_ID}.xml",  # .backease plan files
    }


def install_desktop_entry() -> list[Path]:
    """Writes the launcher entry, icon and metainfo; returns what was written."""
    paths = installed_paths()
    sources = {
        "icon": resources_dir() / "icons" / "backease.svg",
        "metainfo": resources_dir() / "desktop" / f"{APP_ID}.metainfo.xml",
        "mime": resources_dir() / "desktop" / f"{APP_ID}.mime.xml",
    }
    written: list[Path] = []
    for name, target in paths.items():
        # By the rule of core/safe_files: a complete file or none, never over a non-file.
        data = render_entry().encode() if name == "entry" else sources[name].read_bytes()
        safe_files.write_bytes(target, data, make_parents=True)
        written.append(target)
    _refresh_databases()
    return written


def _refresh_databases() -> None:
    """Tells the desktop about the plan file type and that BackEase opens it, where the
    freedesktop tools are installed (without them, the next login's refresh does it)."""
    import subprocess

    data = xdg_data_home()
    for tool, folder in (
        ("update-mime-database", data / "mime"),
        ("update-desktop-database", data / "applications"),
    ):
        found = shutil.which(tool)
        if found is None:
            continue
        try:
            subprocess.run([found, str(folder)], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            continue


def uninstall_desktop_entry() -> list[Path]:
    """Removes what install_desktop_entry wrote; returns what was removed."""
    removed = []
    for target in installed_paths().values():
        if target.exists():
            target.unlink()
            removed.append(target)
    if removed:
        _refresh_databases()
    return removed


def autostart_path() -> Path:
    return xdg_config_home() / "autostart" / ENTRY_NAME


def set_autostart(enabled: bool, in_tray: bool = True) -> Path:
    """Writes or removes the XDG autostart entry ("start at login")."""
    path = autostart_path()
    if enabled:
        entry = render_entry(autostart_args=["--tray"] if in_tray else [])
        safe_files.write_bytes(path, entry.encode(), make_parents=True)
    elif path.exists():
        path.unlink()
    return path
