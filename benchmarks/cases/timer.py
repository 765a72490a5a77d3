"""4. Timer accuracy with the real clock: the app runs a generated two-minute routine
(stretch holds on both sides with repetitions, rests, 5-1-3 breathing) and reports, for
each phase boundary and the routine's end, when it was due and when the frame showing it
was out; the lateness of each gives p50, p99, the worst, and the drift (the end's lateness,
and the slope of lateness over the run). Once on an idle machine, once with every other
core kept busy by a spinning process.

The app is started as a user would (`--routine bench-timer`) on a profile of its own: the
routine file in its user routines folder, and today's red-flag check already answered in
its settings, so the routine starts at once. The app reports through
`benchmarks/hooks.py` (BACKEASE_BENCH_TIMER) and quits when the routine is done."""

from __future__ import annotations

import contextlib
import datetime
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Context, benchmark
from benchmarks.hooks import (
    ABORTED_WORD,
    BOUNDARY_WORD,
    DONE_WORD,
    END_LABEL,
    GC_WORD,
    TIMER_ENV,
)
from benchmarks.procs import LaunchError, Running, launch
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

ROUTINE_ID = "bench-timer"
P99_LIMIT_MS = 30.0
WORST_LIMIT_MS = 50.0
DRIFT_LIMIT_MS = 50.0
# The player issue's long routine: the fitted slope says what it would drift by.
LONG_ROUTINE_MIN = 20.0
# Time for the busy processes to be spinning before the app starts.
BUSY_SPIN_UP_S = 0.5

# 118 s and 33 boundaries: a stretch on both sides with two holds each (6.5 s, so its
# countdown changes off the whole second), three 5-1-3 breaths, a rest, a stretch held
# three times, three more breaths.
FULL_ROUTINE = f"""\
id: {ROUTINE_ID}
title: Timer benchmark
summary: Written by the benchmarks to time the player's phase boundaries.
get_ready: 3
steps:
  - stretch: knee-to-chest
    hold: 6.5
    reps: 2
    sides: [left, right]
    rest_between: 2
  - breathe:
      inhale: 5
      pause: 1
      exhale: 3
      cycles: 3
  - rest: 4
  - stretch: cat-cow
    hold: 5
    reps: 3
    rest_between: 2
  - breathe:
      inhale: 5
      pause: 1
      exhale: 3
      cycles: 3
"""

# 15 s and 6 boundaries: get ready, a hold, a rest, one 5-1-3 breath.
SMOKE_ROUTINE = f"""\
id: {ROUTINE_ID}
title: Timer benchmark (smoke)
summary: Written by the benchmarks to time the player's phase boundaries.
get_ready: 2
steps:
  - stretch: cat-cow
    hold: 2
    reps: 1
  - rest: 2
  - breathe:
      inhale: 5
      pause: 1
      exhale: 3
      cycles: 1
"""


@dataclass(frozen=True)
class Reading:
    """One boundary as the app reported it (monotonic seconds; see hooks.Boundary)."""

    label: str
    offset_s: float
    due: float
    fired: float
    updated: float
    painted: float
    shown: float

    @property
    def lateness_ms(self) -> float:
        return (self.shown - self.due) * 1000

    @property
    def wake_ms(self) -> float:
        """Due to reported: the timer's wake-up and the session's catch-up."""
        return (self.fired - self.due) * 1000

    @property
    def views_ms(self) -> float:
        """Reported to every view told: cues, the views' own updates (and any paint they
        force on the spot)."""
        return (self.updated - self.fired) * 1000

    @property
    def frame_ms(self) -> float:
        """Views told to frame out: posted layouts, then the paint and its flush."""
        return (self.shown - self.updated) * 1000


def parse_boundary(rest: str) -> Reading:
    """A BOUNDARY_WORD line's text after the word."""
    label, offset, *times = rest.split()
    if "-" in times:
        raise ValueError(f"boundary {label} at {offset} s was never shown")
    due, fired, updated, painted, shown = (float(t) for t in times)
    return Reading(label, float(offset), due, fired, updated, painted, shown)


@dataclass(frozen=True)
class GcPause:
    """A garbage collection that held the app up (monotonic seconds)."""

    generation: int
    start: float
    end: float

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def parse_gc(rest: str) -> GcPause:
    """A GC_WORD line's text after the word."""
    generation, start, end = rest.split()
    return GcPause(int(generation), float(start), float(end))


@dataclass
class Report:
    """What the app said about one routine."""

    readings: list[Reading]
    gc_pauses: list[GcPause]


def held_by_gc(readings: Sequence[Reading], pauses: Sequence[GcPause]) -> list[str]:
    """The boundaries a garbage collection ran into, between being due and being shown."""
    return [
        f"{r.label} at {r.offset_s:g} s"
        for r in readings
        if any(p.start < r.shown and p.end > r.due for p in pauses)
    ]


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0-1) quantile, interpolated between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def slope_per_min(xs_s: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of ys against xs (seconds), per minute; 0 for fewer than 2."""
    if len(xs_s) < 2:
        return 0.0
    mean_x, mean_y = statistics.fmean(xs_s), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs_s)
    if spread == 0:
        return 0.0
    return 60 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs_s, ys, strict=True)) / spread


@dataclass(frozen=True)
class RunFigures:
    """One routine's boundaries, reduced to the issue's figures (milliseconds)."""

    count: int
    length_s: float
    p50_ms: float
    p99_ms: float
    worst_ms: float
    worst_label: str
    drift_ms: float  # lateness of the last boundary, the routine's end
    slope_ms_per_min: float
    wake_p50_ms: float
    wake_max_ms: float
    views_p50_ms: float
    views_max_ms: float
    frame_p50_ms: float
    frame_max_ms: float

    @property
    def long_routine_drift_ms(self) -> float:
        return self.slope_ms_per_min * LONG_ROUTINE_MIN

    def to_json(self) -> dict[str, object]:
        return {
            "boundaries": self.count,
            "length_s": self.length_s,
            "lateness_ms": {
                "p50": self.p50_ms,
                "p99": self.p99_ms,
                "max": self.worst_ms,
                "max_at": self.worst_label,
            },
            "drift_ms": self.drift_ms,
            "slope_ms_per_min": self.slope_ms_per_min,
            "projected_drift_ms_over_20_min": self.long_routine_drift_ms,
            "timer_wake_ms": {"p50": self.wake_p50_ms, "max": self.wake_max_ms},
            "views_update_ms": {"p50": self.views_p50_ms, "max": self.views_max_ms},
            "views_to_frame_out_ms": {"p50": self.frame_p50_ms, "max": self.frame_max_ms},
        }


def analyse(readings: Sequence[Reading]) -> RunFigures:
    if not readings:
        raise ValueError("no boundaries were reported")
    late = [r.lateness_ms for r in readings]
    wake = [r.wake_ms for r in readings]
    views = [r.views_ms for r in readings]
    frame = [r.frame_ms for r in readings]
    worst = max(readings, key=lambda r: r.lateness_ms)
    return RunFigures(
        count=len(readings),
        length_s=readings[-1].offset_s,
        p50_ms=percentile(late, 0.50),
        p99_ms=percentile(late, 0.99),
        worst_ms=worst.lateness_ms,
        worst_label=f"{worst.label} at {worst.offset_s:g} s",
        drift_ms=readings[-1].lateness_ms,
        slope_ms_per_min=slope_per_min([r.offset_s for r in readings], late),
        wake_p50_ms=percentile(wake, 0.50),
        wake_max_ms=max(wake),
        views_p50_ms=percentile(views, 0.50),
        views_max_ms=max(views),
        frame_p50_ms=percentile(frame, 0.50),
        frame_max_ms=max(frame),
    )


def expected_boundaries(routine_dir: Path) -> list[tuple[str, float]]:
    """(label, offset) of every boundary the generated routine has, from the engine's plan:
    what the app must report, in order."""
    from backease_desktop.core.content.library import load_library
    from backease_desktop.core.player import build_phases

    library = load_library(user_routine_dirs=[routine_dir])
    routine = library.routine(ROUTINE_ID)
    if routine is None:
        raise ValueError(f"the generated routine does not load: {library.errors}")
    phases = build_phases(routine)
    return [(p.kind.value, p.offset_s) for p in phases[1:]] + [(END_LABEL, phases[-1].end_s)]


def check_against_plan(readings: Sequence[Reading], expected: Sequence[tuple[str, float]]) -> None:
    """Raises unless the app reported exactly the plan's boundaries, in order."""
    got = [(r.label, round(r.offset_s, 6)) for r in readings]
    want = [(label, round(offset, 6)) for label, offset in expected]
    if got != want:
        raise ValueError(f"reported boundaries {got} are not the plan's {want}")


def make_profile(root: Path, routine_text: str, today: str) -> dict[str, str]:
    """A home of its own for the timer runs; returns the XDG variables that point at it."""
    from datetime import date

    from backease_desktop.core.safety import StandingAnswers, save_standing
    from backease_desktop.core.settings import Options, Settings
    from backease_desktop.platform.settings_store import QSettingsBackend

    config, data, cache = root / "config", root / "data", root / "cache"
    routines = data / "BackEase" / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    (routines / f"{ROUTINE_ID}.yaml").write_text(routine_text, encoding="utf-8")
    # The check is asked once a day and the standing health questions every 90 days; both
    # answered today (none applies), the routine starts straight away.
    backend = QSettingsBackend(config / "BackEase" / "BackEase.conf")
    settings = Settings(backend)
    settings.set(Options.red_flag_check_date, today)
    save_standing(settings, StandingAnswers(date.fromisoformat(today)))
    backend.sync()
    return {
        "HOME": str(root),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(data),
        "XDG_CACHE_HOME": str(cache),
    }


def read_report(running: Running, timeout_s: float) -> Report:
    """Reads the app's boundary and collector lines until it says it is done."""
    report = Report([], [])
    for word, rest in running.lines_until(DONE_WORD, timeout_s):
        if word == BOUNDARY_WORD:
            report.readings.append(parse_boundary(rest))
        elif word == GC_WORD:
            report.gc_pauses.append(parse_gc(rest))
        elif word == ABORTED_WORD:
            raise LaunchError(f"{running.label}: the routine did not run through ({rest})")
    return report


@contextlib.contextmanager
def busy_cores(count: int, env: dict[str, str]) -> Iterator[list[int]]:
    """`count` processes spinning at normal priority, not pinned (the scheduler spreads them,
    as it would a build in the background); yields their ids."""
    spinners = [
        subprocess.Popen(
            [sys.executable, "-c", "while True: pass"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        if spinners:
            time.sleep(BUSY_SPIN_UP_S)
        yield [s.pid for s in spinners]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def run_routine(ctx: Context, label: str, env: dict[str, str], length_s: float) -> Report:
    running = launch(
        label,
        ctx.app_command("--routine", ROUTINE_ID),
        env,
        ctx.work / "logs" / "timer.log",
    )
    try:
        return read_report(running, ctx.config.launch_timeout_s + length_s * 1.5)
    finally:
        running.finish(timeout_s=10)


def _figures(figures: RunFigures, suffix: str, notes: str) -> list[Figure]:
    def one(name: str, value: float, target: Target | None = None, note: str = "") -> Figure:
        return Figure(f"{name}{suffix}", "ms", summarize([value]), target, notes=note)

    return [
        one(
            "p99 lateness",
            figures.p99_ms,
            Target(f"<= {P99_LIMIT_MS:g} ms", Basis.VALUE, P99_LIMIT_MS),
            f"{figures.count} boundaries over {figures.length_s:g} s; {notes}",
        ),
        one(
            "worst lateness",
            figures.worst_ms,
            Target(f"<= {WORST_LIMIT_MS:g} ms", Basis.VALUE, WORST_LIMIT_MS),
            figures.worst_label,
        ),
        one(
            "drift at the end",
            figures.drift_ms,
            Target(f"<= {DRIFT_LIMIT_MS:g} ms", Basis.VALUE, DRIFT_LIMIT_MS),
            "lateness of the routine's end, its last boundary",
        ),
        one(
            "p50 lateness",
            figures.p50_ms,
            note=(
                f"of which timer wake-up p50 {figures.wake_p50_ms:.2f} ms"
                f" (max {figures.wake_max_ms:.2f}), views' update p50"
                f" {figures.views_p50_ms:.2f} ms (max {figures.views_max_ms:.2f}), then to the"
                f" frame being out p50 {figures.frame_p50_ms:.2f} ms"
                f" (max {figures.frame_max_ms:.2f})"
            ),
        ),
        Figure(
            f"lateness slope{suffix}",
            "ms/min",
            summarize([figures.slope_ms_per_min]),
            notes=(
                f"least squares over the run; {figures.long_routine_drift_ms:+.1f} ms over a "
                f"{LONG_ROUTINE_MIN:g}-minute routine at this slope"
            ),
        ),
    ]


@benchmark("timer")
def timer(ctx: Context) -> BenchmarkResult:
    routine_text = SMOKE_ROUTINE if ctx.config.smoke else FULL_ROUTINE
    root = ctx.work / "timer-profile"
    profile = make_profile(root, routine_text, datetime.date.today().isoformat())
    expected = expected_boundaries(root / "data" / "BackEase" / "routines")
    length_s = expected[-1][1]
    env = ctx.desktop.env | profile | {TIMER_ENV: "1"}
    busy = max(1, (os.cpu_count() or 2) - 1)

    conditions = [("idle", "", 0)]
    if not ctx.config.smoke:
        conditions.append(("busy", ", other core busy", busy))
    figures: list[Figure] = []
    details: dict[str, object] = {"routine_s": length_s, "boundaries": len(expected)}
    for name, suffix, spinners in conditions:
        load_before = os.getloadavg()[0]
        with busy_cores(spinners, ctx.desktop.env):
            report = run_routine(ctx, f"timer-{name}", env, length_s)
        readings = report.readings
        check_against_plan(readings, expected)
        run = analyse(readings)
        added = f"{spinners} spinning process(es)" if spinners else "no load added"
        what = f"{added}, load average {load_before:.2f} before"
        figures += _figures(run, suffix, what)
        details[name] = {
            **run.to_json(),
            "busy_processes": spinners,
            "load_average_before": load_before,
            "lateness_ms_each": [round(r.lateness_ms, 3) for r in readings],
            "wake_ms_each": [round(r.wake_ms, 3) for r in readings],
            "views_ms_each": [round(r.views_ms, 3) for r in readings],
            "frame_ms_each": [round(r.frame_ms, 3) for r in readings],
            "labels": [r.label for r in readings],
            "gc_pauses_ms": [[p.generation, round(p.ms, 2)] for p in report.gc_pauses],
            "boundaries_held_by_gc": held_by_gc(readings, report.gc_pauses),
        }
    return BenchmarkResult(
        name="timer",
        figures=figures,
        notes=[
            f"`python -m backease_desktop --routine {ROUTINE_ID}` on a generated "
            f"{length_s:g} s routine, its own profile, sound and voice cues at their defaults; "
            "lateness is when the frame showing a boundary was out minus when the plan put it "
            "(start + offset), both on the monotonic clock inside the app "
            "(BACKEASE_BENCH_TIMER); one routine per condition, each reading summarising all "
            "its boundaries" + ("; smoke: idle only, a 15 s routine" if ctx.config.smoke else "")
        ],
        details=details,
    )
