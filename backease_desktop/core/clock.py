"""Time sources. Core code asks an injected Clock, never the time module, so tests can
advance a FakeClock instead of sleeping and so suspend and wall-clock jumps can be modelled."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """The three clocks a deadline-driven app needs to tell drift, sleep and clock changes apart."""

    def monotonic(self) -> float:
        """Seconds that never go backwards; on Linux they stop while the machine sleeps."""

    def boottime(self) -> float:
        """Like monotonic, but keeps counting through suspend (Linux CLOCK_BOOTTIME)."""

    def wall(self) -> float:
        """Seconds since the epoch; may jump when the user or NTP changes the clock."""


class SystemClock:
    """The real clocks of this machine."""

    def monotonic(self) -> float:
        return time.monotonic()

    def boottime(self) -> float:
        clock_id = getattr(time, "CLOCK_BOOTTIME", None)
        if clock_id is None:  # not Linux: the best we have is the monotonic clock
            return time.monotonic()
        return time.clock_gettime(clock_id)

    def wall(self) -> float:
        return time.time()


class FakeClock:
    """A clock tests move by hand. `advance` is ordinary time passing; `suspend` is a laptop
    asleep (monotonic stands still, boottime and wall move on); `jump_wall` is a clock change."""

    def __init__(self, monotonic: float = 1000.0, wall: float = 1_767_225_600.0) -> None:
        self._monotonic = monotonic
        self._boottime = monotonic
        self._wall = wall  # default: 2026-01-01 00:00 UTC

    def monotonic(self) -> float:
        return self._monotonic

    def boottime(self) -> float:
        return self._boottime

    def wall(self) -> float:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time does not run backwards; use jump_wall for clock changes")
        self._monotonic += seconds
        self._boottime += seconds
        self._wall += seconds

    def suspend(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a suspend cannot last a negative time")
        self._boottime += seconds
        self._wall += seconds

    def jump_wall(self, seconds: float) -> None:
        self._wall += seconds
