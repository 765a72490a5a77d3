"""Plain-Python shaping of history figures for the page, the chart and the clinician
summary: daily and weekly pain averages, and whether there is anything to show yet."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from backease_desktop.core.history import (
        BreakCounts,
        ClinicianSummary,
        PainPoint,
        PainRow,
        ProgressStats,
    )


# NamedTuples rather than dataclasses: these modules load when the Progress page is first
# asked for, and a dataclass costs about a millisecond to build at import.
class DayPain(NamedTuple):
    """The average pain scores given on one local day (None when none was given)."""

    day: date
    before: float | None
    after: float | None


class PainMeans(NamedTuple):
    """Averages over the routines that have both a before and an after score."""

    pairs: int
    before: float | None
    after: float | None


class WeekPain(NamedTuple):
    first_day: date
    before: float | None
    after: float | None
    rated: int  # routines with at least one score that week


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _by_day(scores: Iterable[tuple[date, int | None, int | None]]) -> list[DayPain]:
    befores: dict[date, list[int]] = {}
    afters: dict[date, list[int]] = {}
    for day, before, after in scores:
        if before is not None:
            befores.setdefault(day, []).append(before)
        if after is not None:
            afters.setdefault(day, []).append(after)
    days = sorted(befores.keys() | afters.keys())
    return [DayPain(d, _mean(befores.get(d, [])), _mean(afters.get(d, []))) for d in days]


def daily_pain(points: Iterable[PainPoint]) -> list[DayPain]:
    """One entry per day that has a score, oldest first; before and after are averaged
    separately, so a day with only a before score still shows it."""
    return _by_day((p.day, p.before, p.after) for p in points)


def pain_means(pairs: Iterable[tuple[int | None, int | None]]) -> PainMeans:
    both = [(b, a) for b, a in pairs if b is not None and a is not None]
    return PainMeans(
        pairs=len(both),
        before=_mean([b for b, _ in both]),
        after=_mean([a for _, a in both]),
    )


def weekly_pain(summary: ClinicianSummary) -> list[WeekPain]:
    """The summary's pain rows grouped into its weeks (each averaged separately)."""
    out: list[WeekPain] = []
    rows_by_week: dict[int, list[PainRow]] = {}
    for row in summary.pain_rows:
        index = (row.started.date() - summary.first_day).days // 7
        rows_by_week.setdefault(index, []).append(row)
    for index, week in enumerate(summary.weekly):
        rows = rows_by_week.get(index, [])
        out.append(
            WeekPain(
                first_day=week.first_day,
                before=_mean([r.before for r in rows if r.before is not None]),
                after=_mean([r.after for r in rows if r.after is not None]),
                rated=len(rows),
            )
        )
    return out


def summary_daily_pain(summary: ClinicianSummary) -> list[DayPain]:
    """The summary's pain rows as daily averages, for its chart."""
    return _by_day((r.started.date(), r.before, r.after) for r in summary.pain_rows)


def total_breaks(counts: BreakCounts) -> int:
    return counts.taken + counts.snoozed + counts.skipped + counts.missed + counts.declined


def has_activity(stats: ProgressStats) -> bool:
    """Whether the period shows anything: a routine finished, any break outcome, a pain
    score, or a streak still standing."""
    return bool(
        stats.period_routines
        or total_breaks(stats.period_breaks)
        or stats.pain_series
        or stats.streak_days
    )


def one_decimal(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
