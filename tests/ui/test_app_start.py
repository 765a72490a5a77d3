"""What the first frame shows and what follows it: the window comes first, styled where it
shows; the pages' style sheet, the player, the history and the reminders are wired once the
first frame is out, or at once when the start needs them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import cast

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backease_desktop.app import BENCHMARK_VARIABLES, BackEase, attach_benchmark_hooks
from backease_desktop.core.settings import Options, Settings
from backease_desktop.launch import LaunchRequest


@pytest.fixture
def unstyled(qapp: QApplication) -> Iterator[QApplication]:
    """The shared test QApplication without the style sheet an earlier test left on it."""
    qapp.setStyleSheet("")
    yield qapp
    qapp.setStyleSheet("")


def close(backease: BackEase) -> None:
    if backease.reminders is not None:
        backease.reminders.close_desktop()
    backease.window.close()


def test_the_page_styles_and_the_player_follow_the_first_frame(
    qtbot: QtBot, unstyled: QApplication, settings: Settings
) -> None:
    backease = BackEase(unstyled, LaunchRequest())
    qtbot.addWidget(backease.window)
    assert backease.window.current_page_key() == f"topic:{backease.library.topics[0].id}"
    assert unstyled.styleSheet() == ""  # the first frame does without it
    assert backease.reminders is None
    backease.show()
    qtbot.waitUntil(lambda: backease.reminders is not None)
    assert "#startButton" in unstyled.styleSheet()
    # Routine cards are styled, and their Start button reaches the player.
    backease.window.open_page("routines")
    with qtbot.waitSignal(backease.player.start_requested, timeout=1000):
        backease.window.routine_start_requested.emit("desk-break")
    close(backease)


def test_a_reopened_list_of_routines_is_styled_in_the_first_frame(
    qtbot: QtBot, unstyled: QApplication, settings: Settings
) -> None:
    settings.set(Options.last_topic, "routines")
    backease = BackEase(unstyled, LaunchRequest())
    qtbot.addWidget(backease.window)
    assert backease.window.current_page_key() == "routines"
    assert "#startButton" in unstyled.styleSheet()
    close(backease)


def test_benchmark_hooks_load_only_when_a_variable_asks(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name in list(os.environ):
        if name.startswith(BENCHMARK_VARIABLES):
            monkeypatch.delenv(name)
    # Importing them would fail, and say so in the log.
    monkeypatch.setitem(sys.modules, "benchmarks.hooks", None)
    attach_benchmark_hooks(cast(BackEase, None))  # not looked at without a variable
    assert caplog.records == []


def test_benchmark_variables_are_ignored_with_one_line_where_the_hooks_are_missing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(f"{BENCHMARK_VARIABLES}READY", "1")
    monkeypatch.setitem(sys.modules, "benchmarks", None)  # as in a wheel: not importable
    attach_benchmark_hooks(cast(BackEase, None))
    (record,) = caplog.records
    assert "benchmark hooks are not installed" in record.getMessage()
