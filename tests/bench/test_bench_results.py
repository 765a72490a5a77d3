"""What the benchmark harness writes: one results.json entry per benchmark, each judged
against its target, and the check `make bench-smoke` makes on it."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.results import (
    EXPECTED,
    Basis,
    BenchmarkResult,
    Figure,
    Target,
    format_markdown,
    format_table,
    problems,
    write_results,
)
from benchmarks.stats import summarize

START_UP_TARGET = Target("<= 1.3x floor", Basis.RATIO, 1.3)
MEMORY_TARGET = Target("<= floor + 20 MB", Basis.OVER_FLOOR, 20)


def start_up(app: list[float], floor: list[float]) -> Figure:
    return Figure("first paint", "s", summarize(app), START_UP_TARGET, summarize(floor))


def all_measured() -> list[BenchmarkResult]:
    one = Figure("figure", "s", summarize([0.01]), Target("< 1 s", Basis.VALUE, 1.0))
    return [BenchmarkResult(name=name, figures=[one]) for name in EXPECTED]


def test_start_up_passes_at_the_ratio_limit_and_fails_just_above() -> None:
    assert start_up([0.39] * 5, [0.30] * 5).passed is True
    assert start_up([0.40] * 5, [0.30] * 5).passed is False


def test_start_up_ratio_is_median_over_floor_median() -> None:
    figure = start_up([0.5, 0.6, 0.7, 0.6, 0.6], [0.3, 0.3, 0.4, 0.3, 0.3])
    assert figure.ratio == 2.0


def test_memory_is_judged_by_megabytes_over_the_floor() -> None:
    lean = Figure("RSS", "MB", summarize([80.0]), MEMORY_TARGET, summarize([61.0]))
    fat = Figure("RSS", "MB", summarize([82.0]), MEMORY_TARGET, summarize([61.0]))
    assert (lean.over_floor, lean.passed) == (19.0, True)
    assert (fat.over_floor, fat.passed) == (21.0, False)


def test_a_ratio_target_with_a_zero_floor_fails_instead_of_passing() -> None:
    figure = Figure("x", "/s", summarize([1.0]), Target("<= 2x", Basis.RATIO, 2), summarize([0]))
    assert figure.passed is False


def test_a_benchmark_passes_only_when_every_figure_does() -> None:
    good = start_up([0.3], [0.3])
    bad = start_up([0.9], [0.3])
    assert BenchmarkResult("start-up", figures=[good]).passed is True
    assert BenchmarkResult("start-up", figures=[good, bad]).passed is False


def test_results_file_has_an_entry_per_benchmark_with_value_target_and_verdict(
    tmp_path: Path,
) -> None:
    results = [BenchmarkResult("start-up", figures=[start_up([0.5] * 5, [0.3] * 5)])]
    path = tmp_path / "results.json"
    write_results(path, results, {"mode": "full", "display": "xvfb"})
    document = json.loads(path.read_text())
    assert document["display"] == "xvfb"
    (entry,) = document["benchmarks"]
    assert entry["name"] == "start-up"
    assert entry["value"] == 0.5
    assert entry["unit"] == "s"
    assert entry["runs"] == 5
    assert entry["passed"] is False
    assert "1.3x" in entry["target"]
    assert isinstance(entry["notes"], list)
    (figure,) = entry["figures"]
    assert figure["ratio"] == 0.5 / 0.3
    assert figure["floor"]["median"] == 0.3
    assert figure["app"]["values"] == [0.5] * 5


def test_check_accepts_every_benchmark_with_a_number(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    write_results(path, all_measured(), {})
    assert problems(json.loads(path.read_text())) == []


def test_check_accepts_a_missed_target() -> None:
    results = all_measured()
    results[0] = BenchmarkResult("start-up", figures=[start_up([9.0], [0.3])])
    document = json.loads(json.dumps({"benchmarks": [r.to_json() for r in results]}))
    assert problems(document) == []


def test_check_names_a_missing_benchmark() -> None:
    results = [r for r in all_measured() if r.name != "idle"]
    assert problems({"benchmarks": [r.to_json() for r in results]}) == ["idle: missing"]


def test_check_refuses_a_benchmark_that_crashed() -> None:
    results = all_measured()
    results[2] = BenchmarkResult("idle", error="LaunchError: app: no 'ready' within 60 s")
    (problem,) = problems({"benchmarks": [r.to_json() for r in results]})
    assert problem.startswith("idle: failed to run")
    assert "no 'ready'" in problem


def test_check_lets_a_pending_benchmark_through() -> None:
    results = all_measured()
    results[3] = BenchmarkResult("timer", pending="waits for the routine player")
    assert problems({"benchmarks": [r.to_json() for r in results]}) == []


def test_check_refuses_an_entry_without_a_number() -> None:
    entries = [r.to_json() for r in all_measured()]
    entries[5]["value"] = None
    assert problems({"benchmarks": entries}) == ["content: produced no number"]


def test_table_shows_median_floor_ratio_and_verdict() -> None:
    results = [BenchmarkResult("start-up", figures=[start_up([0.45] * 5, [0.30] * 5)])]
    table = format_table(results)
    row = table.splitlines()[2]
    assert row.split()[:3] == ["start-up", "first", "paint"]
    assert "0.45 s" in row
    assert "0.3 s" in row
    assert "1.50x" in row
    assert row.rstrip().endswith("NO")


def test_table_says_which_benchmarks_are_pending() -> None:
    table = format_table([BenchmarkResult("timer", pending="waits for the routine player")])
    assert "pending" in table
    assert "waits for the routine player" in table


def test_markdown_table_has_a_row_per_figure() -> None:
    figures = [start_up([0.4], [0.3]), start_up([0.5], [0.3])]
    markdown = format_markdown([BenchmarkResult("start-up", figures=figures)])
    assert len(markdown.splitlines()) == 2 + len(figures)
