"""Settings: defaults, bounds, and bad values that never cost the user other settings."""

from __future__ import annotations

import logging

import pytest

from backease_desktop.core.settings import (
    SETTINGS_VERSION,
    UPGRADES,
    VERSION_KEY,
    DictBackend,
    Options,
    Settings,
    SettingsBackend,
    Upgrade,
    stored_version,
    upgrade_settings,
)


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


# -- the settings' version and its upgrade steps ---------------------------------------------


def _rename_interval(backend: SettingsBackend) -> None:
    """An upgrade step as a later release might write one: an option moved to a new key."""
    old = backend.value("reminders/every")
    if old is not None:
        backend.set_value("reminders/interval_minutes", old)
        backend.remove("reminders/every")


def _note(name: str, ran: list[str]) -> Upgrade:
    def step(backend: SettingsBackend) -> None:
        ran.append(name)

    return step


def test_the_settings_have_no_upgrade_steps_yet_and_are_at_version_one() -> None:
    assert (SETTINGS_VERSION, UPGRADES) == (1, ())


def test_a_store_from_before_versions_is_at_version_one_and_left_unwritten() -> None:
    backend = DictBackend({"cues/sound": "false"})
    settings = Settings(backend)
    assert stored_version(backend) == 1
    assert backend.values == {"cues/sound": "false"}
    assert settings.get(Options.sound_cues) is False


def test_loading_runs_each_step_from_the_stored_version_and_records_the_new_one() -> None:
    backend = DictBackend({"reminders/every": "45"})
    settings = Settings(backend, upgrades=(_rename_interval,))
    assert settings.get(Options.break_interval_min) == 45
    assert backend.values == {"reminders/interval_minutes": "45", VERSION_KEY: 2}
    Settings(backend, upgrades=(_rename_interval,))  # a second load has nothing to do
    assert backend.values == {"reminders/interval_minutes": "45", VERSION_KEY: 2}


def test_only_the_steps_after_the_stored_version_run_in_order() -> None:
    ran: list[str] = []
    backend = DictBackend({VERSION_KEY: "2"})
    upgrade_settings(backend, (_note("1->2", ran), _note("2->3", ran), _note("3->4", ran)))
    assert ran == ["2->3", "3->4"]
    assert stored_version(backend) == 4


def test_settings_from_a_newer_release_are_read_as_they_are(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran: list[str] = []
    backend = DictBackend({VERSION_KEY: "7", "reminders/interval_minutes": "50"})
    with caplog.at_level(logging.INFO):
        settings = Settings(backend, upgrades=(_note("1->2", ran),))
    assert ran == []
    assert backend.values[VERSION_KEY] == "7"
    assert settings.get(Options.break_interval_min) == 50
    assert "newer BackEase" in caplog.text


@pytest.mark.parametrize("stored", ["two", "0", "-3"])
def test_an_unreadable_version_upgrades_nothing_and_says_so(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []
    backend = DictBackend({VERSION_KEY: stored})
    Settings(backend, upgrades=(_note("1->2", ran),))
    assert ran == []
    assert backend.values == {VERSION_KEY: stored}
    assert VERSION_KEY in caplog.text
