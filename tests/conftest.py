"""Shared fixtures: a fake clock and a throwaway user profile, so no test waits real
seconds or touches the real home folder; the bundled library, and for the Qt layers
(platform/, ui/, bench/) the test QApplication named as the app and settings in a
temporary file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library
from backease_desktop.core.settings import Settings

# No test asserts wall-clock time, and Hypothesis's per-example deadline (200 ms) is one: a
# busy CI machine or a first import inside an example fails it for no fault of the code.
settings.register_profile("backease", deadline=None)
settings.load_profile("backease")


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Temporary XDG folders for every test; returns the fake home."""
    home = tmp_path / "home"
    for sub in (".config", ".local/share", ".cache", "runtime"):
        (home / sub).mkdir(parents=True)
    (home / "runtime").chmod(0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    # Never the developer's own session bus: no real notification may pop up from a test.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={home}/runtime/no-bus")
    yield home


@pytest.fixture(scope="session")
def library() -> Library:
    from backease_desktop.core.content.library import load_library

    return load_library()


@pytest.fixture(scope="session")
def qapp(qapp: object) -> object:
    """pytest-qt's QApplication, named as the app names itself, so QStandardPaths agree."""
    from PySide6.QtWidgets import QApplication

    from backease_desktop import APP_NAME

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("")
    return qapp


@pytest.fixture
def settings(profile: Path, qapp: object) -> Settings:
    from backease_desktop.platform.settings_store import open_settings

    return open_settings()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Names the random order's seed even under -q (pytest-randomly says it in the header,
    which -q hides), so a failure that depends on the order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if config.pluginmanager.has_plugin("randomly") and isinstance(seed, int):
        terminalreporter.write_line(
            f"random test order, seed {seed}: replay it with -p randomly --randomly-seed={seed}"
        )
