"""The history recorder, driven as the player and the break reminders drive it: each record
is written the moment it happens, pain scores land on the routine just finished, the file
is opened only when first needed, and a damaged file is reported (after the routine)."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore, SessionRecord
from backease_desktop.core.scheduler import BreakOutcome, Cause, Outcome
from backease_desktop.platform.history_recorder import HistoryRecorder

ROUTINE = ("during-a-spasm", "During a spasm")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.db"


@pytest.fixture
def recorder(db_path: Path, fake_clock: FakeClock, qapp: object) -> HistoryRecorder:
    return HistoryRecorder(fake_clock, db_path, tz=timezone.utc)


def read_back(path: Path) -> HistoryStore:
    """A second store on the same file, as another process (the CLI export) would see it."""
    return HistoryStore(path, FakeClock(), tz=timezone.utc)


def the_one_session(path: Path) -> SessionRecord:
    """The only session on file, read back by another store; fails if there is not exactly one."""
    with read_back(path) as other:
        (session,) = other.sessions()
    return session


def test_nothing_is_opened_or_created_until_something_is_recorded(
    recorder: HistoryRecorder, db_path: Path
) -> None:
    assert not recorder.is_open
    assert not db_path.exists()


def test_a_routine_start_is_on_disk_before_the_routine_ends(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    with read_back(db_path) as other:
        sessions = other.sessions()
    assert [(s.routine_id, s.outcome) for s in sessions] == [("during-a-spasm", "unfinished")]


def test_each_step_is_recorded_as_it_ends(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    recorder.on_step_ended(0, "completed")
    recorder.on_step_ended(1, "skipped")
    recorder.on_step_ended(2, "completed")
    session = the_one_session(db_path)
    assert (session.steps_completed, session.steps_skipped) == (2, 1)


def test_a_routine_played_to_the_end_is_recorded_as_completed(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    fake_clock.advance(300)
    recorder.on_session_ended(True, fake_clock.wall())
    session = the_one_session(db_path)
    assert session.outcome == "completed"
    assert session.ended_wall == fake_clock.wall()


def test_a_routine_stopped_early_is_recorded_as_stopped(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    fake_clock.advance(40)
    recorder.on_session_ended(False, fake_clock.wall())
    session = the_one_session(db_path)
    assert session.outcome == "stopped"


@pytest.mark.parametrize("scores", [(7, 4), (None, 2)], ids=["both scores", "only the score after"])
def test_pain_rated_after_the_routine_is_kept_with_that_routine(
    recorder: HistoryRecorder,
    fake_clock: FakeClock,
    db_path: Path,
    scores: tuple[int | None, int | None],
) -> None:
    """A score left out stays empty rather than taking a value."""
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    recorder.on_session_ended(True, fake_clock.wall() + 300)
    recorder.on_pain_rated(*scores)
    session = the_one_session(db_path)
    assert (session.pain_before, session.pain_after) == scores


def test_pain_scores_go_to_the_latest_routine_not_an_earlier_one(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    for before, after in ((8, 6), (5, 2)):
        recorder.on_session_started(*ROUTINE, fake_clock.wall())
        fake_clock.advance(300)
        recorder.on_session_ended(True, fake_clock.wall())
        recorder.on_pain_rated(before, after)
        fake_clock.advance(3600)
    with read_back(db_path) as other:
        scores = [(s.pain_before, s.pain_after) for s in other.sessions()]
    assert scores == [(8, 6), (5, 2)]


def test_a_pain_score_out_of_range_is_left_out_and_nothing_raises(
    recorder: HistoryRecorder,
    fake_clock: FakeClock,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    recorder.on_session_ended(True, fake_clock.wall() + 300)
    with caplog.at_level(logging.ERROR):
        recorder.on_pain_rated(11, 3)
    session = the_one_session(db_path)
    assert (session.pain_before, session.pain_after) == (None, 3)
    assert "11" in caplog.text


def test_a_break_taken_from_a_reminder_is_recorded_with_its_due_time(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    due = fake_clock.wall()
    taken = BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, due, due + 30, 1800.0, completed=True)
    recorder.on_break_outcome(taken)
    with read_back(db_path) as other:
        (record,) = other.breaks()
    assert (record.outcome, record.due_wall, record.at_wall) == ("taken", due, due + 30)


def test_a_break_started_without_a_reminder_is_recorded_as_due_when_taken(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    at = fake_clock.wall()
    unprompted = BreakOutcome(Outcome.TAKEN, Cause.UNPROMPTED, None, at, 1800.0)
    recorder.on_break_outcome(unprompted)
    with read_back(db_path) as other:
        (record,) = other.breaks()
    assert record.due_wall == record.at_wall == at


def test_every_break_outcome_is_recorded(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    for outcome in Outcome:
        at = fake_clock.wall()
        recorder.on_break_outcome(BreakOutcome(outcome, Cause.ANSWERED, at - 5, at, 1800.0))
        fake_clock.advance(60)
    with read_back(db_path) as other:
        kinds = [b.outcome for b in other.breaks()]
    assert kinds == ["taken", "snoozed", "skipped", "missed", "declined"]


def test_history_changed_is_sent_when_a_routine_ends(
    recorder: HistoryRecorder, fake_clock: FakeClock, qtbot: QtBot
) -> None:
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    with qtbot.waitSignal(recorder.history_changed, timeout=1000):
        recorder.on_session_ended(True, fake_clock.wall() + 60)


def test_history_changed_is_sent_when_a_break_ends(
    recorder: HistoryRecorder, fake_clock: FakeClock, qtbot: QtBot
) -> None:
    at = fake_clock.wall()
    with qtbot.waitSignal(recorder.history_changed, timeout=1000):
        recorder.on_break_outcome(BreakOutcome(Outcome.SKIPPED, Cause.ANSWERED, at, at, 1800.0))


def test_a_damaged_file_is_moved_aside_and_reported(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path, qtbot: QtBot
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database, it was damaged" * 10)
    with qtbot.waitSignal(recorder.problem_found, timeout=1000):
        recorder.on_break_outcome(
            BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, None, fake_clock.wall(), 1800.0)
        )
    kept = recorder.store.recovered_from
    assert kept is not None and kept.name.startswith("history.db.corrupt-")
    assert kept.read_bytes().startswith(b"this is not a database")
    with read_back(db_path) as other:
        assert len(other.breaks()) == 1


def test_news_of_a_damaged_file_waits_until_the_routine_ends(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path, qtbot: QtBot
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    reports: list[bool] = []
    recorder.problem_found.connect(lambda: reports.append(True))
    recorder.on_session_started(*ROUTINE, fake_clock.wall())
    recorder.on_step_ended(0, "completed")
    assert reports == []
    recorder.on_session_ended(True, fake_clock.wall() + 60)
    assert reports == [True]


def test_a_damaged_file_is_reported_once(
    recorder: HistoryRecorder, fake_clock: FakeClock, db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    reports: list[bool] = []
    recorder.problem_found.connect(lambda: reports.append(True))
    for _ in range(3):
        at = fake_clock.wall()
        recorder.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))
        fake_clock.advance(600)
    assert reports == [True]


def test_steps_reported_with_no_routine_playing_are_ignored(
    recorder: HistoryRecorder, db_path: Path
) -> None:
    recorder.on_step_ended(0, "completed")
    recorder.on_session_ended(True, 1_767_225_600.0)
    assert not recorder.is_open


def test_the_app_records_nothing_and_loads_no_sqlite_until_history_is_used() -> None:
    # A fresh interpreter: the test session itself has loaded sqlite3 long ago.
    script = (
        "import sys\n"
        "from backease_desktop.app import BackEase, create_application\n"
        "from backease_desktop.launch import LaunchRequest\n"
        "app = create_application(['backease'])\n"
        "backease = BackEase(app, LaunchRequest())\n"
        "backease.finish_start()\n"
        "print('sqlite3' in sys.modules, backease.history.is_open)\n"
        "backease.window.open_page('progress')\n"
        "print('sqlite3' in sys.modules, backease.history.is_open)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True"]


def test_a_locked_file_is_reported_retried_on_a_timer_and_the_records_land(
    db_path: Path, fake_clock: FakeClock, qtbot: QtBot
) -> None:
    import sqlite3

    from backease_desktop.core.history.problems import RETRY_DELAYS_S

    recorder = HistoryRecorder(fake_clock, db_path, tz=timezone.utc)
    recorder.store.open()
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    at = fake_clock.wall()
    with qtbot.waitSignal(recorder.problem_found, timeout=1000):
        recorder.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))
    assert recorder.store.unavailable_reason == (
        f"another program is using the history file {db_path}"
    )
    assert recorder.retry_scheduled
    assert recorder.records_only_in_memory() == 1  # the last try before quitting fails too
    other.execute("COMMIT")
    other.close()
    fake_clock.advance(RETRY_DELAYS_S[-1])
    with (
        qtbot.waitSignal(recorder.problem_solved, timeout=1000),
        qtbot.waitSignal(recorder.history_changed, timeout=1000),
    ):
        assert recorder.retry_now() == 1
    assert not recorder.retry_scheduled
    assert recorder.records_only_in_memory() == 0
    with read_back(db_path) as other_store:
        assert [b.outcome for b in other_store.breaks()] == ["taken"]


def test_the_retry_timer_fires_by_itself(
    db_path: Path, fake_clock: FakeClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import backease_desktop.core.history.problems as problems

    # The first try comes at once (the fake clock does not move the real timer).
    monkeypatch.setattr(problems, "RETRY_DELAYS_S", (0.0,))
    db_path.parent.mkdir(parents=True)
    db_path.mkdir()  # a folder where the file belongs
    recorder = HistoryRecorder(fake_clock, db_path, tz=timezone.utc)
    at = fake_clock.wall()
    recorder.on_break_outcome(BreakOutcome(Outcome.TAKEN, Cause.ANSWERED, at, at, 1800.0))
    assert recorder.store.waiting_records == 1
    db_path.rmdir()
    qtbot.waitUntil(lambda: recorder.store.waiting_records == 0, timeout=5000)
    with read_back(db_path) as other:
        assert len(other.breaks()) == 1
