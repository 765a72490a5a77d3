"""The Progress page's figures and the clinician summary: streaks by local day (across
midnight, DST changes and time zones), this week, the last 30 days, and pain over time."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import BreakCounts, HistoryStore, LocalCalendar, schema
from backease_desktop.core.history.stats import streak

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
SANTIAGO = ZoneInfo("America/Santiago")  # its DST changes happen at midnight
AUCKLAND = ZoneInfo("Pacific/Auckland")


def local(y: int, m: int, d: int, hh: int = 12, mm: int = 0, tz: tzinfo = PARIS) -> float:
    return datetime(y, m, d, hh, mm, tzinfo=tz).timestamp()


@pytest.fixture
def store(tmp_path: Path, fake_clock: FakeClock) -> Iterator[HistoryStore]:
    history = HistoryStore(tmp_path / "history.db", fake_clock, tz=PARIS)
    yield history
    history.close()


def routine(
    store: HistoryStore,
    wall: float,
    completed: bool = True,
    before: int | None = None,
    after: int | None = None,
    title: str = "Desk reset",
) -> int:
    sid = store.start_session("desk-reset", title, wall, pain_before=before)
    store.finish_session(sid, wall + 300, completed=completed, pain_after=after)
    return sid


def taken(store: HistoryStore, wall: float) -> None:
    store.record_break(wall - 120, "taken", wall)


# -- streaks ------------------------------------------------------------------------------


def test_empty_history_has_no_streak_and_nothing_counted(store: HistoryStore) -> None:
    stats = store.progress(now=local(2026, 1, 14))
    assert stats.streak_days == 0
    assert stats.streak_includes_today is False
    assert stats.week_routines == 0
    assert stats.week_breaks == BreakCounts()
    assert stats.period_breaks == BreakCounts()
    assert stats.pain_series == ()


def test_streak_counts_consecutive_days_ending_today(store: HistoryStore) -> None:
    for day in (10, 11, 12, 13, 14):
        taken(store, local(2026, 1, day, 9))
    stats = store.progress(now=local(2026, 1, 14, 18))
    assert (stats.streak_days, stats.streak_includes_today) == (5, True)


def test_streak_that_ended_yesterday_still_stands_until_today_is_over(
    store: HistoryStore,
) -> None:
    for day in (11, 12, 13):
        taken(store, local(2026, 1, day, 9))
    stats = store.progress(now=local(2026, 1, 14, 8))
    assert (stats.streak_days, stats.streak_includes_today) == (3, False)


def test_day_without_anything_ends_the_streak(store: HistoryStore) -> None:
    for day in (8, 9, 11, 12, 14):
        taken(store, local(2026, 1, day, 9))
    assert store.progress(now=local(2026, 1, 14, 18)).streak_days == 1


def test_streak_is_gone_once_a_whole_day_is_missed(store: HistoryStore) -> None:
    for day in (10, 11, 12):
        taken(store, local(2026, 1, day, 9))
    assert store.progress(now=local(2026, 1, 14, 18)).streak_days == 0


def test_break_at_2330_and_one_at_0030_are_two_days(store: HistoryStore) -> None:
    taken(store, local(2026, 1, 13, 23, 30))
    taken(store, local(2026, 1, 14, 0, 30))
    stats = store.progress(now=local(2026, 1, 14, 1, 0))
    assert (stats.streak_days, stats.streak_includes_today) == (2, True)


def test_same_instants_in_another_time_zone_give_another_streak(store: HistoryStore) -> None:
    # 23:30 and 00:30 in Paris are 22:30 and 23:30 on the same day in UTC.
    taken(store, local(2026, 1, 13, 23, 30))
    taken(store, local(2026, 1, 14, 0, 30))
    now = local(2026, 1, 14, 0, 50)  # 23:50 UTC
    assert store.progress(now=now, tz=PARIS).streak_days == 2
    in_utc = store.progress(now=now, tz=UTC)
    assert (in_utc.today, in_utc.streak_days) == (date(2026, 1, 13), 1)


def test_only_breaks_taken_and_routines_completed_keep_a_streak(store: HistoryStore) -> None:
    store.record_break(local(2026, 1, 13, 9), "skipped", local(2026, 1, 13, 9))
    store.record_break(local(2026, 1, 13, 10), "snoozed", local(2026, 1, 13, 10))
    store.record_break(local(2026, 1, 13, 11), "missed", local(2026, 1, 13, 11))
    routine(store, local(2026, 1, 13, 12), completed=False)
    store.start_session("desk-reset", "Desk reset", local(2026, 1, 13, 14))  # never ended
    assert store.progress(now=local(2026, 1, 14, 8)).streak_days == 0


def test_a_break_declined_at_the_check_keeps_no_streak(store: HistoryStore) -> None:
    store.record_break(local(2026, 1, 13, 9), "declined", local(2026, 1, 13, 9, 1))
    taken(store, local(2026, 1, 12, 9))
    stats = store.progress(now=local(2026, 1, 14, 8))
    assert stats.streak_days == 0


def test_breaks_declined_at_the_check_are_counted_apart_from_taken_and_skipped(
    store: HistoryStore,
) -> None:
    store.record_break(local(2026, 1, 13, 9), "declined", local(2026, 1, 13, 9, 1))
    store.record_break(local(2026, 1, 13, 10), "declined", local(2026, 1, 13, 10, 1))
    taken(store, local(2026, 1, 13, 11))
    store.record_break(local(2026, 1, 13, 12), "skipped", local(2026, 1, 13, 12))
    stats = store.progress(now=local(2026, 1, 14, 8))
    expected = BreakCounts(taken=1, skipped=1, declined=2)
    assert (stats.week_breaks, stats.period_breaks) == (expected, expected)
    summary = store.clinician_summary(weeks=4, now=local(2026, 1, 14, 8))
    assert summary.breaks == expected


def test_completed_routine_alone_keeps_a_streak(store: HistoryStore) -> None:
    routine(store, local(2026, 1, 13, 20))
    routine(store, local(2026, 1, 14, 7))
    assert store.progress(now=local(2026, 1, 14, 8)).streak_days == 2


def test_routine_belongs_to_the_day_it_started(store: HistoryStore) -> None:
    sid = store.start_session("evening", "Evening", local(2026, 1, 13, 23, 58))
    store.finish_session(sid, local(2026, 1, 14, 0, 10), completed=True)
    stats = store.progress(now=local(2026, 1, 14, 8))
    assert (stats.streak_days, stats.streak_includes_today) == (1, False)


def test_streak_across_the_23_hour_day_when_clocks_go_forward(store: HistoryStore) -> None:
    # Paris moves to summer time on 29 March 2026; 23:45 that evening is still the 29th.
    for day in (27, 28, 29):
        taken(store, local(2026, 3, day, 23, 45))
    stats = store.progress(now=local(2026, 3, 30, 8))
    assert (stats.streak_days, stats.streak_includes_today) == (3, False)


def test_streak_across_the_25_hour_day_when_clocks_go_back(store: HistoryStore) -> None:
    # Paris returns to winter time on 25 October 2026; 00:30 that night is the 25th.
    taken(store, local(2026, 10, 24, 12))
    taken(store, local(2026, 10, 25, 0, 30))
    taken(store, local(2026, 10, 26, 9))
    stats = store.progress(now=local(2026, 10, 26, 10))
    assert (stats.streak_days, stats.streak_includes_today) == (3, True)


def test_streak_where_midnight_does_not_exist(store: HistoryStore) -> None:
    # In Santiago, 6 September 2026 starts at 01:00: the clocks jump from 00:00.
    taken(store, local(2026, 9, 5, 23, 50, tz=SANTIAGO))
    taken(store, local(2026, 9, 6, 1, 10, tz=SANTIAGO))
    taken(store, local(2026, 9, 7, 12, tz=SANTIAGO))
    stats = store.progress(now=local(2026, 9, 7, 13, tz=SANTIAGO), tz=SANTIAGO)
    assert (stats.streak_days, stats.streak_includes_today) == (3, True)


def bulk_breaks(path: Path, walls: list[float]) -> None:
    """Many taken breaks in one transaction, for streaks longer than writing one by one
    would allow in a quick test."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO breaks (due, outcome, at) VALUES (?, 'taken', ?)",
            [(w - 60, w) for w in walls],
        )
    conn.close()


def test_streak_longer_than_one_query_is_counted_in_full(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock, tz=PARIS) as history:
        history.open()
    today = date(2026, 12, 31)
    days = [today - timedelta(days=n) for n in range(400)]
    bulk_breaks(path, [local(d.year, d.month, d.day, 20) for d in days])
    with HistoryStore(path, fake_clock, tz=PARIS) as history:
        stats = history.progress(now=local(2026, 12, 31, 21))
    assert (stats.streak_days, stats.streak_includes_today) == (400, True)


@pytest.mark.parametrize("gap", [119, 120, 121, 239, 240])
def test_gap_at_the_edge_of_a_query_ends_the_streak_there(
    tmp_path: Path, fake_clock: FakeClock, gap: int
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, fake_clock, tz=PARIS) as history:
        history.open()
    today = date(2026, 12, 31)
    days = [today - timedelta(days=n) for n in range(300) if n != gap]
    bulk_breaks(path, [local(d.year, d.month, d.day, 8) for d in days])
    with HistoryStore(path, fake_clock, tz=PARIS) as history:
        assert history.progress(now=local(2026, 12, 31, 9)).streak_days == gap


def reference_streak(days: set[date], today: date) -> tuple[int, bool]:
    first = today if today in days else today - timedelta(days=1)
    count = 0
    while first - timedelta(days=count) in days:
        count += 1
    return count, today in days


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from([PARIS, UTC, SANTIAGO, AUCKLAND]),
    events=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=260),  # days before today
            st.integers(min_value=0, max_value=86_399),  # seconds into that day (UTC-ish)
            st.sampled_from(["taken", "skipped", "done", "stopped"]),
        ),
        max_size=300,
    ),
    now_s=st.integers(min_value=0, max_value=86_399),
)
def test_streak_matches_counting_local_days_one_by_one(
    zone: ZoneInfo, events: list[tuple[int, int, str]], now_s: int
) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn, None)
    now = 1_790_000_000.0 + now_s  # September 2026, near Santiago's and Auckland's changes
    qualifying: set[date] = set()
    for days_back, second, kind in events:
        wall = now - now_s - days_back * 86_400.0 + second
        if kind in ("taken", "skipped"):
            conn.execute(
                "INSERT INTO breaks (due, outcome, at) VALUES (?, ?, ?)", (wall, kind, wall)
            )
        else:
            conn.execute(
                "INSERT INTO sessions (routine_id, routine_title, started, ended,"
                " last_activity, completed) VALUES ('r', 'R', ?, ?, ?, ?)",
                (wall, wall + 60, wall + 60, int(kind == "done")),
            )
        if kind in ("taken", "done"):
            qualifying.add(datetime.fromtimestamp(wall, zone).date())
    today = datetime.fromtimestamp(now, zone).date()
    assert streak(conn, today, LocalCalendar(zone)) == reference_streak(qualifying, today)
    conn.close()


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own time zone set to Paris for one test."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("system_zone")
def test_computers_own_time_zone_is_used_when_none_is_given(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    with HistoryStore(tmp_path / "history.db", fake_clock) as history:
        # Either side of midnight in Paris, in summer (UTC+2): 21:30 and 22:30 UTC.
        taken_at = [local(2026, 7, 13, 23, 30), local(2026, 7, 14, 0, 30)]
        for wall in taken_at:
            history.record_break(wall, "taken", wall)
        stats = history.progress(now=local(2026, 7, 14, 1))
    assert (stats.today, stats.streak_days) == (date(2026, 7, 14), 2)


@pytest.mark.usefixtures("system_zone")
def test_computers_own_time_zone_follows_its_dst_rules(tmp_path: Path) -> None:
    cal = LocalCalendar(None)
    # 29 March 2026 in Paris is 23 hours long, 25 October 25 hours.
    assert cal.start_of(date(2026, 3, 30)) - cal.start_of(date(2026, 3, 29)) == 23 * 3600
    assert cal.start_of(date(2026, 10, 26)) - cal.start_of(date(2026, 10, 25)) == 25 * 3600
    assert cal.local(local(2026, 7, 1)).utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize("zone", [PARIS, SANTIAGO, AUCKLAND, None])
def test_day_starts_agree_with_working_out_each_day_in_full(zone: ZoneInfo | None) -> None:
    cal = LocalCalendar(zone)
    first = date(2025, 12, 1)
    starts = cal.day_starts(first, 400)
    assert starts == [cal.start_of(first + timedelta(days=n)) for n in range(400)]


def test_day_starts_across_a_day_the_zone_skipped() -> None:
    # Samoa moved across the date line: 30 December 2011 never happened there.
    cal = LocalCalendar(ZoneInfo("Pacific/Apia"))
    first = date(2011, 12, 1)
    starts = cal.day_starts(first, 60)
    assert starts == [cal.start_of(first + timedelta(days=n)) for n in range(60)]


@pytest.mark.usefixtures("system_zone")
def test_day_starts_in_the_computers_own_zone_follow_its_dst_changes() -> None:
    cal = LocalCalendar(None)
    first = date(2025, 12, 1)
    starts = cal.day_starts(first, 400)
    assert starts == [cal.start_of(first + timedelta(days=n)) for n in range(400)]
    lengths = {later - earlier for earlier, later in itertools.pairwise(starts)}
    assert lengths == {23 * 3600, 24 * 3600, 25 * 3600}


# -- this week and the last 30 days --------------------------------------------------------


def test_week_counts_from_monday_in_local_time(store: HistoryStore) -> None:
    # Wednesday 14 January 2026; the week began on Monday the 12th.
    routine(store, local(2026, 1, 11, 23, 50))  # Sunday: last week
    routine(store, local(2026, 1, 12, 0, 10))
    routine(store, local(2026, 1, 14, 9))
    routine(store, local(2026, 1, 14, 10), completed=False)
    for hour, outcome in [(9, "taken"), (10, "taken"), (11, "skipped"), (12, "missed")]:
        store.record_break(local(2026, 1, 13, hour), outcome, local(2026, 1, 13, hour))  # type: ignore[arg-type]
    store.record_break(local(2026, 1, 13, 13), "snoozed", local(2026, 1, 13, 13))
    store.record_break(local(2026, 1, 11, 13), "taken", local(2026, 1, 11, 13))  # last week

    stats = store.progress(now=local(2026, 1, 14, 18))
    assert stats.week_first_day == date(2026, 1, 12)
    assert stats.week_routines == 2
    assert stats.week_breaks == BreakCounts(taken=2, snoozed=1, skipped=1, missed=1)


def test_week_can_start_on_sunday(store: HistoryStore) -> None:
    routine(store, local(2026, 1, 11, 23, 50))  # Sunday
    routine(store, local(2026, 1, 10, 23, 50))  # Saturday: the week before
    stats = store.progress(now=local(2026, 1, 14, 18), week_starts_on=6)
    assert stats.week_first_day == date(2026, 1, 11)
    assert stats.week_routines == 1


def test_period_is_the_last_30_local_days_today_included(store: HistoryStore) -> None:
    routine(store, local(2025, 12, 15, 23, 55))  # 30 days before 14 January: outside
    routine(store, local(2025, 12, 16, 0, 5))  # 29 days before: inside
    taken(store, local(2025, 12, 15, 23, 55))
    store.record_break(local(2025, 12, 16, 0, 5), "skipped", local(2025, 12, 16, 0, 5))
    stats = store.progress(now=local(2026, 1, 14, 18))
    assert stats.period_days == 30
    assert stats.period_routines == 1
    assert stats.period_breaks == BreakCounts(skipped=1)


def test_pain_series_lists_sessions_with_a_score_in_the_period_oldest_first(
    store: HistoryStore,
) -> None:
    routine(store, local(2025, 12, 1), before=9, after=8)  # too old
    both = routine(store, local(2026, 1, 2, 8), before=7, after=4)
    routine(store, local(2026, 1, 3, 8))  # no scores
    stopped = routine(store, local(2026, 1, 5, 23, 30), completed=False, before=8)
    unfinished = store.start_session("acute-spasm", "Spasm", local(2026, 1, 6, 7), pain_before=9)

    series = store.progress(now=local(2026, 1, 14, 18)).pain_series
    assert [(p.session_id, p.day, p.before, p.after) for p in series] == [
        (both, date(2026, 1, 2), 7, 4),
        (stopped, date(2026, 1, 5), 8, None),
        (unfinished, date(2026, 1, 6), 9, None),
    ]
    assert series[0].routine_title == "Desk reset"
    assert series[0].started_wall == local(2026, 1, 2, 8)


def test_progress_is_for_the_clocks_time_when_none_is_given(
    tmp_path: Path,
) -> None:
    clock = FakeClock(wall=local(2026, 1, 14, 18))
    with HistoryStore(tmp_path / "history.db", clock, tz=PARIS) as history:
        taken(history, local(2026, 1, 14, 9))
        stats = history.progress()
    assert (stats.today, stats.streak_days) == (date(2026, 1, 14), 1)


@pytest.mark.parametrize(("period", "week_start"), [(0, 0), (30, 7), (30, -1)])
def test_progress_refuses_a_period_or_week_start_that_makes_no_sense(
    store: HistoryStore, period: int, week_start: int
) -> None:
    with pytest.raises(ValueError):
        store.progress(now=local(2026, 1, 14), period_days=period, week_starts_on=week_start)


# -- clinician summary -------------------------------------------------------------------


def test_clinician_summary_covers_4_whole_weeks_ending_today(store: HistoryStore) -> None:
    routine(store, local(2025, 12, 17, 23, 59))  # the day before the first day
    routine(store, local(2025, 12, 18, 0, 1))
    routine(store, local(2025, 12, 26, 10), completed=False)
    store.start_session("r", "R", local(2025, 12, 27, 10))  # unfinished
    routine(store, local(2026, 1, 14, 9))
    taken(store, local(2025, 12, 20, 10))
    store.record_break(local(2026, 1, 10, 10), "skipped", local(2026, 1, 10, 10))
    store.record_break(local(2026, 1, 10, 11), "missed", local(2026, 1, 10, 11))

    summary = store.clinician_summary(4, now=local(2026, 1, 14, 18))
    assert (summary.first_day, summary.last_day) == (date(2025, 12, 18), date(2026, 1, 14))
    assert [w.first_day for w in summary.weekly] == [
        date(2025, 12, 18),
        date(2025, 12, 25),
        date(2026, 1, 1),
        date(2026, 1, 8),
    ]
    assert [w.routines_done for w in summary.weekly] == [1, 0, 0, 1]
    assert [w.routines_not_finished for w in summary.weekly] == [0, 2, 0, 0]
    assert [w.breaks.taken for w in summary.weekly] == [1, 0, 0, 0]
    assert (summary.routines_done, summary.routines_not_finished) == (2, 2)
    assert summary.breaks == BreakCounts(taken=1, skipped=1, missed=1)


def test_clinician_summary_of_12_weeks_has_a_row_a_week(store: HistoryStore) -> None:
    summary = store.clinician_summary(12, now=local(2026, 1, 14, 18))
    assert len(summary.weekly) == 12
    assert summary.first_day == date(2026, 1, 14) - timedelta(days=83)


def test_clinician_pain_table_and_averages(store: HistoryStore) -> None:
    routine(store, local(2026, 1, 5, 8, 15), before=8, after=5, title="Spasm, first hour")
    routine(store, local(2026, 1, 7, 8), before=6, after=5)
    routine(store, local(2026, 1, 9, 8), completed=False, before=9)  # no after: no average
    summary = store.clinician_summary(4, now=local(2026, 1, 14, 18))

    rows = [(r.started, r.routine_title, r.outcome, r.before, r.after) for r in summary.pain_rows]
    assert rows[0] == (
        datetime(2026, 1, 5, 8, 15, tzinfo=PARIS),
        "Spasm, first hour",
        "completed",
        8,
        5,
    )
    assert [r[2:] for r in rows[1:]] == [("completed", 6, 5), ("stopped", 9, None)]
    assert summary.mean_pain_before == 7.0
    assert summary.mean_pain_after == 5.0


def test_clinician_summary_without_history_has_no_averages(store: HistoryStore) -> None:
    summary = store.clinician_summary(4, now=local(2026, 1, 14))
    assert summary.pain_rows == ()
    assert summary.mean_pain_before is None
    assert summary.mean_pain_after is None
    assert summary.routines_done == 0


@pytest.mark.parametrize("weeks", [0, 53, -4])
def test_clinician_summary_weeks_must_be_1_to_52(store: HistoryStore, weeks: int) -> None:
    with pytest.raises(ValueError):
        store.clinician_summary(weeks, now=local(2026, 1, 14))
