"""The registry of benchmarks and what each one is handed to run: how many runs, how long
to wait, a desktop to run programs on, and how to start the app and the floor.

A benchmark is one function registered by name:

    @benchmark("timer")
    def timer(ctx: Context) -> BenchmarkResult: ...

in a module of benchmarks/cases/ (every module there is imported)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.display import Desktop
from benchmarks.procs import Running, launch
from benchmarks.results import EXPECTED, BenchmarkResult

ROOT = Path(__file__).resolve().parent.parent
FLOOR = Path(__file__).resolve().parent / "floor.py"


@dataclass(frozen=True)
class Config:
    """How hard to measure: the full run (`make bench`) or the smoke run (one of each)."""

    smoke: bool
    runs: int
    warmups: int
    memory_idle_s: float  # idle time before memory is read
    idle_settle_s: float  # time after start before the idle window opens
    idle_window_s: float  # the idle window itself
    launch_timeout_s: float = 60.0

    @classmethod
    def full(cls, runs: int = 5) -> Config:
        return cls(
            smoke=False,
            runs=max(runs, 5),
            warmups=1,
            memory_idle_s=10.0,
            idle_settle_s=10.0,
            idle_window_s=60.0,
        )

    @classmethod
    def quick(cls) -> Config:
        return cls(
            smoke=True, runs=1, warmups=0, memory_idle_s=2.0, idle_settle_s=1.0, idle_window_s=5.0
        )

    def to_json(self) -> dict[str, object]:
        return {
            "mode": "smoke" if self.smoke else "full",
            "runs": self.runs,
            "warmups": self.warmups,
            "memory_idle_s": self.memory_idle_s,
            "idle_settle_s": self.idle_settle_s,
            "idle_window_s": self.idle_window_s,
        }


@dataclass
class Context:
    config: Config
    desktop: Desktop
    work: Path  # logs and generated files for this run

    def app_command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "backease_desktop", *args]

    def floor_command(self, *args: str) -> list[str]:
        return [sys.executable, str(FLOOR), *args]

    def start(
        self,
        label: str,
        command: list[str],
        *,
        first_paint: str = "",
        ready: bool = False,
        imports: bool = False,
    ) -> Running:
        return launch(
            label,
            command,
            self.desktop.env,
            self.work / "logs" / f"{label.split('#')[0]}.log",
            first_paint=first_paint,
            ready=ready,
            imports=imports,
        )


Benchmark = Callable[[Context], BenchmarkResult]
REGISTRY: dict[str, Benchmark] = {}


def benchmark(name: str) -> Callable[[Benchmark], Benchmark]:
    """Registers a benchmark under the name results.json and the table use."""

    def register(function: Benchmark) -> Benchmark:
        if name in REGISTRY:
            raise ValueError(f"two benchmarks are called {name!r}")
        REGISTRY[name] = function
        return function

    return register


def load_cases() -> dict[str, Benchmark]:
    import benchmarks.cases as cases

    for module in pkgutil.iter_modules(cases.__path__):
        importlib.import_module(f"benchmarks.cases.{module.name}")
    return REGISTRY


def ordered(names: list[str]) -> list[str]:
    """The issue's order first, anything added later after it."""
    known = [n for n in EXPECTED if n in names]
    return known + sorted(n for n in names if n not in EXPECTED)


def run_one(name: str, function: Benchmark, ctx: Context) -> BenchmarkResult:
    """Runs a benchmark; a crash becomes an error entry instead of ending the whole run."""
    try:
        result = function(ctx)
    except Exception as exc:  # a broken benchmark must not hide the others' figures
        (ctx.work / "logs").mkdir(parents=True, exist_ok=True)
        (ctx.work / "logs" / f"{name}.traceback").write_text(traceback.format_exc())
        return BenchmarkResult(name=name, error=f"{type(exc).__name__}: {exc}")
    result.name = name
    return result
