"""The local history of routines played and desk breaks, kept in SQLite, and the figures
the Progress page and the clinician summary are made of. store.py writes (keeping what the
file cannot take yet), queries.py reads, opening.py opens, upgrades and recovers the file
(salvage.py copies what a damaged one still holds)."""

from backease_desktop.core.history.problems import ProblemKind, SaveProblem
from backease_desktop.core.history.records import (
    BreakCounts,
    BreakOutcomeName,
    BreakRecord,
    ClinicianSummary,
    PainPoint,
    PainRow,
    ProgressStats,
    SessionOutcome,
    SessionRecord,
    StepOutcome,
    WeekTotals,
)
from backease_desktop.core.history.schema import CURRENT_VERSION
from backease_desktop.core.history.stats import LocalCalendar
from backease_desktop.core.history.store import (
    FILE_NAME,
    HistoryStore,
    HistoryUnavailableError,
    default_path,
)

__all__ = [
    "CURRENT_VERSION",
    "FILE_NAME",
    "BreakCounts",
    "BreakOutcomeName",
    "BreakRecord",
    "ClinicianSummary",
    "HistoryStore",
    "HistoryUnavailableError",
    "LocalCalendar",
    "PainPoint",
    "PainRow",
    "ProblemKind",
    "ProgressStats",
    "SaveProblem",
    "SessionOutcome",
    "SessionRecord",
    "StepOutcome",
    "WeekTotals",
    "default_path",
]
