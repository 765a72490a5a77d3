"""What the break scheduler is asked to do: the interval, working hours and days, and the
thresholds for away time, snoozes, unanswered reminders and late timers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from backease_desktop.core.intervals import MAX_INTERVAL_S, MIN_INTERVAL_S
from backease_desktop.core.settings import Options, Settings

WEEKDAYS = frozenset(range(1, 6))


@dataclass(frozen=True)
class ScheduleConfig:
    """The rules of one schedule. Times of day are local; `work_end` at or before `work_start`
    means the hours run past midnight (22:00 to 06:00), and equal times mean the whole day."""

    interval_s: float = 30 * 60
    working_hours_enabled: bool = False
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    work_days: frozenset[int] = WEEKDAYS  # ISO weekdays, 1 = Monday
    idle_threshold_s: float = 5 * 60  # away at least this long counts as a break
    break_length_s: float = 2 * 60  # asleep at least this long counts as a break
    snooze_choices_min: tuple[int, ...] = (5, 10)
    missed_after_s: float = 5 * 60  # a shown reminder nobody answers is missed after this
    late_limit_s: float = 2 * 60  # a reminder found later than this is not shown at all
    break_overrun_s: float = 15 * 60  # a break never reported finished ends by itself

    def __post_init__(self) -> None:
        if not MIN_INTERVAL_S <= self.interval_s <= MAX_INTERVAL_S:
            raise ValueError(
                f"a break interval of {self.interval_s} s is outside "
                f"{MIN_INTERVAL_S:g} s to {MAX_INTERVAL_S:g} s"
            )
        if any(not 1 <= day <= 7 for day in self.work_days):
            raise ValueError(f"work days {sorted(self.work_days)} are not all ISO weekdays 1..7")
        if not self.snooze_choices_min or any(m <= 0 for m in self.snooze_choices_min):
            raise ValueError(f"snooze choices {self.snooze_choices_min} must be positive minutes")
        for name in ("idle_threshold_s", "break_length_s", "missed_after_s", "late_limit_s"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.break_overrun_s < self.break_length_s:
            raise ValueError("break_overrun_s must be at least break_length_s")

    @classmethod
    def from_settings(
        cls, settings: Settings, interval_override_s: float | None = None
    ) -> ScheduleConfig:
        """The schedule the user chose; `interval_override_s` is `--break-interval` for this run."""
        interval_s = (
            interval_override_s
            if interval_override_s is not None
            else settings.get(Options.break_interval_min) * 60.0
        )
        work_days: tuple[int, ...] = settings.get(Options.work_days)
        return cls(
            interval_s=interval_s,
            working_hours_enabled=settings.get(Options.working_hours_enabled),
            work_start=time_of_day(settings.get(Options.work_start)),
            work_end=time_of_day(settings.get(Options.work_end)),
            work_days=frozenset(work_days),
        )


def time_of_day(text: str) -> time:
    """ "HH:MM" as settings store it; "24:00" is midnight at the end of the day, which as an
    end time wraps to 00:00 of the next one."""
    hours, _, minutes = text.partition(":")
    return time(int(hours) % 24, int(minutes))
