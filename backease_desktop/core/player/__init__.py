"""The routine engine: a routine becomes a plan of timed phases (plan.py), and a session
replays that plan against an injected clock (session.py). No Qt here."""

# The names below load their module on first use (PEP 562): pages that only need a routine's
# duration do not pay for the session machinery while the window is first painted.
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backease_desktop.core.player.plan import (
        MIN_PHASE_S,
        SWITCH_SIDES_S,
        Phase,
        PhaseKind,
        build_phases,
        done_phase,
        routine_duration_s,
        seconds_text,
    )
    from backease_desktop.core.player.session import (
        BACK_RESTART_S,
        BOUNDARY_EPS_S,
        SUSPEND_GAP_S,
        Paused,
        PauseReason,
        PhaseChanged,
        Resumed,
        RoutineFinished,
        RoutineSession,
        RoutineStopped,
        SessionEvent,
        SessionState,
        SessionSummary,
        Started,
        StepFinished,
        StepSkipped,
    )
    from backease_desktop.core.player.single import SINGLE_STRETCH_PREFIX, single_stretch_routine

_HOMES = {
    "SINGLE_STRETCH_PREFIX": "single",
    "single_stretch_routine": "single",
    "MIN_PHASE_S": "plan",
    "SWITCH_SIDES_S": "plan",
    "Phase": "plan",
    "PhaseKind": "plan",
    "build_phases": "plan",
    "done_phase": "plan",
    "routine_duration_s": "plan",
    "seconds_text": "plan",
    "BACK_RESTART_S": "session",
    "BOUNDARY_EPS_S": "session",
    "SUSPEND_GAP_S": "session",
    "Paused": "session",
    "PauseReason": "session",
    "PhaseChanged": "session",
    "Resumed": "session",
    "RoutineFinished": "session",
    "RoutineSession": "session",
    "RoutineStopped": "session",
    "SessionEvent": "session",
    "SessionState": "session",
    "SessionSummary": "session",
    "Started": "session",
    "StepFinished": "session",
    "StepSkipped": "session",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "BACK_RESTART_S",
    "BOUNDARY_EPS_S",
    "MIN_PHASE_S",
    "SINGLE_STRETCH_PREFIX",
    "SUSPEND_GAP_S",
    "SWITCH_SIDES_S",
    "PauseReason",
    "Paused",
    "Phase",
    "PhaseChanged",
    "PhaseKind",
    "Resumed",
    "RoutineFinished",
    "RoutineSession",
    "RoutineStopped",
    "SessionEvent",
    "SessionState",
    "SessionSummary",
    "Started",
    "StepFinished",
    "StepSkipped",
    "build_phases",
    "done_phase",
    "routine_duration_s",
    "seconds_text",
    "single_stretch_routine",
]
