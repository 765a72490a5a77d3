"""Start-up loads none of the heavy modules (charts, multimedia, speech, sqlite, schema
validation) before the window's first frame: the app is run as a user starts it, and its
bench hook lists what was loaded when the window was first painted."""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks.hooks import (
    FIRST_PAINT_ENV,
    HEAVY_MODULES,
    IMPORTS_ENV,
)

APP = [sys.executable, "-m", "backease_desktop"]


def first_paint_report(command: list[str]) -> dict[str, str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", FIRST_PAINT_ENV: "1", IMPORTS_ENV: "1"}
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    said = dict(line.partition(" ")[::2] for line in result.stdout.splitlines())
    assert "first-paint" in said, result.stdout + result.stderr
    return said


def test_no_heavy_module_is_loaded_when_the_window_is_first_painted() -> None:
    loaded = first_paint_report(APP)["heavy-imports"]
    assert loaded.split(",") == [""], f"loaded before first paint: {loaded}"


def test_the_hook_names_a_heavy_module_loaded_before_first_paint() -> None:
    # Guards the test above against passing only because the hook never looks.
    assert "sqlite3" in HEAVY_MODULES
    with_sqlite = [
        sys.executable,
        "-c",
        "import sqlite3, sys; from backease_desktop.cli import main; sys.exit(main([]))",
    ]
    assert first_paint_report(with_sqlite)["heavy-imports"] == "sqlite3"
