"""Work deferred to the first frame runs once: after the first paint, or after a fallback
delay when the window never paints (mapped on another workspace), so the reminders and the
tray never wait for the user to look."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from backease_desktop import app as app_module
from backease_desktop.ui import first_paint


def event_loop_turn(qtbot: QtBot) -> None:
    """Waits for a zero timer set now: Qt runs zero timers in the order they were set, so
    the callback's own (set by a paint before this) would have run by then."""
    with qtbot.waitCallback(timeout=2000) as turned:
        QTimer.singleShot(0, turned)


def test_the_callback_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    label = QLabel("painted")
    qtbot.addWidget(label)
    calls: list[str] = []
    first_paint.after_first_paint(label, lambda: calls.append("run"))
    assert calls == []
    label.show()
    qtbot.waitUntil(lambda: calls == ["run"], timeout=2000)
    label.repaint()  # painted at once: a callback it queued would run before the barrier
    event_loop_turn(qtbot)
    assert calls == ["run"]


def test_a_widget_that_never_paints_still_gets_its_work_done(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_paint, "FALLBACK_MS", 30)
    label = QLabel("never shown")
    qtbot.addWidget(label)
    calls: list[str] = []
    first_paint.after_first_paint(label, lambda: calls.append("run"))
    qtbot.waitUntil(lambda: calls == ["run"], timeout=2000)
    label.show()
    qtbot.waitExposed(label)
    label.repaint()
    event_loop_turn(qtbot)
    assert calls == ["run"]


def test_settling_after_start_resumes_the_garbage_collector() -> None:
    gc.disable()
    try:
        app_module.settle_after_start()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
