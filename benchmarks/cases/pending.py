"""Benchmarks whose feature has not landed yet: each says what it waits for. Replace an
entry here with its own module in benchmarks/cases/ once the feature exists."""

from __future__ import annotations

from benchmarks.harness import Context, benchmark
from benchmarks.results import BenchmarkResult

WAITING_FOR = {
    "reminder": "waits for the break scheduler and notifications",
}


def _pending(name: str) -> None:
    def run(ctx: Context) -> BenchmarkResult:
        return BenchmarkResult(name=name, pending=WAITING_FOR[name])

    benchmark(name)(run)


for _name in WAITING_FOR:
    _pending(_name)
