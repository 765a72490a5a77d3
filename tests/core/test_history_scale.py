"""The history at scale: 100,000 sessions and 200,000 breaks built by the benchmark's
generator, and the Progress page and clinician summary still right on it (checked against
counting every record by hand). How fast is for the benchmark harness to say, not here."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import CURRENT_VERSION, BreakCounts, HistoryStore

PARIS = ZoneInfo("Europe/Paris")
SESSIONS = 100_000
BREAKS = 200_000
END = 1_767_225_600.0  # the generated history ends 2026-01-01 00:00 UTC
DAY_S = 86_400.0


def load_generator() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_history.py"
    spec = importlib.util.spec_from_file_location("generate_history", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "history.db"
    load_generator().generate(path, sessions=SESSIONS, breaks=BREAKS, end_wall=END, seed=7)
    return path


def test_generator_builds_the_requested_history_with_the_apps_schema(big_history: Path) -> None:
    conn = sqlite3.connect(big_history)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == SESSIONS
        assert conn.execute("SELECT count(*) FROM breaks").fetchone()[0] == BREAKS
        assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        outcomes = {row[0] for row in conn.execute("SELECT DISTINCT outcome FROM breaks")}
        unfinished = conn.execute("SELECT count(*) FROM sessions WHERE ended IS NULL")
        assert outcomes == {"taken", "snoozed", "skipped", "missed"}
        assert unfinished.fetchone()[0] > 0
    finally:
        conn.close()


class Oracle:
    """Every record's local day worked out one by one, the slow and obvious way."""

    def __init__(self, path: Path, tz: ZoneInfo) -> None:
        conn = sqlite3.connect(path)
        try:
            self.sessions = conn.execute(
                "SELECT id, started, ended, completed, pain_before, pain_after FROM sessions"
            ).fetchall()
            self.breaks = conn.execute("SELECT at, outcome FROM breaks").fetchall()
        finally:
            conn.close()
        self.tz = tz
        self.session_day = {row[0]: self.day(row[1]) for row in self.sessions}
        self.break_days = [(self.day(at), outcome) for at, outcome in self.breaks]

    def day(self, wall: float) -> date:
        return datetime.fromtimestamp(wall, self.tz).date()

    def active_days(self) -> set[date]:
        days = {self.session_day[row[0]] for row in self.sessions if row[3]}
        days |= {day for day, outcome in self.break_days if outcome == "taken"}
        return days

    def streak(self, today: date) -> tuple[int, bool]:
        days = self.active_days()
        first = today if today in days else today - timedelta(days=1)
        count = 0
        while first - timedelta(days=count) in days:
            count += 1
        return count, today in days

    def routines(self, first: date, last: date, completed: bool) -> int:
        return sum(
            1
            for row in self.sessions
            if bool(row[3]) == completed and first <= self.session_day[row[0]] <= last
        )

    def breaks_between(self, first: date, last: date) -> BreakCounts:
        counts = Counter(outcome for day, outcome in self.break_days if first <= day <= last)
        return BreakCounts(**counts)

    def pain_ids(self, first: date, last: date) -> list[int]:
        rows = [
            row
            for row in self.sessions
            if first <= self.session_day[row[0]] <= last
            and (row[4] is not None or row[5] is not None)
        ]
        return [row[0] for row in sorted(rows, key=lambda r: (r[1], r[0]))]


def test_progress_on_a_large_history_matches_counting_every_record(
    big_history: Path,
) -> None:
    now = END - 5 * 3600  # an evening inside the generated years
    with HistoryStore(big_history, FakeClock(wall=now), tz=PARIS) as history:
        stats = history.progress()
        summary = history.clinician_summary(12)
    oracle = Oracle(big_history, PARIS)
    today = oracle.day(now)
    week_first = today - timedelta(days=today.weekday())
    period_first = today - timedelta(days=29)

    assert stats.today == today
    assert (stats.streak_days, stats.streak_includes_today) == oracle.streak(today)
    assert stats.streak_days > 1000  # the generator fills every day: a long walk back
    assert stats.week_routines == oracle.routines(week_first, week_first + timedelta(days=6), True)
    assert stats.week_breaks == oracle.breaks_between(week_first, week_first + timedelta(days=6))
    assert stats.period_routines == oracle.routines(period_first, today, True)
    assert stats.period_breaks == oracle.breaks_between(period_first, today)
    assert [p.session_id for p in stats.pain_series] == oracle.pain_ids(period_first, today)

    first = today - timedelta(days=83)
    assert summary.first_day == first
    assert summary.routines_done == oracle.routines(first, today, True)
    assert summary.routines_not_finished == oracle.routines(first, today, False)
    assert summary.breaks == oracle.breaks_between(first, today)
    assert [r.session_id for r in summary.pain_rows] == oracle.pain_ids(first, today)


def test_known_records_after_a_large_history_give_exact_figures(
    big_history: Path, tmp_path: Path
) -> None:
    path = tmp_path / "history.db"
    shutil.copyfile(big_history, path)
    # Two months after the generated years end, so only these records are in reach.
    today = date(2026, 3, 4)  # a Wednesday

    def at(days_back: int, hour: int) -> float:
        day = today - timedelta(days=days_back)
        return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS).timestamp()

    with HistoryStore(path, FakeClock(wall=at(0, 18)), tz=PARIS) as history:
        for days_back in (0, 1, 2):
            history.record_break(at(days_back, 10), "taken", at(days_back, 10))
        history.record_break(at(0, 11), "skipped", at(0, 11))
        history.record_break(at(5, 11), "missed", at(5, 11))
        sid = history.start_session("desk-reset", "Desk reset", at(3, 9), pain_before=7)
        history.finish_session(sid, at(3, 9) + 600, completed=True, pain_after=4)
        stats = history.progress()

    assert (stats.streak_days, stats.streak_includes_today) == (4, True)
    assert stats.week_first_day == date(2026, 3, 2)
    assert stats.week_routines == 0  # the routine was on Sunday, the week before
    assert stats.week_breaks == BreakCounts(taken=3, skipped=1)
    assert stats.period_routines == 1
    assert stats.period_breaks == BreakCounts(taken=3, skipped=1, missed=1)
    assert [(p.session_id, p.day, p.before, p.after) for p in stats.pain_series] == [
        (sid, date(2026, 3, 1), 7, 4)
    ]


def plans_of_statements_run_by(history: HistoryStore, action: str) -> list[str]:
    """EXPLAIN QUERY PLAN for every statement the store runs during `action`."""
    conn = history._file.connection()  # the store's own connection: the one whose plans count
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        getattr(history, action)()
    finally:
        conn.set_trace_callback(None)
    probe = sqlite3.connect(history.path)
    try:
        return [
            detail
            for sql in statements
            if sql.lstrip().upper().startswith(("SELECT", "WITH"))
            for *_, detail in probe.execute("EXPLAIN QUERY PLAN " + sql)
        ]
    finally:
        probe.close()


@pytest.mark.parametrize("action", ["progress", "clinician_summary"])
def test_progress_queries_never_scan_a_whole_table(big_history: Path, action: str) -> None:
    with HistoryStore(big_history, FakeClock(wall=END), tz=PARIS) as history:
        plans = plans_of_statements_run_by(history, action)
    assert plans
    # The only scans allowed are of constants: the list of days the streak query is
    # given, and the one row that holds several counts.
    scans = {p for p in plans if p.startswith("SCAN")}
    assert scans <= {"SCAN days", "SCAN 120 CONSTANT ROWS", "SCAN CONSTANT ROW"}
    assert any(p.startswith("SEARCH sessions USING") for p in plans)
    assert any(p.startswith("SEARCH breaks USING COVERING INDEX") for p in plans)


def test_opening_a_large_history_reads_no_table(
    big_history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    with HistoryStore(big_history, FakeClock(wall=END)) as history:
        history.open()
    assert statements, "the trace saw nothing"
    history_tables = ("sessions", "breaks", "session_steps")
    assert not [s for s in statements if any(t in s for t in history_tables)]
