"""3. Idle cost in the tray: CPU time and wakeups over a window between reminders.

Wakeups are voluntary context switches (a thread going to sleep, so each one follows a
wakeup), summed over the process's threads from /proc. These are per-process counters,
so the app and floor copies run side by side and share one window."""

from __future__ import annotations

import time

from benchmarks.cases.memory import TRAY_NOTE
from benchmarks.harness import Context, benchmark
from benchmarks.procs import (
    Running,
    Switches,
    cpu_seconds,
    cpu_seconds_between,
    switches_between,
    thread_cpu_ns,
    thread_switches,
)
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

WAKEUPS_LIMIT_PER_S = 0.2
CPU_LIMIT_S_PER_MIN = 0.01


def _warm_up(ctx: Context) -> None:
    for run in range(ctx.config.warmups):
        for who, command in (
            ("app", ctx.app_command("--tray")),
            ("floor", ctx.floor_command("--tray")),
        ):
            running = ctx.start(f"{who}-idle#warm{run}", command, ready=True)
            try:
                running.wait_for("ready", ctx.config.launch_timeout_s)
            finally:
                running.stop()


@benchmark("idle")
def idle(ctx: Context) -> BenchmarkResult:
    _warm_up(ctx)
    started: dict[str, list[Running]] = {"app": [], "floor": []}
    try:
        for run in range(ctx.config.runs):
            started["app"].append(
                ctx.start(f"app-idle#{run}", ctx.app_command("--tray"), ready=True)
            )
            started["floor"].append(
                ctx.start(f"floor-idle#{run}", ctx.floor_command("--tray"), ready=True)
            )
        for group in started.values():
            for running in group:
                running.wait_for("ready", ctx.config.launch_timeout_s)
        time.sleep(ctx.config.idle_settle_s)

        before: dict[int, tuple[float, dict[int, int] | None, dict[int, Switches]]] = {}
        for group in started.values():
            for running in group:
                pid = running.pid
                before[pid] = (cpu_seconds(pid), thread_cpu_ns(pid), thread_switches(pid))
        opened = time.monotonic()
        time.sleep(ctx.config.idle_window_s)
        window_s = time.monotonic() - opened

        cpu_source = "per-thread schedstat run time (ns)"
        wakeups: dict[str, list[float]] = {"app": [], "floor": []}
        cpu: dict[str, list[float]] = {"app": [], "floor": []}
        involuntary: dict[str, list[int]] = {"app": [], "floor": []}
        threads: dict[str, list[int]] = {"app": [], "floor": []}
        for who, group in started.items():
            for running in group:
                ticks_then, ns_then, switches_then = before[running.pid]
                switches_now = thread_switches(running.pid)
                ns_now = thread_cpu_ns(running.pid)
                made = switches_between(switches_then, switches_now)
                if ns_then is not None and ns_now is not None:
                    spent = cpu_seconds_between(ns_then, ns_now)
                else:
                    spent = cpu_seconds(running.pid) - ticks_then
                    cpu_source = "utime+stime from /proc/<pid>/stat (10 ms ticks)"
                wakeups[who].append(made.voluntary / window_s)
                cpu[who].append(spent * 60 / window_s)
                involuntary[who].append(made.involuntary)
                threads[who].append(len(switches_now))
    finally:
        for group in started.values():
            for running in group:
                running.stop()

    return BenchmarkResult(
        name="idle",
        figures=[
            Figure(
                name="wakeups, tray",
                unit="/s",
                app=summarize(wakeups["app"]),
                floor=summarize(wakeups["floor"]),
                target=Target(f"<= {WAKEUPS_LIMIT_PER_S:g}/s", Basis.VALUE, WAKEUPS_LIMIT_PER_S),
                notes="voluntary context switches per second, all threads",
            ),
            Figure(
                name="CPU, tray",
                unit="s/min",
                app=summarize(cpu["app"]),
                floor=summarize(cpu["floor"]),
                target=Target(
                    f"<= {CPU_LIMIT_S_PER_MIN:g} s/min", Basis.VALUE, CPU_LIMIT_S_PER_MIN
                ),
                notes=f"CPU seconds per minute, all threads: {cpu_source}",
            ),
        ],
        notes=[
            f"{ctx.config.runs} app and {ctx.config.runs} floor copies side by side, "
            f"{ctx.config.idle_settle_s:g} s to settle, then a {window_s:.1f} s window",
            TRAY_NOTE,
        ],
        details={
            "window_s": window_s,
            "involuntary_switches": involuntary,
            "threads": threads,
        },
    )
