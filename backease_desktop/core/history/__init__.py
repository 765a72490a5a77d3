"""The local history of routines played and desk breaks, kept in SQLite (see store.py),
and the figures the Progress page and the clinician summary are made of."""

from backease_desktop.core.history.records import (
    BreakCounts,
    BreakOutcome,
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
from backease_desktop.core.history.store import FILE_NAME, HistoryStore, default_path

__all__ = [
    "CURRENT_VERSION",
    "FILE_NAME",
    "BreakCounts",
    "BreakOutcome",
    "BreakRecord",
    "ClinicianSummary",
    "HistoryStore",
    "LocalCalendar",
    "PainPoint",
    "PainRow",
    "ProgressStats",
    "SessionOutcome",
    "SessionRecord",
    "StepOutcome",
    "WeekTotals",
    "default_path",
]
