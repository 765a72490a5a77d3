"""A plain (non-editable) wheel carries every resource and runs from its own copy."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_wheel_ships_resources_and_lists_routines(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("backease_desktop-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "backease_desktop/resources/routines/desk-break.yaml",
        "backease_desktop/resources/content/red-flags.yaml",
        "backease_desktop/resources/schema/routine.schema.json",
        "backease_desktop/resources/desktop/io.github.backease.BackEase.desktop",
        "backease_desktop/resources/icons/backease.svg",
        "backease_desktop/resources/illustrations/cat-cow.svg",
    ):
        assert expected in names
    assert not any(n.startswith("tests/") for n in names)

    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import backease_desktop, sys; from backease_desktop.cli import main;"
            "print(backease_desktop.__file__, file=sys.stderr);"
            "sys.exit(main(['--list-routines']))",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert str(target) in run.stderr  # the wheel's copy ran, not the source tree
    assert "desk-break\tDesk break" in run.stdout
