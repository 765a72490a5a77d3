"""The settings dialog with the real INI file in a temporary config folder: what it shows,
what it saves, a damaged file, start at login, and a new interval taking effect at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QTime
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.desktop_entry import autostart_path
from backease_desktop.platform.reminders import DesktopSupport, Reminders
from backease_desktop.platform.settings_store import open_settings, settings_path
from backease_desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(settings: Settings, qtbot: Any) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def press(dialog: SettingsDialog, button: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(button).click()


def test_dialog_shows_the_saved_choices(settings: Settings, qtbot: Any) -> None:
    settings.set(Options.break_interval_min, 45)
    settings.set(Options.working_hours_enabled, True)
    settings.set(Options.work_start, "08:30")
    settings.set(Options.work_days, (1, 3, 5))
    settings.set(Options.voice_cues, False)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.interval.value() == 45
    assert dialog.hours_enabled.isChecked()
    assert dialog.work_start.time() == QTime(8, 30)
    assert dialog.work_days() == (1, 3, 5)
    assert not dialog.voice_cues.isChecked()


def test_ok_writes_every_choice_to_the_ini_file_in_the_config_folder(
    dialog: SettingsDialog, profile: Path
) -> None:
    dialog.interval.setValue(20)
    dialog.hours_enabled.setChecked(True)
    dialog.work_end.setTime(QTime(16, 0))
    dialog.day_boxes[6].setChecked(True)
    dialog.sound_cues.setChecked(False)
    dialog.reduce_motion.setChecked(True)
    press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings_path() == profile / ".config/BackEase/BackEase.conf"
    text = settings_path().read_text()
    assert "interval_minutes=20" in text
    reopened = open_settings()
    assert reopened.get(Options.break_interval_min) == 20
    assert reopened.get(Options.working_hours_enabled) is True
    assert reopened.get(Options.work_end) == "16:00"
    assert reopened.get(Options.work_days) == (1, 2, 3, 4, 5, 6)
    assert reopened.get(Options.sound_cues) is False
    assert reopened.get(Options.reduce_motion) is True


def test_cancel_writes_nothing(dialog: SettingsDialog, settings: Settings) -> None:
    dialog.interval.setValue(90)
    press(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert settings.get(Options.break_interval_min) == 30


def test_a_damaged_file_shows_defaults_and_keeps_the_other_choices(
    qapp: object, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    damaged = (
        b"[cues]\nsound=false\n\x00\xff garbage [[[\n"
        b"[reminders]\ninterval_minutes=999\nwork_start=25:99\nwork_days=1,3\n"
    )
    path.write_bytes(damaged)
    settings = open_settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.interval.value() == 30  # out of range: the default
    assert dialog.work_start.time() == QTime(9, 0)  # not a time: the default
    assert not dialog.sound_cues.isChecked()  # the user's choice survived
    assert dialog.work_days() == (1, 3)
    assert "unusable value" in caplog.text
    press(dialog, QDialogButtonBox.StandardButton.Ok)
    reopened = open_settings()
    assert reopened.get(Options.break_interval_min) == 30
    assert reopened.get(Options.sound_cues) is False
    assert reopened.get(Options.work_days) == (1, 3)
    assert list(path.parent.glob("BackEase.conf.corrupt-*"))  # the damaged file was kept


def test_start_at_login_writes_the_autostart_entry_and_unticking_removes_it(
    dialog: SettingsDialog, settings: Settings, qtbot: Any
) -> None:
    dialog.start_at_login.setChecked(True)
    dialog.start_in_tray.setChecked(True)
    press(dialog, QDialogButtonBox.StandardButton.Apply)
    entry = autostart_path().read_text()
    assert any(line.startswith("Exec=") and line.endswith(" --tray") for line in entry.splitlines())
    again = SettingsDialog(settings)
    qtbot.addWidget(again)
    again.start_at_login.setChecked(False)
    press(again, QDialogButtonBox.StandardButton.Ok)
    assert not autostart_path().exists()


def test_start_in_the_tray_is_offered_with_start_at_login(dialog: SettingsDialog) -> None:
    dialog.start_at_login.setChecked(False)
    assert not dialog.start_in_tray.isEnabled()
    dialog.start_at_login.setChecked(True)
    assert dialog.start_in_tray.isEnabled()


def test_working_hours_without_a_working_day_cannot_be_saved(
    dialog: SettingsDialog, settings: Settings
) -> None:
    dialog.hours_enabled.setChecked(True)
    for box in dialog.day_boxes.values():
        box.setChecked(False)
    assert dialog.error_label.isVisibleTo(dialog)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert not dialog.save()
    assert settings.get(Options.work_days) == (1, 2, 3, 4, 5)


def test_hours_that_end_before_they_start_run_past_midnight(dialog: SettingsDialog) -> None:
    dialog.work_start.setTime(QTime(22, 0))
    dialog.work_end.setTime(QTime(6, 0))
    assert "past midnight" in dialog.hours_hint.text()


def test_voice_note_shows_why_voice_cues_are_unavailable(settings: Settings, qtbot: Any) -> None:
    dialog = SettingsDialog(settings, voice_note="No speech engine is installed.")
    qtbot.addWidget(dialog)
    assert dialog.voice_note.isVisibleTo(dialog)
    assert dialog.voice_note.text() == "No speech engine is installed."


def test_desktop_without_idle_time_says_time_away_is_not_counted(
    settings: Settings, qtbot: Any
) -> None:
    dialog = SettingsDialog(settings, support=DesktopSupport(idle_source="", tray=False))
    qtbot.addWidget(dialog)
    notes = " ".join(label.text() for label in dialog.desktop_notes)
    assert "does not report idle time" in notes
    assert "reminders run only while the BackEase window is open" in notes


def test_desktop_with_idle_time_names_its_source(settings: Settings, qtbot: Any) -> None:
    support = DesktopSupport(idle_source="GNOME's idle monitor")
    dialog = SettingsDialog(settings, support=support)
    qtbot.addWidget(dialog)
    assert "GNOME's idle monitor" in dialog.desktop_notes[0].text()


def test_a_new_interval_takes_effect_at_once(
    settings: Settings, fake_clock: FakeClock, qtbot: Any
) -> None:
    reminders = Reminders(settings, fake_clock)
    reminders.start()
    fake_clock.advance(5 * 60)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.saved.connect(reminders.apply_settings)
    dialog.interval.setValue(15)
    press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert reminders.status().seconds_to_break == pytest.approx(10 * 60)
    assert reminders.driver.timer.interval() == 10 * 60 * 1000


def test_command_line_interval_is_shown_and_replaced_by_a_change(
    settings: Settings, qtbot: Any
) -> None:
    dialog = SettingsDialog(settings, interval_override_s=10.0)
    qtbot.addWidget(dialog)
    assert dialog.override_note is not None and "10s" in dialog.override_note.text()
    press(dialog, QDialogButtonBox.StandardButton.Apply)
    assert not dialog.interval_changed
    dialog.interval.setValue(25)
    press(dialog, QDialogButtonBox.StandardButton.Apply)
    assert dialog.interval_changed


LONG_VOICE_NOTE = (
    "The speech engine (speech-dispatcher) is not running or not installed "
    "(on Debian: sudo apt install speech-dispatcher espeak-ng)."
)


def _top(widget: QWidget, dialog: SettingsDialog) -> int:
    return widget.mapTo(dialog, widget.rect().topLeft()).y()


def _bottom(widget: QWidget, dialog: SettingsDialog) -> int:
    return widget.mapTo(dialog, widget.rect().bottomLeft()).y()


def _shown_with_long_voice_note(settings: Settings, qtbot: Any) -> SettingsDialog:
    dialog = SettingsDialog(settings, voice_note=LONG_VOICE_NOTE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_long_voice_note_wraps_whole_between_its_checkboxes(
    settings: Settings, qtbot: Any
) -> None:
    dialog = _shown_with_long_voice_note(settings, qtbot)
    note = dialog.voice_note
    assert note.wordWrap()
    assert note.height() > 1.5 * note.fontMetrics().lineSpacing()  # more than one line
    assert note.height() >= note.heightForWidth(note.width())  # every line of it
    assert _bottom(dialog.voice_cues, dialog) < _top(note, dialog)
    assert _bottom(note, dialog) < _top(dialog.reduce_motion, dialog)
    assert _bottom(dialog.reduce_motion, dialog) < _top(dialog.buttons, dialog)


def test_the_dialog_grows_for_a_form_error_instead_of_squeezing_the_notes(
    settings: Settings, qtbot: Any
) -> None:
    dialog = _shown_with_long_voice_note(settings, qtbot)
    dialog.hours_enabled.setChecked(True)
    for box in dialog.day_boxes.values():
        box.setChecked(False)
    note = dialog.voice_note

    def nothing_squeezed() -> None:
        assert dialog.error_label.height() > 0
        assert note.height() >= note.heightForWidth(note.width())
        assert _bottom(note, dialog) < _top(dialog.reduce_motion, dialog)
        assert _bottom(dialog.error_label, dialog) < _top(dialog.buttons, dialog)

    # The window grows in a second layout pass, once the error has been laid out.
    qtbot.waitUntil(nothing_squeezed, timeout=2000)


class ShortScreen:
    """A netbook screen with a panel: 1024 x 520 pixels free."""

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, 1024, 520)


def test_on_a_short_screen_the_groups_scroll_and_the_buttons_stay_in_view(
    settings: Settings, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SettingsDialog, "screen", lambda self: ShortScreen())
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 520
    assert dialog.buttons.isVisible()
    assert _bottom(dialog.buttons, dialog) <= dialog.height()
    scroll_bar = dialog.groups_area.verticalScrollBar()
    assert scroll_bar.maximum() > 0  # the groups that do not fit can be scrolled to
    scroll_bar.setValue(scroll_bar.maximum())
    assert not dialog.desktop_notes[-1].visibleRegion().isEmpty()
