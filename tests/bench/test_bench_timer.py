"""The timer benchmark's arithmetic and set-up: lateness, percentiles, drift and its slope,
the generated routines, the profile that skips the red-flag question, and reading the
app's boundary lines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backease_desktop.core.settings import Options
from backease_desktop.platform.settings_store import open_settings
from benchmarks.cases.timer import (
    FULL_ROUTINE,
    ROUTINE_ID,
    SMOKE_ROUTINE,
    Reading,
    analyse,
    check_against_plan,
    expected_boundaries,
    held_by_gc,
    make_profile,
    parse_boundary,
    parse_gc,
    percentile,
    read_report,
    slope_per_min,
)
from benchmarks.hooks import Boundary
from benchmarks.procs import LaunchError, launch

START = 5000.0


def reading(offset_s: float, late_ms: float, label: str = "hold", wake_ms: float = 1.0) -> Reading:
    due = START + offset_s
    fired = due + wake_ms / 1000
    shown = due + late_ms / 1000
    return Reading(label, offset_s, due, fired, fired + 0.0005, shown - 0.001, shown)


def routine_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / f"{ROUTINE_ID}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_lateness_is_from_due_to_the_frame_being_out() -> None:
    assert reading(10.0, 12.0).lateness_ms == pytest.approx(12.0)


def test_lateness_splits_into_timer_wake_up_views_and_frame() -> None:
    late = reading(10.0, 12.0, wake_ms=3.0)
    assert late.wake_ms == pytest.approx(3.0)
    assert late.views_ms == pytest.approx(0.5)
    assert late.frame_ms == pytest.approx(8.5)
    assert late.wake_ms + late.views_ms + late.frame_ms == pytest.approx(late.lateness_ms)


def test_percentile_interpolates_between_neighbouring_ranks() -> None:
    assert percentile([0.0, 10.0], 0.5) == pytest.approx(5.0)
    assert percentile([float(v) for v in range(1, 101)], 0.99) == pytest.approx(99.01)


def test_percentile_of_one_value_is_that_value() -> None:
    assert percentile([7.0], 0.99) == 7.0


def test_percentile_ignores_the_order_of_the_values() -> None:
    assert percentile([3.0, 1.0, 2.0], 1.0) == 3.0


def test_slope_of_lateness_growing_by_two_ms_a_minute_is_two() -> None:
    offsets = [0.0, 30.0, 60.0, 90.0, 120.0]
    assert slope_per_min(offsets, [10 + 2 * o / 60 for o in offsets]) == pytest.approx(2.0)


def test_slope_of_steady_lateness_is_zero() -> None:
    assert slope_per_min([0.0, 60.0, 120.0], [5.0, 5.0, 5.0]) == pytest.approx(0.0)


def test_slope_of_a_single_boundary_is_zero() -> None:
    assert slope_per_min([3.0], [5.0]) == 0.0


def test_drift_is_the_lateness_of_the_last_boundary() -> None:
    run = analyse([reading(3.0, 4.0), reading(9.0, 30.0), reading(15.0, 6.0, "end")])
    assert run.drift_ms == pytest.approx(6.0)


def test_worst_lateness_names_its_boundary() -> None:
    run = analyse([reading(3.0, 4.0), reading(9.0, 30.0, "breathe_in"), reading(15.0, 6.0)])
    assert run.worst_ms == pytest.approx(30.0)
    assert run.worst_label == "breathe_in at 9 s"


def test_analysing_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        analyse([])


def test_a_hook_line_reads_back_as_the_boundary_it_was() -> None:
    line = Boundary(
        "rest", 12.5, START + 12.5, START + 12.501, START + 12.503, START + 12.507, START + 12.509
    )
    word, _, rest = line.line().partition(" ")
    back = parse_boundary(rest)
    assert word == "timer-boundary"
    assert (back.label, back.offset_s) == ("rest", 12.5)
    assert back.lateness_ms == pytest.approx(9.0)


def test_a_boundary_never_shown_is_refused() -> None:
    line = Boundary("rest", 12.5, START + 12.5, START + 12.501).line()
    with pytest.raises(ValueError, match="never shown"):
        parse_boundary(line.partition(" ")[2])


def test_a_collection_between_due_and_shown_held_that_boundary_up() -> None:
    held = reading(10.0, 30.0, "breathe_in")
    clear = reading(20.0, 5.0, "breathe_out")
    pause = parse_gc(f"2 {START + 10.001:.6f} {START + 10.026:.6f}")
    assert held_by_gc([held, clear], [pause]) == ["breathe_in at 10 s"]


def test_a_collection_before_a_boundary_was_due_held_nothing_up() -> None:
    pause = parse_gc(f"2 {START + 9.0:.6f} {START + 9.025:.6f}")
    assert held_by_gc([reading(10.0, 30.0)], [pause]) == []


def test_the_full_routine_runs_two_minutes_of_holds_sides_rests_and_breaths(
    tmp_path: Path,
) -> None:
    expected = expected_boundaries(routine_folder(tmp_path, FULL_ROUTINE))
    labels = {label for label, _ in expected}
    assert 100 <= expected[-1][1] <= 130
    assert {"hold", "switch_sides", "rest_between", "rest", "breathe_in", "breathe_out"} <= labels
    assert expected[-1][0] == "end"


def test_the_smoke_routine_runs_about_fifteen_seconds(tmp_path: Path) -> None:
    expected = expected_boundaries(routine_folder(tmp_path, SMOKE_ROUTINE))
    assert expected[-1] == ("end", 15.0)


def test_boundaries_are_listed_in_the_order_they_come(tmp_path: Path) -> None:
    offsets = [o for _, o in expected_boundaries(routine_folder(tmp_path, FULL_ROUTINE))]
    assert offsets == sorted(offsets)
    assert len(set(offsets)) == len(offsets)


def test_a_report_missing_a_boundary_is_refused(tmp_path: Path) -> None:
    expected = expected_boundaries(routine_folder(tmp_path, SMOKE_ROUTINE))
    readings = [reading(offset, 5.0, label) for label, offset in expected]
    check_against_plan(readings, expected)
    with pytest.raises(ValueError):
        check_against_plan(readings[:-1], expected)


def test_the_profile_has_the_routine_and_todays_red_flag_answer(tmp_path: Path) -> None:
    env = make_profile(tmp_path / "timer", SMOKE_ROUTINE, "2026-11-25")
    routine = Path(env["XDG_DATA_HOME"]) / "BackEase" / "routines" / f"{ROUTINE_ID}.yaml"
    assert routine.read_text(encoding="utf-8") == SMOKE_ROUTINE
    settings = open_settings(Path(env["XDG_CONFIG_HOME"]) / "BackEase" / "BackEase.conf")
    assert settings.get(Options.red_flag_check_date) == "2026-11-25"


def _talker(*lines: str) -> list[str]:
    script = "".join(f"print({line!r})\n" for line in lines)
    return [sys.executable, "-c", script]


def test_boundary_lines_are_read_until_the_app_is_done(tmp_path: Path) -> None:
    lines = [
        Boundary("hold", 2.0, 102.0, 102.001, 102.002, 102.004, 102.005).line(),
        "something else the app printed",
        Boundary("end", 4.0, 104.0, 104.001, 104.003, 104.010, 104.012).line(),
        "timer-gc 2 103.000000 103.025000",
        "timer-done 2",
    ]
    running = launch("talker", _talker(*lines), {}, tmp_path / "talker.log")
    try:
        report = read_report(running, timeout_s=30)
    finally:
        running.finish(timeout_s=10)
    assert [r.label for r in report.readings] == ["hold", "end"]
    assert [(p.generation, round(p.ms)) for p in report.gc_pauses] == [(2, 25)]


def test_a_routine_that_did_not_run_through_fails_the_run(tmp_path: Path) -> None:
    running = launch("talker", _talker("timer-aborted paused (lock)"), {}, tmp_path / "t.log")
    try:
        with pytest.raises(LaunchError, match="paused"):
            read_report(running, timeout_s=30)
    finally:
        running.finish(timeout_s=10)


def test_an_app_that_exits_before_it_is_done_fails_the_run(tmp_path: Path) -> None:
    running = launch("talker", _talker("hello"), {}, tmp_path / "t.log")
    try:
        # "exited", not "not done within": the exit is noticed without waiting it out.
        with pytest.raises(LaunchError, match="exited"):
            read_report(running, timeout_s=30)
    finally:
        running.finish(timeout_s=10)
