"""6. Content: loading and validating the bundled content, and the bundled content plus
1,000 generated routine files of which some are broken on purpose; the errors must name
exactly the broken files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from backease_desktop.core.content.library import load_library
from benchmarks.harness import Context, benchmark
from benchmarks.results import Basis, BenchmarkResult, Figure, Target
from benchmarks.stats import summarize

BUNDLED_LIMIT_S = 0.050
GENERATED_LIMIT_S = 1.0
GENERATED_FILES = 1000
BROKEN_EVERY = 20  # one file in twenty is broken: 50 of 1,000

# Ways a person gets a routine file wrong; each must be reported against that file.
BROKEN_KINDS = (
    "yaml-syntax",
    "unknown-stretch",
    "hold-out-of-range",
    "missing-title",
    "duplicate-id",
)


def _valid_routine(index: int, stretch_ids: list[str]) -> str:
    first = stretch_ids[index % len(stretch_ids)]
    second = stretch_ids[(index * 7 + 3) % len(stretch_ids)]
    return (
        f"id: generated-{index:04d}\n"
        f"title: Generated routine {index}\n"
        "summary: A routine written by the benchmark to time the loader.\n"
        "get_ready: 5\n"
        "steps:\n"
        "  - breathe:\n"
        "      inhale: 5\n"
        "      pause: 1\n"
        "      exhale: 3\n"
        f"      cycles: {2 + index % 5}\n"
        f"  - stretch: {first}\n"
        f"    hold: {10 + index % 30}\n"
        f"    reps: {1 + index % 3}\n"
        "    rest_between: 5\n"
        "  - rest: 15\n"
        f"  - stretch: {second}\n"
        "    note: Only as far as is comfortable.\n"
    )


def _broken_routine(index: int, kind: str, stretch_ids: list[str]) -> str:
    text = _valid_routine(index, stretch_ids)
    if kind == "yaml-syntax":
        return text.replace("steps:\n", "steps: [\n", 1)
    if kind == "unknown-stretch":
        return text.replace(f"stretch: {stretch_ids[index % len(stretch_ids)]}", "stretch: no-such")
    if kind == "hold-out-of-range":
        return text.replace(f"hold: {10 + index % 30}", "hold: 100000")
    if kind == "missing-title":
        return text.replace(f"title: Generated routine {index}\n", "")
    if kind == "duplicate-id":
        # Reuses the id of the file just before it (always a valid one), so the loader
        # keeps that one and reports this one.
        return text.replace(f"id: generated-{index:04d}", f"id: generated-{index - 1:04d}")
    raise ValueError(kind)


def generate_routines(folder: Path, count: int, stretch_ids: list[str]) -> set[Path]:
    """Writes `count` routine files into `folder`; returns the broken ones."""
    folder.mkdir(parents=True, exist_ok=True)
    broken: set[Path] = set()
    for index in range(count):
        path = folder / f"routine-{index:04d}.yaml"
        if index % BROKEN_EVERY == BROKEN_EVERY - 1:
            kind = BROKEN_KINDS[(index // BROKEN_EVERY) % len(BROKEN_KINDS)]
            path.write_text(_broken_routine(index, kind, stretch_ids), encoding="utf-8")
            broken.add(path)
        else:
            path.write_text(_valid_routine(index, stretch_ids), encoding="utf-8")
    return broken


def _timed(runs: int, warmups: int, load: Callable[[], object]) -> list[float]:
    readings = []
    for run in range(warmups + runs):
        began = time.perf_counter()
        load()
        elapsed = time.perf_counter() - began
        if run >= warmups:
            readings.append(elapsed)
    return readings


@benchmark("content")
def content(ctx: Context) -> BenchmarkResult:
    # More runs than elsewhere: each takes milliseconds, and a median of 20 is steadier.
    runs = ctx.config.runs if ctx.config.smoke else max(ctx.config.runs, 20)
    warmups = max(ctx.config.warmups, 1)  # the first load also imports the YAML reader

    bundled = load_library()
    bundled_times = _timed(runs, warmups, load_library)

    folder = ctx.work / "generated-routines"
    stretch_ids = sorted(s.id for s in bundled.stretches)
    broken = generate_routines(folder, GENERATED_FILES, stretch_ids)
    generated_times = _timed(runs, warmups, lambda: load_library(user_routine_dirs=[folder]))
    library = load_library(user_routine_dirs=[folder])
    reported = {e.path for e in library.errors}
    missed = sorted(p.name for p in broken - reported)
    wrongly = sorted(str(p) for p in reported - broken)
    generated_loaded = sum(1 for r in library.routines if r.id.startswith("generated-"))

    return BenchmarkResult(
        name="content",
        figures=[
            Figure(
                name="bundled content",
                unit="s",
                app=summarize(bundled_times),
                target=Target(f"< {BUNDLED_LIMIT_S * 1000:g} ms", Basis.VALUE, BUNDLED_LIMIT_S),
                notes=f"load_library(): {len(bundled.topics)} topics, "
                f"{len(bundled.stretches)} stretches, {len(bundled.routines)} routines",
            ),
            Figure(
                name=f"bundled + {GENERATED_FILES:,} routine files",
                unit="s",
                app=summarize(generated_times),
                target=Target(f"< {GENERATED_LIMIT_S:g} s", Basis.VALUE, GENERATED_LIMIT_S),
                notes=f"{GENERATED_FILES - len(broken)} valid, {len(broken)} broken "
                f"({', '.join(BROKEN_KINDS)})",
            ),
            Figure(
                name="broken files misreported",
                unit="files",
                app=summarize([len(missed) + len(wrongly)]),
                target=Target("none", Basis.VALUE, 0),
                notes=f"{len(broken)} broken files, {len(reported & broken)} reported; "
                f"{generated_loaded} generated routines loaded",
            ),
        ],
        notes=["timed in-process with time.perf_counter; imports are not counted"],
        details={
            "bundled_errors": [str(e) for e in bundled.errors],
            "broken_not_reported": missed,
            "reported_but_not_broken": wrongly,
            "generated_routines_loaded": generated_loaded,
        },
    )
