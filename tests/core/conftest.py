"""Fixtures for the scheduler's tests: a clock on a Monday morning and a scheduler on it
with the default settings, in UTC so that working hours read the same everywhere."""

from __future__ import annotations

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.scheduler import BreakScheduler, ScheduleConfig
from tests.helpers.scheduler import MONDAY_10, UTC


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=MONDAY_10)


@pytest.fixture
def scheduler(clock: FakeClock) -> BreakScheduler:
    return BreakScheduler(clock, ScheduleConfig(), tz=UTC)
