"""A settings folder that stops taking writes while BackEase runs: the change is kept for
the run, and the person is told once, with the path, until writing works again."""

from __future__ import annotations

import shutil
from pathlib import Path

from backease_desktop.platform.settings_store import QSettingsBackend


def test_a_folder_that_stops_taking_writes_is_reported_once_and_values_are_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "BackEase"
    backend = QSettingsBackend(folder / "BackEase.conf")
    told: list[str] = []
    backend.write_failed = told.append
    backend.set_value("cues/sound", "false")
    assert told == []
    # The folder goes and a file takes its place: no write can succeed, even as root.
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    backend.set_value("cues/voice", "false")
    backend.set_value("display/reduce_motion", "true")
    assert len(told) == 1
    assert str(folder / "BackEase.conf") in told[0]
    assert "only until BackEase quits" in told[0]
    assert backend.value("cues/voice") == "false"  # kept for the run
    # Writing works again: a later failure is told again.
    folder.unlink()
    folder.mkdir()
    backend.set_value("cues/sound", "true")
    assert (folder / "BackEase.conf").read_text().count("sound=true") == 1
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    backend.set_value("cues/sound", "false")
    assert len(told) == 2


def test_setting_an_unchanged_value_does_not_rewrite_the_file(tmp_path: Path) -> None:
    path = tmp_path / "BackEase.conf"
    backend = QSettingsBackend(path)
    backend.set_value("window/last_topic", "during-a-spasm")
    path.write_text(path.read_text() + "; a mark\n")  # would vanish on a rewrite
    backend.set_value("window/last_topic", "during-a-spasm")
    assert path.read_text().endswith("; a mark\n")
