"""How the idle benchmark adds up wakeups and CPU time over a process's threads, and how the
benchmarks start programs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.procs import (
    Switches,
    cpu_seconds_between,
    launch,
    pss_kib,
    rss_kib,
    switches_between,
)


def test_wakeups_are_the_growth_of_each_threads_voluntary_switches() -> None:
    before = {1: Switches(100, 5), 2: Switches(40, 1)}
    after = {1: Switches(103, 5), 2: Switches(41, 2)}
    assert switches_between(before, after) == Switches(4, 1)


def test_a_thread_started_in_the_window_counts_from_zero() -> None:
    before = {1: Switches(100, 0)}
    after = {1: Switches(100, 0), 7: Switches(3, 0)}
    assert switches_between(before, after).voluntary == 3


def test_cpu_time_adds_up_over_threads_in_seconds() -> None:
    before = {1: 1_000_000_000, 2: 0}
    after = {1: 1_250_000_000, 2: 250_000_000, 3: 500_000_000}
    assert cpu_seconds_between(before, after) == 1.0


def test_memory_of_this_process_reads_from_proc() -> None:
    rss = rss_kib(os.getpid())
    pss = pss_kib(os.getpid())
    assert rss > 1000
    assert pss is None or 0 < pss <= rss


def test_each_launch_gets_a_runtime_folder_of_its_own(tmp_path: Path) -> None:
    """The app allows one instance per runtime folder; copies run side by side must not
    hand over to each other."""
    show = [sys.executable, "-c", "import os; print(os.environ['XDG_RUNTIME_DIR'])"]
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    folders = []
    for label in ("app#0", "app#1"):
        running = launch(label, show, env, tmp_path / "log")
        assert running.process.stdout is not None
        folders.append(Path(running.process.stdout.readline().strip()))
        running.finish(timeout_s=10)
    assert folders[0] != folders[1]
    assert all(folder.parent == tmp_path and folder.is_dir() for folder in folders)
