"""5. Reminder punctuality: with `--break-interval 10s`, over 10 reminders, each notification
is sent within 250 ms of its due time.

The app runs in the tray as a user starts it (`--tray --break-interval 10s`) on the
benchmarks' desktop, which has a notification daemon on its session bus. Through its bench
hook (BACKEASE_BENCH_REMINDERS) the app says when each reminder fell due and when its
presenter had handed it over, and answers it with Skip a moment later, so the next
ten-second countdown starts. From outside, dbus-monitor watches the bus for the Notify
calls: the time each one crossed the bus is the sending time the figures use; the app's own
report stands in only where the monitor is missing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from benchmarks.harness import Context, benchmark
from benchmarks.hooks import (
    ABORTED_WORD,
    REMINDER_ANSWER_MS,
    REMINDER_WORD,
    REMINDERS_DONE_WORD,
    REMINDERS_ENV,
)
from benchmarks.procs import LaunchError, Running, launch
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

INTERVAL_S = 10.0
FULL_COUNT = 10
SMOKE_COUNT = 2
LIMIT_MS = 250.0
NOTIFY_RULE = "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"
# A Notify seen this long before a reminder's due time cannot be the one for it.
MATCH_SLACK_S = 1.0


@dataclass(frozen=True)
class Sent:
    """One reminder as the app reported it (wall-clock seconds)."""

    due: float
    handed_over: float
    presenter: str


def parse_sent(rest: str) -> Sent:
    """A REMINDER_WORD line's text after the word."""
    due, handed_over, presenter = rest.split(" ", 2)
    return Sent(float(due), float(handed_over), presenter)


def parse_monitor(text: str) -> list[float]:
    """The wall-clock times of the Notify calls in `dbus-monitor --profile` output (tab
    separated: type, time, serial, sender, destination, path, interface, member)."""
    times = []
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 8 and fields[0] == "mc" and fields[7] == "Notify":
            times.append(float(fields[1]))
    return times


def match_calls(reminders: Sequence[Sent], calls: Sequence[float]) -> list[float | None]:
    """For each reminder, the first Notify call not before its due time (less the slack)
    that no earlier reminder took; None where there is none."""
    left = sorted(calls)
    matched: list[float | None] = []
    for reminder in reminders:
        found = next((t for t in left if t >= reminder.due - MATCH_SLACK_S), None)
        if found is not None:
            left.remove(found)
        matched.append(found)
    return matched


# A nudge well inside the app's five idle minutes.
NUDGE_EVERY_S = 20.0


@contextmanager
def user_present(env: dict[str, str]) -> Iterator[str]:
    """Moves the pointer by a pixel now and then, as a person at the desk would; yields
    a note on how (or that nobody could)."""
    xdotool = shutil.which("xdotool")
    if xdotool is None or "DISPLAY" not in env:
        yield "no xdotool: the desktop may count as idle"
        return
    nudger = subprocess.Popen(
        [
            "sh",
            "-c",
            f"while :; do {xdotool} mousemove_relative -- 1 0; sleep {NUDGE_EVERY_S:g}; done",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        time.sleep(0.3)  # the first nudge lands before the app starts
        yield f"the pointer nudged every {NUDGE_EVERY_S:g} s with xdotool"
    finally:
        os.killpg(nudger.pid, signal.SIGTERM)
        nudger.wait()


@contextmanager
def notify_monitor(env: dict[str, str]) -> Iterator[list[str]]:
    """Runs dbus-monitor on the session bus for the duration; yields a list that holds its
    output once the block is left (empty when there is no monitor or no bus)."""
    output: list[str] = []
    monitor = shutil.which("dbus-monitor")
    if monitor is None or "DBUS_SESSION_BUS_ADDRESS" not in env:
        yield output
        return
    process = subprocess.Popen(
        [monitor, "--session", "--profile", NOTIFY_RULE],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        time.sleep(0.3)  # it must be listening before the first reminder
        yield output
    finally:
        process.terminate()
        try:
            out, _ = process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        output.append(out)


def read_reminders(running: Running, timeout_s: float) -> list[Sent]:
    sent: list[Sent] = []
    for word, rest in running.lines_until(REMINDERS_DONE_WORD, timeout_s):
        if word == REMINDER_WORD:
            sent.append(parse_sent(rest))
        elif word == ABORTED_WORD:
            raise LaunchError(f"{running.label}: {rest}")
    return sent


@benchmark("reminder")
def reminder(ctx: Context) -> BenchmarkResult:
    count = SMOKE_COUNT if ctx.config.smoke else FULL_COUNT
    env = ctx.desktop.env | {REMINDERS_ENV: str(count)}
    command = ctx.app_command("--tray", "--break-interval", f"{INTERVAL_S:g}s")
    timeout_s = ctx.config.launch_timeout_s + count * (INTERVAL_S + REMINDER_ANSWER_MS / 1000 + 2)
    with user_present(env) as presence, notify_monitor(env) as monitor_output:
        running = launch("reminder", command, env, ctx.work / "logs" / "reminder.log")
        try:
            sent = read_reminders(running, timeout_s)
        finally:
            running.finish(timeout_s=10)
    calls = parse_monitor("".join(monitor_output))
    on_bus = match_calls(sent, calls)
    late_ms = [
        ((bus if bus is not None else s.handed_over) - s.due) * 1000
        for s, bus in zip(sent, on_bus, strict=True)
    ]
    seen = sum(bus is not None for bus in on_bus)
    source = (
        f"Notify seen on the bus by dbus-monitor for {seen} of {len(sent)}"
        if seen
        else "the app's own report (no dbus-monitor, or no Notify call seen)"
    )
    presenters = sorted({s.presenter for s in sent})
    worst = max(late_ms)
    return BenchmarkResult(
        name="reminder",
        figures=[
            Figure(
                "worst lateness",
                "ms",
                summarize([worst]),
                Target(f"<= {LIMIT_MS:g} ms each", Basis.VALUE, LIMIT_MS),
                notes=(
                    f"{len(sent)} reminders every {INTERVAL_S:g} s, shown as "
                    f"{', '.join(presenters)}; sending time from {source}; {presence}"
                ),
            ),
            Figure(
                "lateness",
                "ms",
                summarize(late_ms),
                notes="median and spread over the reminders",
            ),
        ],
        details={
            "reminders": [
                {
                    "due_wall": s.due,
                    "handed_over_ms": (s.handed_over - s.due) * 1000,
                    "on_bus_ms": None if bus is None else (bus - s.due) * 1000,
                    "presenter": s.presenter,
                }
                for s, bus in zip(sent, on_bus, strict=True)
            ],
            "notify_calls_seen": len(calls),
        },
    )
