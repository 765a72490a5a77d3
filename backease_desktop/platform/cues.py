"""Sounds at phase changes: short sine tones, generated once into the cache folder and played
with QSoundEffect, and the choice of sound and spoken words for each phase.

QtMultimedia is imported on the first cue of the first routine, never at start-up. Without
it (libpulse0 missing) or without an audio device, sound cues are off and the log says why."""

from __future__ import annotations

import logging
import math
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from backease_desktop.core import safe_files
from backease_desktop.core.player.plan import Phase, PhaseKind
from backease_desktop.core.settings import Options, Settings

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

    from backease_desktop.core.player import SessionSummary

log = logging.getLogger(__name__)

SAMPLE_RATE = 44_100
# Each note fades in and out over this long, so no tone starts or ends with a click.
_FADE_S = 0.012


@dataclass(frozen=True)
class Note:
    """A tone gliding from `start_hz` to `end_hz` (equal for a steady pitch); 0 Hz is silence."""

    start_hz: float
    end_hz: float
    seconds: float
    volume: float = 0.5


def steady(hz: float, seconds: float, volume: float = 0.5) -> Note:
    return Note(hz, hz, seconds, volume)


def silence(seconds: float) -> Note:
    return Note(0.0, 0.0, seconds, 0.0)


# One sound per kind of change, told apart by pitch and shape rather than loudness: a person
# lying on the floor with eyes closed learns them in one routine.
CUE_SOUNDS: dict[str, tuple[Note, ...]] = {
    # Two short mid beeps: "get into position".
    "get_ready": (steady(523.25, 0.11), silence(0.07), steady(523.25, 0.11)),
    # One clear high tone: the hold starts now.
    "hold": (steady(783.99, 0.28),),
    # Two rising tones: change over.
    "switch": (steady(659.25, 0.12), silence(0.05), steady(880.0, 0.2)),
    # A low soft tone: let go.
    "rest": (steady(392.0, 0.35, 0.4),),
    # A rising glide and a falling glide, like the breath itself.
    "breathe_in": (Note(330.0, 523.25, 0.45, 0.4),),
    "breathe_pause": (steady(523.25, 0.1, 0.3),),
    "breathe_out": (Note(523.25, 330.0, 0.45, 0.4),),
    # A rising three-note chime: finished.
    "done": (steady(523.25, 0.14), steady(659.25, 0.14), steady(783.99, 0.4)),
}

_SOUND_FOR_KIND = {
    PhaseKind.GET_READY: "get_ready",
    PhaseKind.HOLD: "hold",
    PhaseKind.SWITCH_SIDES: "switch",
    PhaseKind.REST_BETWEEN: "rest",
    PhaseKind.REST: "rest",
    PhaseKind.BREATHE_IN: "breathe_in",
    PhaseKind.BREATHE_PAUSE: "breathe_pause",
    PhaseKind.BREATHE_OUT: "breathe_out",
    PhaseKind.DONE: "done",
}


def sound_for(kind: PhaseKind) -> str:
    """The name of the sound (a key of CUE_SOUNDS) played when a phase of `kind` begins."""
    return _SOUND_FOR_KIND[kind]


def spoken_cue(phase: Phase) -> str:
    """What the voice says as `phase` begins: "Breathe in", "Switch to the right side",
    "Hold for 20 seconds, 2 of 3"."""
    if phase.kind is PhaseKind.DONE:
        return "Routine complete."
    if phase.kind is PhaseKind.GET_READY:
        return phase.cue.replace("Get ready: ", "Get ready. ", 1)
    # "Hold for 20 seconds (2 of 3)": a voice reads brackets badly.
    return phase.cue.replace(" (", ", ").replace(")", "")


def render_samples(notes: tuple[Note, ...]) -> list[int]:
    """16-bit mono samples; the phase is carried across a glide so its pitch bends smoothly."""
    samples: list[int] = []
    for note in notes:
        count = round(note.seconds * SAMPLE_RATE)
        fade = max(1, round(_FADE_S * SAMPLE_RATE))
        angle = 0.0
        for i in range(count):
            t = i / max(1, count - 1)
            hz = note.start_hz + (note.end_hz - note.start_hz) * t
            angle += 2 * math.pi * hz / SAMPLE_RATE
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            samples.append(round(32767 * note.volume * envelope * math.sin(angle)))
    return samples


def write_wav(path: Path, samples: list[int]) -> None:
    """Writes next to `path` and renames (core/safe_files), so a half-written file is never
    played and nothing but a regular file is ever replaced."""
    # Loaded here, with the first routine's sounds, not at every start of the app.
    import struct
    import wave

    def make(partial: Path) -> None:
        with wave.open(str(partial), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(struct.pack(f"<{len(samples)}h", *samples))

    safe_files.write_via_path(path, make, make_parents=True)


def _version(notes: tuple[Note, ...]) -> str:
    # A changed tone gets a new file name, so an old cached file is never played by mistake.
    return f"{zlib.crc32(repr((SAMPLE_RATE, notes)).encode()):08x}"


def cue_wav_files(folder: Path) -> dict[str, Path]:
    """Every cue sound as a WAV file in `folder`, written on first use."""
    files: dict[str, Path] = {}
    for name, notes in CUE_SOUNDS.items():
        path = folder / f"{name}-{_version(notes)}.wav"
        # A FIFO or a folder in its place is not a sound: write_wav refuses to replace it
        # (OSError), and the player goes without sounds rather than wait on it.
        if not path.is_file():
            write_wav(path, render_samples(notes))
        files[name] = path
    return files


def default_sound_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(cache or tempfile.gettempdir()) / "sounds"


class SoundSink(Protocol):
    def play(self, name: str) -> None: ...


class SpeechSink(Protocol):
    def say(self, text: str) -> None: ...


class SoundCues:
    """Plays the cue sounds through the default audio output. Prepared on the first play;
    if sound cannot work here, `unavailable_reason` says why and play() does nothing."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._effects: dict[str, QSoundEffect] = {}
        self._prepared = False
        self.unavailable_reason: str | None = None

    def prepare(self) -> bool:
        if not self._prepared:
            self._prepared = True
            self.unavailable_reason = self._load()
            if self.unavailable_reason:
                log.warning("sound cues are off: %s", self.unavailable_reason)
        return not self.unavailable_reason

    def _load(self) -> str | None:
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:
            return (
                f"Qt Multimedia could not be loaded ({exc}); on Debian: sudo apt install libpulse0"
            )
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            return "there is no audio output device"
        try:
            files = cue_wav_files(self._folder or default_sound_folder())
        except OSError as exc:
            return f"the cue sounds could not be written ({exc})"
        for name, path in files.items():
            effect = QSoundEffect()
            effect.setAudioDevice(device)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(0.8)
            self._effects[name] = effect
        return None

    def play(self, name: str) -> None:
        if self.prepare():
            self._effects[name].play()


class PhaseCues:
    """Decides, at each phase change, which sound to play and what to say, honouring the
    user's choices (read every time, so a change in the settings applies at once)."""

    def __init__(
        self,
        settings: Settings,
        sounds: SoundSink,
        voice: SpeechSink,
    ) -> None:
        self.settings = settings
        self.sounds = sounds
        self.voice = voice

    def on_phase_changed(self, phase: Phase) -> None:
        self._cue(sound_for(phase.kind), lambda: spoken_cue(phase))

    def on_session_closed(self, summary: SessionSummary) -> None:
        """The end chime, only for a routine that ran to its end; praise only when at least
        one step was done (skipping every step is not "well done", and the screen says so)."""
        if summary.finished:
            praise = " Well done." if summary.completed_steps else ""
            self._cue("done", lambda: f"Routine complete.{praise}")

    def _cue(self, sound: str, words: Callable[[], str]) -> None:
        if self.settings.get(Options.sound_cues):
            self.sounds.play(sound)
        if self.settings.get(Options.voice_cues):
            self.voice.say(words())
