"""A .backease plan file is a file type the desktop knows, and opening one goes to BackEase
(which shows the import preview): checked with the freedesktop tools themselves."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from backease_desktop.platform.desktop_entry import install_desktop_entry, render_entry

DESKTOP = Path(__file__).parents[2] / "resources" / "desktop"
MIME = "application/x-backease-plan"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # tools/system-deps installs it; a missing tool is a broken setup
        pytest.fail(f"{name} is not installed; run tools/system-deps test")
    return path


def test_the_entry_opens_plan_files_with_the_file_on_the_command_line() -> None:
    text = render_entry(["/usr/bin/backease"])
    lines = text.splitlines()
    assert f"MimeType={MIME};" in lines
    assert "Exec=/usr/bin/backease %f" in lines


def test_opening_a_plan_file_goes_to_backease(profile: Path, tmp_path: Path) -> None:
    _tool("update-mime-database")
    install_desktop_entry()
    plan = tmp_path / "from the clinic.backease"
    with zipfile.ZipFile(plan, "w") as zipped:
        zipped.writestr("plan.yaml", "id: plan\n")
    env = {**os.environ, "XDG_UTILS_DEBUG_LEVEL": "0"}
    query = [_tool("xdg-mime"), "query"]
    kind = subprocess.run([*query, "filetype", str(plan)], capture_output=True, text=True, env=env)
    assert kind.stdout.strip() == MIME
    default = subprocess.run([*query, "default", MIME], capture_output=True, text=True, env=env)
    assert default.stdout.strip() == "io.github.backease.BackEase.desktop"
