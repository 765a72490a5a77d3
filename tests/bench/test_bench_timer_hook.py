"""The app's timer hook (BACKEASE_BENCH_TIMER): when each boundary was due, and which frame
showed it; and, once, the real app running a two-second routine through it."""

from __future__ import annotations

import pytest

from benchmarks.cases.timer import ROUTINE_ID, parse_boundary
from benchmarks.hooks import BoundaryLog

START = 2000.0

# Two seconds, two boundaries: the rest after the hold, and the end.
TWO_SECOND_ROUTINE = f"""\
id: {ROUTINE_ID}
title: Two seconds
summary: The timer hook's test.
get_ready: 0
steps:
  - stretch: cat-cow
    hold: 1
    reps: 1
  - rest: 1
"""


def test_a_boundary_is_due_at_the_start_plus_its_offset() -> None:
    log = BoundaryLog(start=START)
    log.reported("hold", 5.0, START + 5.002)
    log.updated(START + 5.004)
    log.painted(START + 5.010)
    (line,) = log.shown(START + 5.011)
    shown = parse_boundary(line.partition(" ")[2])
    assert shown.due == pytest.approx(START + 5.0)
    assert shown.lateness_ms == pytest.approx(11.0)


def test_a_boundary_is_not_shown_before_a_frame_is_painted() -> None:
    log = BoundaryLog(start=START)
    log.reported("hold", 5.0, START + 5.002)
    assert log.updated(START + 5.004)  # a paint is now awaited
    assert log.shown(START + 5.005) == []
    assert len(log.waiting) == 1


def test_a_paint_while_the_views_are_still_updating_does_not_show_a_boundary() -> None:
    # A view forcing a paint on the spot (a progress bar's repaint()) may show the new
    # phase next to the old countdown: only a frame after every view is done counts.
    log = BoundaryLog(start=START)
    log.reported("hold", 5.0, START + 5.002)
    log.painted(START + 5.003)
    assert log.shown(START + 5.004) == []
    log.updated(START + 5.006)
    log.painted(START + 5.010)
    (line,) = log.shown(START + 5.012)
    assert parse_boundary(line.partition(" ")[2]).painted == pytest.approx(START + 5.010)


def test_a_boundary_reported_after_a_paint_waits_for_the_next_frame() -> None:
    log = BoundaryLog(start=START)
    log.reported("hold", 5.0, START + 5.002)
    log.updated(START + 5.004)
    log.painted(START + 5.010)
    log.reported("rest", 5.0005, START + 5.011)
    log.updated(START + 5.0115)
    assert [line.split()[1] for line in log.shown(START + 5.012)] == ["hold"]
    assert [b.label for b in log.waiting] == ["rest"]


def test_boundaries_shown_are_counted() -> None:
    log = BoundaryLog(start=START)
    for offset in (1.0, 2.0):
        log.reported("hold", offset, START + offset)
        log.updated(START + offset + 0.005)
        log.painted(START + offset + 0.01)
        log.shown(START + offset + 0.02)
    assert log.count == 2


def test_a_boundary_before_the_start_is_known_is_refused() -> None:
    with pytest.raises(RuntimeError):
        BoundaryLog().reported("hold", 5.0, START)
