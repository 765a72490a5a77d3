"""Starting the app and the floor as a user would, hearing their bench hooks on stdout,
and reading what Linux's /proc says about them (memory, CPU time, context switches)."""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.hooks import FIRST_PAINT_ENV, IMPORTS_ENV, READY_ENV

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class LaunchError(RuntimeError):
    """The program exited or stayed silent instead of reporting what was asked."""


@dataclass
class Running:
    """A started program and what its hooks have said so far."""

    label: str
    process: subprocess.Popen[str]
    started: float  # time.monotonic() just before the process was created
    log: Path
    said: dict[str, str] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def lines_until(self, last_word: str, timeout_s: float) -> Iterator[tuple[str, str]]:
        """Each stdout line as (its first word, the rest), up to and including the first
        line starting with `last_word`; LaunchError if that line does not come within
        `timeout_s` or the program exits first (noticed at once, not waited out)."""
        stream = self.process.stdout
        assert stream is not None
        deadline = time.monotonic() + timeout_s
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LaunchError(f"{self.label}: no '{last_word}' within {timeout_s:g} s")
                if not selector.select(left):
                    continue
                line = stream.readline()
                if not line:
                    self.process.wait()
                    raise LaunchError(
                        f"{self.label}: exited ({self.process.returncode}) before "
                        f"'{last_word}'; see {self.log}: {_tail(self.log)}"
                    )
                word, _, rest = line.rstrip("\n").partition(" ")
                yield word, rest
                if word == last_word:
                    return

    def wait_for(self, word: str, timeout_s: float) -> str:
        """Reads stdout until a line starting with `word` and returns the rest of it."""
        if word not in self.said:
            for key, rest in self.lines_until(word, timeout_s):
                self.said.setdefault(key, rest)
        return self.said[word]

    def seconds_to(self, word: str, timeout_s: float) -> float:
        """How long after the start the program reported `word` (a monotonic time)."""
        return float(self.wait_for(word, timeout_s)) - self.started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def finish(self, timeout_s: float) -> None:
        """Waits for a program that quits by itself (first-paint mode), or stops it."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout_s)
        self.stop()


def _tail(path: Path, lines: int = 3) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def launch(
    label: str,
    command: Sequence[str],
    env: Mapping[str, str],
    log: Path,
    *,
    first_paint: str = "",
    ready: bool = False,
    imports: bool = False,
) -> Running:
    """Starts `command`; stdout is kept for the hooks, stderr goes to `log`."""
    child_env = dict(env)
    for name in (FIRST_PAINT_ENV, READY_ENV, IMPORTS_ENV):
        child_env.pop(name, None)
    if first_paint:
        child_env[FIRST_PAINT_ENV] = first_paint
    if ready:
        child_env[READY_ENV] = "1"
    if imports:
        child_env[IMPORTS_ENV] = "1"
    if runtime := env.get("XDG_RUNTIME_DIR"):
        # A runtime folder of its own: the app allows one instance per runtime folder, and
        # the benchmarks run copies side by side (a later copy would hand over and exit).
        child_env["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="run-", dir=runtime)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            env=child_env,
            text=True,
        )
    return Running(label, process, started, log)


# ---- /proc readers (Linux) ----


def _status_fields(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def _kib(value: str) -> int:
    return int(value.split()[0])


def rss_kib(pid: int) -> int:
    return _kib(_status_fields(Path(f"/proc/{pid}/status"))["VmRSS"])


def pss_kib(pid: int) -> int | None:
    """Proportional set size (shared pages split among their sharers); None if the kernel
    offers no smaps_rollup."""
    path = Path(f"/proc/{pid}/smaps_rollup")
    try:
        return _kib(_status_fields(path)["Pss"])
    except (OSError, KeyError):
        return None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the whole process (all its threads, living or gone)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces; the fields after it are plain numbers.
    after_name = text.rsplit(")", 1)[1].split()
    utime, stime = int(after_name[11]), int(after_name[12])
    return (utime + stime) / CLOCK_TICKS


@dataclass(frozen=True)
class Switches:
    voluntary: int
    involuntary: int


def thread_switches(pid: int) -> dict[int, Switches]:
    """Context switches of each current thread of the process. A voluntary switch is a
    thread going to sleep, so the growth between two readings counts its wakeups."""
    out: dict[int, Switches] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = _status_fields(task / "status")
        except OSError:
            continue  # the thread ended while we looked
        out[int(task.name)] = Switches(
            int(fields["voluntary_ctxt_switches"]), int(fields["nonvoluntary_ctxt_switches"])
        )
    return out


def switches_between(before: dict[int, Switches], after: dict[int, Switches]) -> Switches:
    """Switches made between two readings, summed over threads; a thread started in
    between counts from zero. (A thread that ended in between is lost: idle apps rarely
    end threads, and the thread count is reported with the figure.)"""
    voluntary = involuntary = 0
    for tid, now in after.items():
        then = before.get(tid, Switches(0, 0))
        voluntary += now.voluntary - then.voluntary
        involuntary += now.involuntary - then.involuntary
    return Switches(voluntary, involuntary)


def thread_cpu_ns(pid: int) -> dict[int, int] | None:
    """CPU time of each current thread in nanoseconds, from schedstat (exact, unlike the
    10 ms ticks of /proc/<pid>/stat); None when the kernel does not offer it."""
    out: dict[int, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out[int(task.name)] = int((task / "schedstat").read_text().split()[0])
        except FileNotFoundError:
            if not (task / "status").exists():
                continue  # the thread ended while we looked
            return None
        except OSError:
            continue
    return out


def cpu_seconds_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU seconds spent between two thread_cpu_ns readings (new threads count from 0)."""
    return sum(now - before.get(tid, 0) for tid, now in after.items()) / 1e9
