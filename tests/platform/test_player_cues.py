"""Cues you can hear: a distinct generated tone for each kind of phase change, the words a
voice says, the user's sound and voice switches, and plain reasons when either cannot work."""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import pytest

from backease_desktop.core.player import Phase, PhaseKind, SessionSummary
from backease_desktop.core.settings import DictBackend, Options, Settings
from backease_desktop.platform import speech
from backease_desktop.platform.cues import (
    CUE_SOUNDS,
    SAMPLE_RATE,
    PhaseCues,
    SoundCues,
    cue_wav_files,
    sound_for,
    spoken_cue,
)


def phase(kind: PhaseKind, cue: str, **counters: object) -> Phase:
    return Phase(kind, 20.0, 0.0, 0, "Knee to chest", cue, **counters)  # type: ignore[arg-type]


class Heard:
    """Stands in for the speakers: what was played and what was said."""

    def __init__(self) -> None:
        self.sounds: list[str] = []
        self.words: list[str] = []

    def play(self, name: str) -> None:
        self.sounds.append(name)

    def say(self, text: str) -> None:
        self.words.append(text)


def cues(sound: bool = True, voice: bool = True) -> tuple[PhaseCues, Heard]:
    settings = Settings(DictBackend())
    settings.set(Options.sound_cues, sound)
    settings.set(Options.voice_cues, voice)
    heard = Heard()
    return PhaseCues(settings, heard, heard), heard


def test_every_kind_of_phase_has_its_own_sound_except_the_rests() -> None:
    sounds = {kind: sound_for(kind) for kind in PhaseKind}
    assert set(sounds.values()) == set(CUE_SOUNDS)
    assert sounds[PhaseKind.REST] == sounds[PhaseKind.REST_BETWEEN]
    others = [s for k, s in sounds.items() if k is not PhaseKind.REST_BETWEEN]
    assert len(set(others)) == len(others)


def test_the_sounds_are_short_mono_wav_files_that_differ(tmp_path: Path) -> None:
    files = cue_wav_files(tmp_path)
    contents = set()
    for path in files.values():
        with wave.open(str(path)) as sound:
            assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
            assert sound.getframerate() == SAMPLE_RATE
            assert 0.05 < sound.getnframes() / SAMPLE_RATE < 1.0
            contents.add(sound.readframes(sound.getnframes()))
    assert len(contents) == len(CUE_SOUNDS)


def test_the_sounds_start_and_end_silent_so_they_do_not_click(tmp_path: Path) -> None:
    for path in cue_wav_files(tmp_path).values():
        with wave.open(str(path)) as sound:
            frames = sound.readframes(sound.getnframes())
        first = int.from_bytes(frames[:2], "little", signed=True)
        last = int.from_bytes(frames[-2:], "little", signed=True)
        assert abs(first) < 50 and abs(last) < 50


def test_the_sound_files_are_written_once(tmp_path: Path) -> None:
    first = cue_wav_files(tmp_path)
    stamps = {name: path.stat().st_mtime_ns for name, path in first.items()}
    again = cue_wav_files(tmp_path)
    assert {name: path.stat().st_mtime_ns for name, path in again.items()} == stamps


def test_a_hold_plays_its_sound_and_says_how_long() -> None:
    player, heard = cues()
    player.on_phase_changed(phase(PhaseKind.HOLD, "Hold for 20 seconds (2 of 3)", rep=2, reps=3))
    assert heard.sounds == ["hold"]
    assert heard.words == ["Hold for 20 seconds, 2 of 3"]


def test_a_switch_says_which_side() -> None:
    player, heard = cues()
    player.on_phase_changed(phase(PhaseKind.SWITCH_SIDES, "Switch to the right side"))
    assert heard.sounds == ["switch"]
    assert heard.words == ["Switch to the right side"]


@pytest.mark.parametrize(
    ("kind", "cue", "sound"),
    [
        (PhaseKind.BREATHE_IN, "Breathe in", "breathe_in"),
        (PhaseKind.BREATHE_PAUSE, "Pause", "breathe_pause"),
        (PhaseKind.BREATHE_OUT, "Breathe out", "breathe_out"),
    ],
)
def test_each_part_of_a_breath_has_its_sound_and_words(
    kind: PhaseKind, cue: str, sound: str
) -> None:
    player, heard = cues()
    player.on_phase_changed(phase(kind, cue))
    assert (heard.sounds, heard.words) == ([sound], [cue])


def test_with_sound_cues_off_only_the_voice_speaks() -> None:
    player, heard = cues(sound=False)
    player.on_phase_changed(phase(PhaseKind.REST, "Rest"))
    assert (heard.sounds, heard.words) == ([], ["Rest"])


def test_with_voice_cues_off_only_the_tone_plays() -> None:
    player, heard = cues(voice=False)
    player.on_phase_changed(phase(PhaseKind.REST, "Rest"))
    assert (heard.sounds, heard.words) == (["rest"], [])


def summary(finished: bool, completed: tuple[int, ...]) -> SessionSummary:
    return SessionSummary(
        routine_id="r",
        routine_title="R",
        started_wall=0.0,
        ended_wall=60.0,
        elapsed_s=60.0,
        paused_s=0.0,
        step_count=3,
        completed_steps=completed,
        skipped_steps=tuple(i for i in range(3) if i not in completed),
        finished=finished,
    )


def test_the_end_of_a_routine_has_its_own_chime() -> None:
    player, heard = cues()
    player.on_session_closed(summary(finished=True, completed=(0, 1, 2)))
    player.on_session_closed(summary(finished=False, completed=(0,)))  # stopped: no fanfare
    assert heard.sounds == ["done"]
    assert heard.words == ["Routine complete. Well done."]


def test_a_routine_with_every_step_skipped_gets_no_praise() -> None:
    player, heard = cues()
    player.on_session_closed(summary(finished=True, completed=()))
    assert heard.words == ["Routine complete."]


def test_get_ready_is_spoken_as_two_sentences() -> None:
    spoken = spoken_cue(phase(PhaseKind.GET_READY, "Get ready: Knee to chest, left side"))
    assert spoken == "Get ready. Knee to chest, left side"


def test_without_qt_multimedia_sound_cues_are_off_and_say_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    sounds = SoundCues(tmp_path)
    sounds.play("hold")  # nothing to play it with: quietly nothing
    assert sounds.unavailable_reason is not None
    assert "libpulse0" in sounds.unavailable_reason


def test_with_no_speech_engine_the_reason_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    monkeypatch.setattr(speech, "available_engines", lambda: [])
    monkeypatch.setattr(speech, "_shared", None)
    reason = speech.voice_unavailable_reason()
    assert reason is not None
    assert reason.startswith("No speech engine is installed")
    assert "speech-dispatcher" in reason


def test_without_the_speech_module_the_voice_is_silent_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    voice = speech.Voice()
    voice.say("Breathe in")
    assert voice.unavailable_reason is not None
    assert "text-to-speech" in voice.unavailable_reason


def test_qts_own_test_engine_does_not_count_as_a_voice(
    monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    from PySide6.QtTextToSpeech import QTextToSpeech

    monkeypatch.setattr(QTextToSpeech, "availableEngines", staticmethod(lambda: ["mock"]))
    assert speech.available_engines() == []
