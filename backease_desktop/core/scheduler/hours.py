"""Local time for the scheduler: wall-clock seconds to and from local dates, and whether a moment
falls in the user's working hours. Everything else in the scheduler runs on the monotonic clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from backease_desktop.core.scheduler.config import ScheduleConfig

# A timer may fire a little early (Qt's coarse timers up to 5 %); a wall-clock target this
# close counts as reached, so a deadline handed out is always further away than this.
EARLY_S = 0.05


class LocalTime:
    """Converts epoch seconds to local dates and back, in `tz` or in the system's zone."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self.tz = tz

    def at(self, wall: float) -> datetime:
        if self.tz is None:
            return datetime.fromtimestamp(wall).astimezone()
        return datetime.fromtimestamp(wall, self.tz)

    def wall_of(self, day: date, clock_time: time) -> float:
        """Epoch seconds of `clock_time` on `day`; a time skipped by a DST change maps to the
        moment just after the change, as zoneinfo and mktime both do."""
        return datetime.combine(day, clock_time, tzinfo=self.tz).timestamp()


class WorkingHours:
    """The spans of local time in which reminders may fall due. Both ends are included: the
    reminder that closes the last full interval of the day still shows."""

    def __init__(self, config: ScheduleConfig, local: LocalTime) -> None:
        self._config = config
        self._local = local

    @property
    def enabled(self) -> bool:
        return self._config.working_hours_enabled

    def contains(self, wall: float) -> bool:
        if not self.enabled:
            return True
        today = self._local.at(wall).date()
        # Hours that run past midnight started the day before.
        for day in (today - timedelta(days=1), today):
            if day.isoweekday() in self._config.work_days:
                start, end = self._span(day)
                if start - EARLY_S <= wall <= end:
                    return True
        return False

    def next_start(self, wall: float) -> float | None:
        """When working hours next begin after `wall`; None without working days."""
        if not self.enabled:
            return None
        today = self._local.at(wall).date()
        for offset in range(9):
            day = today + timedelta(days=offset)
            if day.isoweekday() in self._config.work_days:
                start = self._local.wall_of(day, self._config.work_start)
                if start > wall + EARLY_S:
                    return start
        return None

    def _span(self, day: date) -> tuple[float, float]:
        start_time, end_time = self._config.work_start, self._config.work_end
        start = self._local.wall_of(day, start_time)
        if end_time > start_time:
            return start, self._local.wall_of(day, end_time)
        return start, self._local.wall_of(day + timedelta(days=1), end_time)
