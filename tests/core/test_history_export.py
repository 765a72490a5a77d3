"""Export to CSV: a header row, one row per session or break in time order, ISO 8601
times with their UTC offset, and titles with commas and quotes that survive the trip."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import HistoryStore
from backease_desktop.core.history.export import COLUMNS

PARIS = ZoneInfo("Europe/Paris")
HEADER = [
    "kind",
    "id",
    "time",
    "end_time",
    "due_time",
    "outcome",
    "routine_id",
    "routine_title",
    "steps_completed",
    "steps_skipped",
    "pain_before",
    "pain_after",
]


def local(y: int, m: int, d: int, hh: int, mm: int = 0, ss: int = 0) -> float:
    return datetime(y, m, d, hh, mm, ss, tzinfo=PARIS).timestamp()


@pytest.fixture
def store(tmp_path: Path, fake_clock: FakeClock) -> Iterator[HistoryStore]:
    history = HistoryStore(tmp_path / "history.db", fake_clock, tz=PARIS)
    yield history
    history.close()


def exported(store: HistoryStore) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    store.export_csv(out)
    out.seek(0)
    return list(csv.DictReader(out))


def test_empty_history_exports_just_the_header(store: HistoryStore, tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    assert store.export_csv(target) == 0
    assert target.read_bytes() == (",".join(HEADER) + "\r\n").encode()


def test_columns_are_the_documented_ones() -> None:
    assert list(COLUMNS) == HEADER


def test_session_row_has_every_field_and_iso_times_with_offset(store: HistoryStore) -> None:
    sid = store.start_session("desk-reset", "Desk reset", local(2026, 1, 14, 9, 5, 30), 6)
    store.record_step(sid, 0, "completed", at_wall=local(2026, 1, 14, 9, 6))
    store.record_step(sid, 1, "skipped", at_wall=local(2026, 1, 14, 9, 7))
    store.finish_session(sid, local(2026, 1, 14, 9, 12), completed=True, pain_after=3)

    [row] = exported(store)
    assert row == {
        "kind": "session",
        "id": str(sid),
        "time": "2026-01-14T09:05:30+01:00",
        "end_time": "2026-01-14T09:12:00+01:00",
        "due_time": "",
        "outcome": "completed",
        "routine_id": "desk-reset",
        "routine_title": "Desk reset",
        "steps_completed": "1",
        "steps_skipped": "1",
        "pain_before": "6",
        "pain_after": "3",
    }


def test_break_row_has_its_due_time_and_outcome(store: HistoryStore) -> None:
    bid = store.record_break(local(2026, 7, 1, 10), "snoozed", local(2026, 7, 1, 10, 0, 45))
    [row] = exported(store)
    assert row["kind"] == "break"
    assert row["id"] == str(bid)
    assert row["time"] == "2026-07-01T10:00:45+02:00"  # summer time
    assert row["due_time"] == "2026-07-01T10:00:00+02:00"
    assert row["outcome"] == "snoozed"
    assert [row[c] for c in HEADER[6:]] == [""] * 6
    assert row["end_time"] == ""


def test_a_break_declined_at_the_check_is_exported_as_declined(store: HistoryStore) -> None:
    store.record_break(local(2026, 7, 1, 10), "declined", local(2026, 7, 1, 10, 0, 20))
    store.record_break(local(2026, 7, 1, 11), "taken", local(2026, 7, 1, 11, 3))
    assert [(row["kind"], row["outcome"]) for row in exported(store)] == [
        ("break", "declined"),
        ("break", "taken"),
    ]


def test_times_parse_back_to_the_same_instants(store: HistoryStore) -> None:
    wall = local(2026, 10, 25, 2, 30)  # the hour that happens twice in Paris
    store.record_break(wall - 60, "taken", wall)
    [row] = exported(store)
    assert datetime.fromisoformat(row["time"]).timestamp() == wall
    assert datetime.fromisoformat(row["due_time"]).timestamp() == wall - 60


def test_unfinished_and_stopped_sessions_say_so(store: HistoryStore) -> None:
    stopped = store.start_session("r", "R", local(2026, 1, 1, 8))
    store.finish_session(stopped, local(2026, 1, 1, 8, 5), completed=False)
    store.start_session("r", "R", local(2026, 1, 1, 9))
    rows = exported(store)
    assert [(r["outcome"], r["end_time"]) for r in rows] == [
        ("stopped", "2026-01-01T08:05:00+01:00"),
        ("unfinished", ""),
    ]
    assert rows[1]["pain_before"] == ""


def test_titles_with_commas_quotes_and_newlines_survive(store: HistoryStore) -> None:
    title = 'Evening wind-down, "slow"\nand gentle; ß'
    store.start_session("evening", title, local(2026, 1, 1, 20))
    out = io.StringIO(newline="")
    store.export_csv(out)
    assert '"Evening wind-down, ""slow""' in out.getvalue()
    [row] = exported(store)
    assert row["routine_title"] == title


def test_sessions_and_breaks_are_merged_in_time_order(store: HistoryStore) -> None:
    store.record_break(local(2026, 1, 1, 9), "taken", local(2026, 1, 1, 9))
    store.start_session("r", "R", local(2026, 1, 1, 8))
    store.record_break(local(2026, 1, 1, 7), "missed", local(2026, 1, 1, 7))
    store.start_session("r", "R", local(2026, 1, 1, 10))
    kinds = [(r["kind"], r["time"][11:16]) for r in exported(store)]
    assert kinds == [
        ("break", "07:00"),
        ("session", "08:00"),
        ("break", "09:00"),
        ("session", "10:00"),
    ]


def test_time_zone_can_be_chosen_for_the_export(store: HistoryStore) -> None:
    store.record_break(local(2026, 1, 1, 9), "taken", local(2026, 1, 1, 9))
    out = io.StringIO(newline="")
    store.export_csv(out, tz=ZoneInfo("America/New_York"))
    out.seek(0)
    [row] = list(csv.DictReader(out))
    assert row["time"] == "2026-01-01T03:00:00-05:00"


def test_export_to_a_path_replaces_an_existing_file_and_counts_records(
    store: HistoryStore, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir()
    target.write_text("an older export\n")
    store.record_break(local(2026, 1, 1, 9), "taken", local(2026, 1, 1, 9))
    store.start_session("r", "R", local(2026, 1, 1, 8))
    assert store.export_csv(str(target)) == 2
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert len(lines) == 3
    assert [p.name for p in target.parent.iterdir()] == ["history.csv"]  # no leftovers


def test_failed_export_leaves_the_existing_file_alone(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "history.csv"
    target.write_text("an older export\n")
    store.start_session("r", "R", local(2026, 1, 1, 8))

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr("backease_desktop.core.history.export.write_csv", broken)
    with pytest.raises(OSError):
        store.export_csv(target)
    assert target.read_text() == "an older export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
