"""1. Cold start: from process start to the main window's first painted frame, against the
floor started the same way, plus which heavy modules were already loaded by then."""

from __future__ import annotations

from benchmarks.harness import Context, benchmark
from benchmarks.procs import Running
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

RATIO_LIMIT = 1.3
# A start takes half a second, and this shared machine's speed swings within seconds: the
# full run takes at least this many pairs, so one slow patch does not move a median of five.
FULL_RUNS = 15


def _first_paint_s(ctx: Context, label: str, command: list[str]) -> float:
    running: Running = ctx.start(label, command, first_paint="1")
    try:
        return running.seconds_to("first-paint", ctx.config.launch_timeout_s)
    finally:
        running.finish(timeout_s=10)


def heavy_imports(ctx: Context) -> list[str]:
    running = ctx.start("app-imports", ctx.app_command(), first_paint="1", imports=True)
    try:
        listed = running.wait_for("heavy-imports", ctx.config.launch_timeout_s)
    finally:
        running.finish(timeout_s=10)
    return [name for name in listed.split(",") if name]


@benchmark("start-up")
def startup(ctx: Context) -> BenchmarkResult:
    app: list[float] = []
    floor: list[float] = []
    first: dict[str, float] = {}  # the very first start, on the run's empty profile
    runs = ctx.config.runs if ctx.config.smoke else max(ctx.config.runs, FULL_RUNS)
    for run in range(ctx.config.warmups + runs):
        # Alternate who goes first, so neither always gets the warmer page cache.
        pair = [
            ("app", ctx.app_command(), app),
            ("floor", ctx.floor_command(), floor),
        ]
        if run % 2:
            pair.reverse()
        for label, command, readings in pair:
            seconds = _first_paint_s(ctx, f"{label}#{run}", command)
            first.setdefault(label, seconds)
            if run >= ctx.config.warmups:
                readings.append(seconds)
    loaded = heavy_imports(ctx)
    return BenchmarkResult(
        name="start-up",
        figures=[
            Figure(
                name="first paint",
                unit="s",
                app=summarize(app),
                floor=summarize(floor),
                target=Target(f"<= {RATIO_LIMIT}x floor", Basis.RATIO, RATIO_LIMIT),
                notes="process start (just before exec) to the first frame of the main window",
            ),
            Figure(
                name="first paint, first start ever",
                unit="s",
                app=summarize([first["app"]]),
                floor=summarize([first["floor"]]),
                notes="one reading: the run's first start, on an empty profile, before the "
                "content cache exists (later starts read the parsed content from "
                "$XDG_CACHE_HOME/BackEase)",
            ),
            Figure(
                name="heavy modules at first paint",
                unit="modules",
                app=summarize([len(loaded)]),
                target=Target("none", Basis.VALUE, 0),
                notes=", ".join(loaded) or "none of them",
            ),
        ],
        notes=[
            "`python -m backease_desktop` against `python benchmarks/floor.py`, alternating, "
            "each quitting at its first painted frame (BACKEASE_BENCH_FIRST_PAINT); "
            "the measured runs follow a warm-up on the same profile, as every start after "
            "the first does"
        ],
        details={"heavy_modules_at_first_paint": loaded},
    )
