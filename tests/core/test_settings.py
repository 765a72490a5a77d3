"""Settings: defaults, bounds, and bad values that never cost the user other settings."""

from __future__ import annotations

import logging

import pytest

from backease_desktop.core.settings import DictBackend, Options, Settings


def test_defaults_without_any_stored_value() -> None:
    settings = Settings(DictBackend())
    assert settings.get(Options.break_interval_min) == 30
    assert settings.get(Options.sound_cues) is True
    assert settings.get(Options.reduce_motion) is False
    assert settings.get(Options.work_days) == (1, 2, 3, 4, 5)


def test_values_round_trip_through_text() -> None:
    backend = DictBackend()
    settings = Settings(backend)
    settings.set(Options.break_interval_min, 45)
    settings.set(Options.work_days, (1, 3, 5))
    settings.set(Options.work_start, "08:30")
    # QSettings hands everything back as text
    text_backend = DictBackend({k: str(v) for k, v in backend.values.items()})
    again = Settings(text_backend)
    assert again.get(Options.break_interval_min) == 45
    assert again.get(Options.work_days) == (1, 3, 5)
    assert again.get(Options.work_start) == "08:30"


@pytest.mark.parametrize("stored", ["0", "500", "thirty", "", "4"])
def test_out_of_range_interval_falls_back_to_default(stored: str) -> None:
    assert (
        Settings(DictBackend({"reminders/interval_minutes": stored})).get(
            Options.break_interval_min
        )
        == 30
    )


def test_bad_value_is_logged_and_other_settings_survive(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(
        DictBackend(
            {
                "reminders/interval_minutes": "-3",
                "cues/sound": "false",
                "reminders/work_start": "25:99",
            }
        )
    )
    with caplog.at_level(logging.WARNING):
        assert settings.get(Options.break_interval_min) == 30
        assert settings.get(Options.work_start) == "09:00"
    assert settings.get(Options.sound_cues) is False
    assert "reminders/interval_minutes" in caplog.text
    assert "reminders/work_start" in caplog.text


def test_setting_an_impossible_value_is_refused() -> None:
    settings = Settings(DictBackend())
    with pytest.raises(ValueError):
        settings.set(Options.break_interval_min, 500)
    assert settings.get(Options.break_interval_min) == 30
