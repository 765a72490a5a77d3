"""Every test here runs with the test QApplication (see tests/conftest.py); `quiet` settings
and `make_app` build the whole app for the tests that need it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from backease_desktop.core.settings import Options, Settings
from tests.helpers.app import MakeApp

if TYPE_CHECKING:
    from backease_desktop.app import BackEase
    from backease_desktop.launch import LaunchRequest


@pytest.fixture(autouse=True, scope="session")
def _qt_app(qapp: object) -> None:
    """The widgets and Qt adapters under test need an application object."""


@pytest.fixture
def quiet(settings: Settings) -> Settings:
    """No sounds or voice from tests, so QtMultimedia is never loaded here."""
    settings.set(Options.sound_cues, False)
    settings.set(Options.voice_cues, False)
    return settings


@pytest.fixture
def make_app(qtbot: QtBot, quiet: Settings) -> Iterator[MakeApp]:
    """Builds the app for a launch request, shows it and waits until the player, history
    and reminders are wired (once the first frame is out); closes what it opened after."""
    from PySide6.QtWidgets import QApplication

    from backease_desktop.app import BackEase

    made: list[BackEase] = []

    def build(request: LaunchRequest) -> BackEase:
        instance = QApplication.instance()
        assert isinstance(instance, QApplication)
        backease = BackEase(instance, request)
        qtbot.addWidget(backease.window)
        made.append(backease)
        backease.show()
        qtbot.waitUntil(lambda: backease.reminders is not None)
        return backease

    yield build
    for backease in made:
        backease.player.stop()
        if backease.reminders is not None:
            backease.reminders.close_desktop()
        host = backease.reminders_host
        if host is not None:
            if host.instance_server is not None:
                host.instance_server.close()
            if host.tray is not None:
                host.tray.hide()


@pytest.fixture(autouse=True)
def no_window_outlives_its_test() -> Iterator[None]:
    """Deletes the windows a test closed before the next one starts. A closed main window
    is only hidden (it goes to the tray), so its application-wide Ctrl+Shift+H would stay
    registered and make the next window's key ambiguous: in the app there is one window,
    in a random test order there could be several."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if not widget.isVisible():
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
