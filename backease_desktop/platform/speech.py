"""Spoken prompts through Qt's text-to-speech, when the system has a working speech engine,
and a plain-words reason for the settings dialog when it has none.

QtTextToSpeech is imported on first use (the first routine, or opening the settings), never
at start-up. Qt ships a "mock" engine for its own tests; it says nothing, so it is ignored."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

INSTALL_HINT = "on Debian: sudo apt install speech-dispatcher espeak-ng"
_IGNORED_ENGINES = frozenset({"mock"})


def available_engines() -> list[str]:
    """The speech engines Qt found, without its test engine; [] if the module is missing."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return []
    return [name for name in QTextToSpeech.availableEngines() if name not in _IGNORED_ENGINES]


class Voice:
    """Says one prompt at a time: a new prompt cuts off one still being spoken, so the voice
    never lags behind the routine. Set up on the first call; `unavailable_reason` then says
    why nothing will be heard, or is None."""

    def __init__(self) -> None:
        self._tts: QTextToSpeech | None = None
        self._prepared = False
        self.unavailable_reason: str | None = None

    def prepare(self) -> bool:
        if not self._prepared:
            self._prepared = True
            self.unavailable_reason = self._load()
            if self.unavailable_reason:
                log.warning("voice cues are off: %s", self.unavailable_reason)
        return self._tts is not None

    def _load(self) -> str | None:
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            return f"Qt's text-to-speech module could not be loaded ({exc})."
        engines = available_engines()
        if not engines:
            return f"No speech engine is installed ({INSTALL_HINT})."
        failures = []
        for engine in engines:
            tts = QTextToSpeech(engine)
            if tts.state() != QTextToSpeech.State.Error:
                self._tts = tts
                return None
            failures.append(f"{engine}: {tts.errorString() or 'it did not start'}")
            tts.deleteLater()
        if engines == ["speechd"]:
            return (
                "The speech engine (speech-dispatcher) is not running or not installed "
                f"({INSTALL_HINT})."
            )
        return f"No speech engine could start ({'; '.join(failures)}; {INSTALL_HINT})."

    def say(self, text: str) -> None:
        if self.prepare() and self._tts is not None:
            self._tts.say(text)


_shared: Voice | None = None


def shared_voice() -> Voice:
    """The app's one Voice: the player speaks through it and the settings ask it why not."""
    global _shared
    if _shared is None:
        _shared = Voice()
    return _shared


def voice_unavailable_reason() -> str | None:
    """Why voice prompts cannot be heard on this system, in plain words; None if they can."""
    voice = shared_voice()
    voice.prepare()
    return voice.unavailable_reason
