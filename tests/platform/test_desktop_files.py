"""The launcher entry and AppStream metainfo pass the freedesktop validators."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from backease_desktop.platform.desktop_entry import render_entry, set_autostart

DESKTOP = Path(__file__).parents[2] / "resources" / "desktop"


def _validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # tools/system-deps installs it; a missing tool is a broken setup
        pytest.fail(f"{name} is not installed; run tools/system-deps test")
    return path


def test_bundled_desktop_entry_is_valid() -> None:
    entry = DESKTOP / "io.github.backease.BackEase.desktop"
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(entry)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_metainfo_is_valid() -> None:
    metainfo = DESKTOP / "io.github.backease.BackEase.metainfo.xml"
    result = subprocess.run(
        [_validator("appstreamcli"), "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_entry_points_at_this_installation_and_is_valid(tmp_path: Path) -> None:
    text = render_entry(["/opt/my apps/bin/backease"])
    entry = tmp_path / "io.github.backease.BackEase.desktop"
    entry.write_text(text)
    assert 'Exec="/opt/my apps/bin/backease"' in text
    assert 'Exec="/opt/my apps/bin/backease" --routine desk-break' in text
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(entry)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_autostart_entry_starts_in_the_tray_and_is_removed_again(profile: Path) -> None:
    path = set_autostart(True)
    assert path == profile / ".config/autostart/io.github.backease.BackEase.desktop"
    text = path.read_text()
    assert "--tray" in next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "[Desktop Action" not in text
    result = subprocess.run(
        [_validator("desktop-file-validate"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout
    set_autostart(False)
    assert not path.exists()
