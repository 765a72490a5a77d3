"""Every stored setting validated when read; one bad line of the file costs only itself."""

from __future__ import annotations

from pathlib import Path

from backease_desktop.core.ini_recovery import parse_ini
from backease_desktop.core.settings import DictBackend, Options, Settings
from backease_desktop.platform.settings_store import open_settings, settings_path


def test_a_stray_quote_costs_only_its_own_line(qapp: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        '[reminders]\ninterval_minutes=40\nwork_start="09:00\nwork_end=18:00\n\n'
        "[cues]\nsound=false\n"
    )
    settings = open_settings()
    assert settings.get(Options.break_interval_min) == 40
    assert settings.get(Options.work_start) == "09:00"  # the default
    assert settings.get(Options.work_end) == "18:00"
    assert settings.get(Options.sound_cues) is False
    assert settings.problems and "line 3" in settings.problems[0]
    backup = settings.backend.backup  # type: ignore[attr-defined]
    assert backup is not None and b'"09:00' in Path(backup).read_bytes()
    # The live file no longer holds the line that swallowed the others.
    again = open_settings()
    assert again.get(Options.work_end) == "18:00" and again.problems == ()


def test_parse_ini_reads_sections_quotes_and_skips_bad_lines() -> None:
    read = parse_ini('[General]\ntop=1\n[window]\nlast_topic="a \\"b\\""\nbroken\nx="open\ny=2\n')
    assert read.values == {"top": "1", "window/last_topic": 'a "b"', "window/y": "2"}
    assert read.bad_lines == (5, 6)


def test_an_out_of_range_pause_is_replaced_by_its_default() -> None:
    for bad in ("9999-12-31T23:59:59-23:59", "tomorrow", "0001-01-01T00:00:00+23:59"):
        settings = Settings(DictBackend({"reminders/paused_until": bad}))
        assert settings.get(Options.reminders_paused_until) == ""
    good = Settings(DictBackend({"reminders/paused_until": "2026-03-29T14:30:00+02:00"}))
    assert good.get(Options.reminders_paused_until) == "2026-03-29T14:30:00+02:00"


def test_a_repair_keeps_the_window_geometry_qt_could_read(qapp: object) -> None:
    from PySide6.QtCore import QByteArray, QSettings

    path = settings_path()
    path.parent.mkdir(parents=True)
    stored = QSettings(str(path), QSettings.Format.IniFormat)
    stored.setValue("window/geometry", QByteArray(b"\x01\x02geometry"))
    stored.sync()
    del stored
    with path.open("a") as damaged:
        damaged.write('[cues]\nsound="off\n')
    settings = open_settings()
    assert settings.problems
    assert settings.backend.value("window/geometry") == QByteArray(b"\x01\x02geometry")
