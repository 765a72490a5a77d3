"""The Progress page's figures and the clinician summary, read from the history database.

Every question is asked as "between these two instants", with the instants worked out in
Python from local days in a given time zone, so days of 23 or 25 hours (DST) and travel
across time zones come out right, and each query is an index range scan."""

from __future__ import annotations

import sqlite3
import time as _time
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from backease_desktop.core.history.records import (
    BreakCounts,
    ClinicianSummary,
    PainPoint,
    PainRow,
    ProgressStats,
    WeekTotals,
    session_outcome,
)

# Days probed per query while walking a streak backwards: 3 bound parameters a day stays
# under SQLite's oldest limit of 999 parameters, and one query covers most streaks.
_STREAK_CHUNK_DAYS = 120
_DAY_S = 86_400.0


class LocalCalendar:
    """Local days in one time zone. `tz=None` means the computer's own zone (with its DST
    rules, through the C library), which is what the app uses; tests pass a ZoneInfo."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self.tz = tz
        self._fixed_zones: dict[int, timezone] = {}

    def local(self, wall: float) -> datetime:
        """The instant as an aware local datetime (its UTC offset is the one in force then)."""
        if self.tz is not None:
            return datetime.fromtimestamp(wall, self.tz)
        # The C library knows the offset in force at that instant; a fixed-offset zone per
        # offset is much cheaper than naive.astimezone() when exporting many rows.
        offset_s = _time.localtime(wall).tm_gmtoff
        zone = self._fixed_zones.get(offset_s)
        if zone is None:
            zone = self._fixed_zones[offset_s] = timezone(timedelta(seconds=offset_s))
        return datetime.fromtimestamp(wall, zone)

    def _wall_clock(self, wall: float) -> datetime:
        """Local date and time of day (naive for the system zone, with fold set)."""
        if self.tz is None:
            return datetime.fromtimestamp(wall)
        return datetime.fromtimestamp(wall, self.tz)

    def day_of(self, wall: float) -> date:
        return self._wall_clock(wall).date()

    def start_of(self, day: date) -> float:
        """The first instant of a local day. Where midnight does not exist (a DST jump at
        midnight), fold=0 gives the instant of the jump, which is when that day begins."""
        midnight = datetime.combine(day, time())
        if self.tz is None:
            return midnight.timestamp()
        return midnight.replace(tzinfo=self.tz).timestamp()

    def day_starts(self, first: date, count: int) -> list[float]:
        """start_of for `count` consecutive days from `first`. A day that begins at midnight
        with the UTC offset of the next day's midnight lasts exactly 24 hours, so each start
        is the one before plus a day unless the offset changed (a DST change), and only then
        worked out in full: a long streak costs one offset lookup a day."""
        start = self.start_of(first)
        starts = [start]
        offset, at_midnight = self._offset_s(start), self._is_midnight_of(start, first)
        for n in range(1, count):
            guess = start + _DAY_S
            if at_midnight and self._offset_s(guess) == offset:
                start = guess
            else:
                day = first + timedelta(days=n)
                start = self.start_of(day)
                offset, at_midnight = self._offset_s(start), self._is_midnight_of(start, day)
            starts.append(start)
        return starts

    def _offset_s(self, wall: float) -> int:
        """The UTC offset in force at the instant, in seconds."""
        if self.tz is None:
            return _time.localtime(wall).tm_gmtoff
        offset = datetime.fromtimestamp(wall, self.tz).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def _is_midnight_of(self, wall: float, day: date) -> bool:
        """Whether the instant reads 00:00:00 on `day` on the local clock. Not so for a day
        whose midnight a DST change skipped (it begins later), nor for a day the zone
        skipped altogether (Samoa's 30 December 2011: its start is the next day's)."""
        seen = self._wall_clock(wall)
        return (
            seen.date() == day and seen.hour == seen.minute == seen.second == 0 == seen.microsecond
        )


def _break_counts(conn: sqlite3.Connection, lo: float, hi: float) -> BreakCounts:
    row = conn.execute(
        """
        SELECT
            (SELECT count(*) FROM breaks WHERE outcome = 'taken' AND at >= :lo AND at < :hi),
            (SELECT count(*) FROM breaks WHERE outcome = 'snoozed' AND at >= :lo AND at < :hi),
            (SELECT count(*) FROM breaks WHERE outcome = 'skipped' AND at >= :lo AND at < :hi),
            (SELECT count(*) FROM breaks WHERE outcome = 'missed' AND at >= :lo AND at < :hi),
            (SELECT count(*) FROM breaks WHERE outcome = 'declined' AND at >= :lo AND at < :hi)
        """,
        {"lo": lo, "hi": hi},
    ).fetchone()
    return BreakCounts(taken=row[0], snoozed=row[1], skipped=row[2], missed=row[3], declined=row[4])


def _routine_count(conn: sqlite3.Connection, completed: bool, lo: float, hi: float) -> int:
    row = conn.execute(
        "SELECT count(*) FROM sessions WHERE completed = ? AND started >= ? AND started < ?",
        (int(completed), lo, hi),
    ).fetchone()
    return int(row[0])


def _inactive_days(conn: sqlite3.Connection, bounds: list[tuple[int, float, float]]) -> set[int]:
    """Of the numbered days (number, first instant, first instant of the next day), those
    without a completed routine or a break taken."""
    values = ", ".join("(?, ?, ?)" for _ in bounds)
    params = [value for day in bounds for value in day]
    rows = conn.execute(
        f"""
        WITH days (i, lo, hi) AS (VALUES {values})
        SELECT i FROM days
        WHERE NOT EXISTS (
                SELECT 1 FROM sessions
                WHERE completed = 1 AND started >= days.lo AND started < days.hi)
            AND NOT EXISTS (
                SELECT 1 FROM breaks
                WHERE outcome = 'taken' AND at >= days.lo AND at < days.hi)
        """,
        params,
    ).fetchall()
    return {int(row[0]) for row in rows}


def streak(conn: sqlite3.Connection, today: date, cal: LocalCalendar) -> tuple[int, bool]:
    """(days in the current streak, whether today is one of them). Walks back from today a
    chunk of days per query, so the cost grows with the streak, not with the history."""
    start: int | None = None  # 0 when today counts, 1 when the streak ends yesterday
    base = 0  # days before today where this chunk ends
    while True:
        oldest = today - timedelta(days=base + _STREAK_CHUNK_DAYS - 1)
        # Ascending starts from the oldest day through the day after the newest one.
        starts = cal.day_starts(oldest, _STREAK_CHUNK_DAYS + 1)
        bounds = [
            (base + _STREAK_CHUNK_DAYS - 1 - k, starts[k], starts[k + 1])
            for k in range(_STREAK_CHUNK_DAYS)
        ]
        inactive = _inactive_days(conn, bounds)
        if start is None:
            start = 1 if 0 in inactive else 0
        gaps = [i for i in inactive if i >= start]
        if gaps:
            return min(gaps) - start, start == 0
        base += _STREAK_CHUNK_DAYS


def _pain_sessions(
    conn: sqlite3.Connection, lo: float, hi: float
) -> list[tuple[int, float, str, int | None, int | None, float | None, int]]:
    return conn.execute(
        """
        SELECT id, started, routine_title, pain_before, pain_after, ended, completed
        FROM sessions
        WHERE started >= ? AND started < ?
            AND (pain_before IS NOT NULL OR pain_after IS NOT NULL)
        ORDER BY started, id
        """,
        (lo, hi),
    ).fetchall()


def progress(
    conn: sqlite3.Connection,
    now: float,
    cal: LocalCalendar,
    period_days: int = 30,
    week_starts_on: int = 0,
) -> ProgressStats:
    """The Progress page at `now`. The week is the calendar week holding today, starting on
    `week_starts_on` (0 = Monday ... 6 = Sunday); the period is the last `period_days` local
    days, today included."""
    if period_days < 1:
        raise ValueError("the period must be at least one day")
    if not 0 <= week_starts_on <= 6:
        raise ValueError("week_starts_on is 0 (Monday) to 6 (Sunday)")
    today = cal.day_of(now)
    tomorrow_start = cal.start_of(today + timedelta(days=1))

    week_first = today - timedelta(days=(today.weekday() - week_starts_on) % 7)
    week_lo = cal.start_of(week_first)
    week_hi = cal.start_of(week_first + timedelta(days=7))

    period_lo = cal.start_of(today - timedelta(days=period_days - 1))

    streak_days, includes_today = streak(conn, today, cal)
    pain_series = tuple(
        PainPoint(
            session_id=row[0],
            started_wall=row[1],
            day=cal.day_of(row[1]),
            routine_title=row[2],
            before=row[3],
            after=row[4],
        )
        for row in _pain_sessions(conn, period_lo, tomorrow_start)
    )
    return ProgressStats(
        today=today,
        streak_days=streak_days,
        streak_includes_today=includes_today,
        week_first_day=week_first,
        week_routines=_routine_count(conn, True, week_lo, week_hi),
        week_breaks=_break_counts(conn, week_lo, week_hi),
        period_days=period_days,
        period_routines=_routine_count(conn, True, period_lo, tomorrow_start),
        period_breaks=_break_counts(conn, period_lo, tomorrow_start),
        pain_series=pain_series,
    )


def _add(a: BreakCounts, b: BreakCounts) -> BreakCounts:
    return BreakCounts(
        taken=a.taken + b.taken,
        snoozed=a.snoozed + b.snoozed,
        skipped=a.skipped + b.skipped,
        missed=a.missed + b.missed,
        declined=a.declined + b.declined,
    )


def clinician_summary(
    conn: sqlite3.Connection, weeks: int, now: float, cal: LocalCalendar
) -> ClinicianSummary:
    """The last `weeks` whole weeks of local days, ending with today, week by week."""
    if not 1 <= weeks <= 52:
        raise ValueError(f"a summary covers 1 to 52 weeks, not {weeks}")
    last_day = cal.day_of(now)
    first_day = last_day - timedelta(days=7 * weeks - 1)
    starts = cal.day_starts(first_day, 7 * weeks + 1)
    weekly: list[WeekTotals] = []
    for week in range(weeks):
        week_first = first_day + timedelta(days=7 * week)
        lo, hi = starts[7 * week], starts[7 * week + 7]
        weekly.append(
            WeekTotals(
                first_day=week_first,
                routines_done=_routine_count(conn, True, lo, hi),
                routines_not_finished=_routine_count(conn, False, lo, hi),
                breaks=_break_counts(conn, lo, hi),
            )
        )
    breaks = BreakCounts()
    for totals in weekly:
        breaks = _add(breaks, totals.breaks)

    rows = _pain_sessions(conn, cal.start_of(first_day), cal.start_of(last_day + timedelta(days=1)))
    pain_rows = tuple(
        PainRow(
            session_id=row[0],
            started=cal.local(row[1]),
            routine_title=row[2],
            outcome=session_outcome(row[5], row[6]),
            before=row[3],
            after=row[4],
        )
        for row in rows
    )
    pairs = [(row.before, row.after) for row in pain_rows]
    both = [(b, a) for b, a in pairs if b is not None and a is not None]
    return ClinicianSummary(
        weeks=weeks,
        first_day=first_day,
        last_day=last_day,
        routines_done=sum(w.routines_done for w in weekly),
        routines_not_finished=sum(w.routines_not_finished for w in weekly),
        breaks=breaks,
        weekly=tuple(weekly),
        pain_rows=pain_rows,
        mean_pain_before=sum(b for b, _ in both) / len(both) if both else None,
        mean_pain_after=sum(a for _, a in both) / len(both) if both else None,
    )
