"""Qt's own messages (its plugins' chatter: Qt Multimedia looking for video libraries, the
sound server not answering, accessibility warnings) go through the app's logging at debug
level, under the logger "qt.<category>": quiet by default, shown with `backease -v`.
Critical ones too ("Error loading text-to-speech plug-in"): what the app cannot do because
of them, it says itself in plain words (platform/cues.py, platform/speech.py). Only a fatal
message, which ends the process, is logged as an error.

Some libraries write to stderr themselves, past Qt (ALSA's "ALSA lib ..." lines, for one);
they have no switch of their own to quiet them, so they are left alone (README, "Logs")."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_installed = False


def _on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    if kind == QtMsgType.QtFatalMsg:
        logger.error("%s", message)
    else:
        logger.debug("%s", message)


def route_qt_messages() -> None:
    """Installs the handler once per process."""
    global _installed
    if not _installed:
        qInstallMessageHandler(_on_message)
        _installed = True
