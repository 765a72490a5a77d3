"""What the history holds, as frozen values: sessions, breaks, and the figures the Progress
page and the clinician summary show. Also the checks on what callers may record."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

StepOutcome = Literal["completed", "skipped"]
# declined: the break was offered, but the red-flag check before its routine stopped it
# (a warning sign was ticked, or the person chose not to start). Not taken, and not a
# break the person skipped.
BreakOutcomeName = Literal["taken", "snoozed", "skipped", "missed", "declined"]
SessionOutcome = Literal["completed", "stopped", "unfinished"]

STEP_OUTCOMES: tuple[str, ...] = get_args(StepOutcome)
BREAK_OUTCOMES: tuple[str, ...] = get_args(BreakOutcomeName)

PAIN_MIN = 0
PAIN_MAX = 10


def check_pain(value: int | None, what: str) -> int | None:
    """A pain score is a whole number from 0 (none) to 10 (worst imaginable), or not given."""
    if value is None:
        return None
    # bool is an int in Python, and True would silently become a pain of 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from 0 to 10, not {value!r}")
    if not PAIN_MIN <= value <= PAIN_MAX:
        raise ValueError(f"{what} must be from 0 to 10, not {value}")
    return value


def check_wall(value: float, what: str) -> float:
    """A time is seconds since the epoch; NaN or infinity would sort and display as nonsense."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(
            f"{what} must be a finite number of seconds since the epoch, not {value!r}"
        )
    return float(value)


def check_step_outcome(value: str) -> StepOutcome:
    if value not in STEP_OUTCOMES:
        raise ValueError(f"a step is 'completed' or 'skipped', not {value!r}")
    return value  # type: ignore[return-value]  # narrowed by the membership test


def check_break_outcome(value: str) -> BreakOutcomeName:
    if value not in BREAK_OUTCOMES:
        raise ValueError(f"a break outcome is one of {', '.join(BREAK_OUTCOMES)}, not {value!r}")
    return value  # type: ignore[return-value]  # narrowed by the membership test


def session_outcome(ended_wall: float | None, completed: bool | int) -> SessionOutcome:
    """completed: played to the end; stopped: the user ended it early; unfinished: never
    ended (the app closed or crashed in the middle, or it is still playing)."""
    if ended_wall is None:
        return "unfinished"
    return "completed" if completed else "stopped"


@dataclass(frozen=True)
class SessionRecord:
    """One run of a routine. `ended_wall` is None for a session still running, or one the app
    never finished (it was killed or crashed); `last_activity_wall` then says how far it got."""

    id: int
    routine_id: str
    routine_title: str
    started_wall: float
    ended_wall: float | None
    last_activity_wall: float
    completed: bool
    steps_completed: int
    steps_skipped: int
    pain_before: int | None
    pain_after: int | None

    @property
    def outcome(self) -> SessionOutcome:
        return session_outcome(self.ended_wall, self.completed)


@dataclass(frozen=True)
class BreakRecord:
    """Something that happened to a desk break that fell due. A snoozed break gets a row for
    the snooze and another for what finally happened to it."""

    id: int
    due_wall: float
    outcome: BreakOutcomeName
    at_wall: float


@dataclass(frozen=True)
class BreakCounts:
    """How many breaks ended each way in some stretch of days."""

    taken: int = 0
    snoozed: int = 0
    skipped: int = 0
    missed: int = 0
    declined: int = 0


@dataclass(frozen=True)
class PainPoint:
    """Pain before and after one routine, for a chart; either may be missing."""

    session_id: int
    started_wall: float
    day: date
    routine_title: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class ProgressStats:
    """Everything the Progress page shows, computed for one moment in one time zone.

    A day counts toward the streak when it has at least one completed routine or one break
    taken (a break declined at the red-flag check is not taken), by local day. Today counts
    once something happens; until then the streak that ended yesterday still stands
    (`streak_includes_today` is False), because the day is not over. Routines count when
    played to the end (skipped steps allowed); stopped and unfinished ones do not. Sessions
    belong to the day they started, breaks to the day of their outcome."""

    today: date
    streak_days: int
    streak_includes_today: bool
    week_first_day: date
    week_routines: int
    week_breaks: BreakCounts
    period_days: int
    period_routines: int
    period_breaks: BreakCounts
    pain_series: tuple[PainPoint, ...]


@dataclass(frozen=True)
class WeekTotals:
    """One row of the clinician summary's weekly table."""

    first_day: date
    routines_done: int
    routines_not_finished: int
    breaks: BreakCounts


@dataclass(frozen=True)
class PainRow:
    """One session in the clinician summary's pain table, at local time."""

    session_id: int
    started: datetime
    routine_title: str
    outcome: SessionOutcome
    before: int | None
    after: int | None


@dataclass(frozen=True)
class ClinicianSummary:
    """A one-page summary of the last 4 or 12 weeks (ending today) to show a clinician.
    The averages cover the sessions that have both a before and an after score."""

    weeks: int
    first_day: date
    last_day: date
    routines_done: int
    routines_not_finished: int
    breaks: BreakCounts
    weekly: tuple[WeekTotals, ...]
    pain_rows: tuple[PainRow, ...]
    mean_pain_before: float | None
    mean_pain_after: float | None
