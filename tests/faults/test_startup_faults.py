"""Start-up never fails because of user files: with a broken data or config folder the
bundled content, the window and the reminders still come up, and the window says, in one
sentence naming the path, what is wrong and what to do."""

from __future__ import annotations

import os
from pathlib import Path

START = """
from backease_desktop.app import BackEase, create_application
from backease_desktop.cli import LaunchRequest

app = create_application(["backease"])
backease = BackEase(app, LaunchRequest())
backease.finish_start()
notice = backease.window.notice
print("TOPICS", len(backease.library.topics))
print("ROUTINES", len(backease.library.routines))
print("NOTICE", "" if notice.isHidden() else notice.message.text())
print("SETTINGS", type(backease.settings.backend).__name__)
print("REMINDERS", backease.reminders is not None)
"""


def _started(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert int(lines["TOPICS"]) > 0 and int(lines["ROUTINES"]) > 0
    assert lines["REMINDERS"] == "True"
    return lines


def test_an_unreadable_routines_folder_is_named_and_the_app_starts(sandbox) -> None:
    routines = sandbox.data / "routines"
    routines.mkdir(parents=True)
    sandbox.give_away(sandbox.root)
    routines.chmod(0)
    started = _started(sandbox.run_python(START, unprivileged=True))
    assert str(routines) in started["NOTICE"]
    assert "permissions" in started["NOTICE"]


def test_an_unreadable_data_folder_does_not_stop_the_app(sandbox) -> None:
    sandbox.data.mkdir(parents=True)
    sandbox.give_away(sandbox.root)
    sandbox.data.chmod(0)
    started = _started(sandbox.run_python(START, unprivileged=True))
    assert str(sandbox.data / "routines") in started["NOTICE"]


def test_unreadable_routines_folder_is_a_warning_for_list_routines(sandbox) -> None:
    routines = sandbox.data / "routines"
    routines.mkdir(parents=True)
    sandbox.give_away(sandbox.root)
    routines.chmod(0)
    result = sandbox.run("--list-routines", unprivileged=True)
    assert result.returncode == 0, result.stderr
    assert "desk-break" in result.stdout
    assert f"warning: {routines}" in result.stderr and "Traceback" not in result.stderr


def test_a_file_where_the_config_folder_belongs_keeps_settings_in_memory(sandbox) -> None:
    sandbox.config.write_text("not a folder")
    started = _started(sandbox.run_python(START))
    assert started["SETTINGS"] == "DictBackend"
    assert "is a file where the settings folder belongs" in started["NOTICE"]
    assert "only until BackEase quits" in started["NOTICE"]
    assert sandbox.config.read_text() == "not a folder"


def test_a_read_only_config_home_keeps_settings_in_memory(sandbox) -> None:
    sandbox.give_away(sandbox.root)
    sandbox.path("config").chmod(0o555)
    started = _started(sandbox.run_python(START, unprivileged=True))
    assert started["SETTINGS"] == "DictBackend"
    assert str(sandbox.config) in started["NOTICE"]


def test_a_damaged_file_in_a_read_only_folder_is_read_and_left_alone(sandbox) -> None:
    sandbox.config.mkdir()
    damaged = b'[reminders]\ninterval_minutes=45\nwork_start="09:00\n\x00\xff\n'
    (sandbox.config / "BackEase.conf").write_bytes(damaged)
    sandbox.give_away(sandbox.root)
    sandbox.config.chmod(0o555)
    script = START + (
        "from backease_desktop.core.settings import Options\n"
        "print('INTERVAL', backease.settings.get(Options.break_interval_min))\n"
    )
    started = _started(sandbox.run_python(script, unprivileged=True))
    assert started["SETTINGS"] == "DictBackend"
    assert started["INTERVAL"] == "45"
    assert (sandbox.config / "BackEase.conf").read_bytes() == damaged
    assert os.listdir(sandbox.config) == ["BackEase.conf"]


def test_a_fifo_in_place_of_the_settings_file_neither_hangs_nor_is_replaced(sandbox) -> None:
    sandbox.config.mkdir()
    fifo = sandbox.config / "BackEase.conf"
    os.mkfifo(fifo)
    started = _started(sandbox.run_python(START))
    assert started["SETTINGS"] == "DictBackend"
    assert "named pipe" in started["NOTICE"]
    assert Path(fifo).is_fifo()


def test_an_impossible_pause_falls_back_and_the_reminders_start(sandbox) -> None:
    sandbox.config.mkdir()
    (sandbox.config / "BackEase.conf").write_text(
        "[reminders]\npaused_until=9999-12-31T23:59:59-23:59\n"
    )
    script = START + "print('STATE', backease.reminders.status().state.name)\n"
    result = sandbox.run_python(script)
    started = _started(result)
    assert started["STATE"] != "PAUSED"
    assert "reminders/paused_until has an unusable value" in result.stderr


def test_files_where_the_cache_and_data_folders_belong_do_not_stop_the_app(sandbox) -> None:
    (sandbox.path("cache") / "BackEase").write_text("not a folder")
    sandbox.data.write_text("not a folder either")
    started = _started(sandbox.run_python(START))
    assert str(sandbox.data / "routines") in started["NOTICE"]
    assert sandbox.data.read_text() == "not a folder either"
    assert (sandbox.path("cache") / "BackEase").read_text() == "not a folder"
