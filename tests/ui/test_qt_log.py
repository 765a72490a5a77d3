"""Qt's own messages reach the app's log at debug level (shown with -v), not stderr."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from backease_desktop.platform import qt_log


def test_a_qt_warning_is_logged_at_debug_under_its_category(
    caplog: pytest.LogCaptureFixture,
) -> None:
    context = QMessageLogContext()
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qt_log._on_message(QtMsgType.QtWarningMsg, context, "Couldn't load va library")
    assert [(r.levelno, r.message) for r in caplog.records] == [
        (logging.DEBUG, "Couldn't load va library")
    ]


def test_a_critical_qt_message_is_debug_too(caplog: pytest.LogCaptureFixture) -> None:
    """The app says in its own words what it cannot do (no speech engine, no audio)."""
    with caplog.at_level(logging.DEBUG, logger="qt"):
        qt_log._on_message(
            QtMsgType.QtCriticalMsg,
            QMessageLogContext(),
            'Error loading text-to-speech plug-in "speechd"',
        )
    assert [r.levelno for r in caplog.records] == [logging.DEBUG]


def test_at_the_default_level_a_qt_warning_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    logging.getLogger("qt").setLevel(logging.INFO)
    try:
        qt_log._on_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "chatter")
    finally:
        logging.getLogger("qt").setLevel(logging.NOTSET)
    assert "chatter" not in capsys.readouterr().err
