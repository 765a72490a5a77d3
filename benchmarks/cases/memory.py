"""2. Memory: resident set (RSS) and proportional set (PSS) after some idle time, with the
window open and in the tray only, against the floor in the same state.

One program runs at a time: PSS splits shared pages among the processes that map them,
so a second copy running beside it would make both look smaller."""

from __future__ import annotations

import time

from benchmarks.harness import Context, benchmark
from benchmarks.procs import Running, pss_kib, rss_kib
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

OVER_FLOOR_LIMIT_MB = 20.0
TRAY_NOTE = (
    "`backease --tray`: the tray icon with the reminders counting down (the main window "
    "is built but hidden), against the floor showing a tray icon"
)


def _mb(kib: int) -> float:
    return kib * 1024 / 1e6


def _start(ctx: Context, label: str, command: list[str], tray: bool) -> Running:
    if tray:
        running = ctx.start(label, command, ready=True)
        running.wait_for("ready", ctx.config.launch_timeout_s)
    else:
        running = ctx.start(label, command, first_paint="stay")
        running.wait_for("first-paint", ctx.config.launch_timeout_s)
    return running


def _measure(ctx: Context, label: str, command: list[str], tray: bool) -> tuple[float, float]:
    running = _start(ctx, label, command, tray)
    try:
        time.sleep(ctx.config.memory_idle_s)
        rss = rss_kib(running.pid)
        pss = pss_kib(running.pid)
    finally:
        running.stop()
    return _mb(rss), _mb(pss if pss is not None else rss)


def _warm_up(ctx: Context, label: str, command: list[str], tray: bool) -> None:
    _start(ctx, label, command, tray).stop()


@benchmark("memory")
def memory(ctx: Context) -> BenchmarkResult:
    target = Target(f"<= floor + {OVER_FLOOR_LIMIT_MB:g} MB", Basis.OVER_FLOOR, OVER_FLOOR_LIMIT_MB)
    figures: list[Figure] = []
    for mode, tray in (("window", False), ("tray", True)):
        extra = ("--tray",) if tray else ()
        commands = {"app": ctx.app_command(*extra), "floor": ctx.floor_command(*extra)}
        readings: dict[str, dict[str, list[float]]] = {
            who: {"rss": [], "pss": []} for who in commands
        }
        for run in range(ctx.config.warmups):
            for who, command in commands.items():
                _warm_up(ctx, f"{who}-{mode}#warm{run}", command, tray)
        for run in range(ctx.config.runs):
            order = list(commands.items())
            if run % 2:
                order.reverse()
            for who, command in order:
                rss, pss = _measure(ctx, f"{who}-{mode}#{run}", command, tray)
                readings[who]["rss"].append(rss)
                readings[who]["pss"].append(pss)
        for kind in ("rss", "pss"):
            figures.append(
                Figure(
                    name=f"{kind.upper()}, {mode}",
                    unit="MB",
                    app=summarize(readings["app"][kind]),
                    floor=summarize(readings["floor"][kind]),
                    target=target,
                    notes=TRAY_NOTE if tray else "",
                )
            )
    return BenchmarkResult(
        name="memory",
        figures=figures,
        notes=[
            f"read from /proc after {ctx.config.memory_idle_s:g} s idle "
            "(VmRSS from status, Pss from smaps_rollup); MB = 10^6 bytes",
            TRAY_NOTE,
        ],
    )
