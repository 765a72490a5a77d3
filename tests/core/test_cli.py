"""The command line, run as a user runs it: a subprocess, its output and its exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backease_desktop import __version__


def backease(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backease_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env if env is not None else os.environ.copy(),
    )


def test_version_prints_name_and_version() -> None:
    result = backease("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"BackEase {__version__}"


def test_list_topics_prints_id_and_title_per_line() -> None:
    result = backease("--list-topics")
    assert result.returncode == 0
    lines = dict(line.split("\t") for line in result.stdout.splitlines())
    assert "when-to-get-help" in lines
    assert "during-a-spasm" in lines
    assert len(lines) >= 9


def test_list_routines_shows_steps_and_duration() -> None:
    result = backease("--list-routines")
    assert result.returncode == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert {"during-a-spasm", "morning-low-back", "desk-break"} <= set(rows)
    _, title, steps, duration = rows["desk-break"]
    assert title == "Desk break"
    assert steps.endswith("steps")
    minutes, seconds = duration.split(":")
    assert 100 <= int(minutes) * 60 + int(seconds) <= 150


def test_list_routines_includes_the_users_own_routine(profile: Path) -> None:
    folder = profile / ".local/share/BackEase/routines"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "id: my-evening\ntitle: My evening\nsummary: Two calm minutes.\n"
        "steps:\n  - breathe: {cycles: 4}\n  - rest: 20\n"
    )
    result = backease("--list-routines")
    assert result.returncode == 0
    assert "my-evening\tMy evening\t2 steps\t0:56" in result.stdout.splitlines()


def test_validate_accepts_the_bundled_routines() -> None:
    routines = sorted((Path(__file__).parents[2] / "resources" / "routines").glob("*.yaml"))
    result = backease("--validate", *map(str, routines))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_validate_reports_file_line_column_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad-one\ntitle: Bad\nsummary: x\nsteps:\n  - stretch: knee-to-chest\n    hold: 900\n"
    )
    result = backease("--validate", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}:6:11: steps[0].hold: 900 seconds is out of range (1 to 600)"
    ]


def test_validate_with_one_good_and_one_missing_file_fails(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("id: ok\ntitle: Ok\nsummary: x\nsteps:\n  - rest: 10\n")
    result = backease("--validate", str(good), str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "missing.yaml:1:1: (file): no such file" in result.stdout
    assert "good.yaml" not in result.stdout


def test_usage_error_exits_with_2() -> None:
    result = backease("--no-such-option")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_validate_without_files_is_a_usage_error() -> None:
    assert backease("--validate").returncode == 2


def test_without_a_display_says_what_to_do_and_exits_3() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = backease(env=env)
    assert result.returncode == 3
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "no display" in message
    assert "desktop session" in message
    assert "offscreen" not in message
    assert "Traceback" not in result.stderr


def test_unreachable_x_display_is_reported_not_aborted() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPLAY"] = ":987"
    result = backease(env=env)
    assert result.returncode == 3
    assert "':987'" in result.stderr or "install" in result.stderr


def test_unknown_qt_platform_is_reported_not_aborted() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="no-such-platform")
    result = backease(env=env)
    assert result.returncode == 3
    assert result.stderr.strip().splitlines() == [
        "BackEase cannot open a window: Qt's 'no-such-platform' platform does not start "
        '(Could not find the Qt platform plugin "no-such-platform" in "").'
    ]


@pytest.mark.parametrize("value", ["5s", "ten minutes", "0m"])
def test_break_interval_below_minimum_or_garbled_is_a_usage_error(value: str) -> None:
    result = backease("--break-interval", value)
    assert result.returncode == 2
    assert "--break-interval" in result.stderr


def test_install_and_uninstall_desktop_entry(profile: Path) -> None:
    result = backease("--install-desktop-entry")
    assert result.returncode == 0, result.stderr
    apps = profile / ".local/share/applications/io.github.backease.BackEase.desktop"
    icon = profile / ".local/share/icons/hicolor/scalable/apps/io.github.backease.BackEase.svg"
    assert apps.is_file() and icon.is_file()
    exec_line = next(line for line in apps.read_text().splitlines() if line.startswith("Exec="))
    assert sys.executable in exec_line or "backease" in exec_line
    result = backease("--uninstall-desktop-entry")
    assert result.returncode == 0
    assert not apps.exists() and not icon.exists()
