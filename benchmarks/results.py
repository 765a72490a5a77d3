"""What a benchmark hands back, how it is judged against its target, and how the results
are written (benchmarks/results.json) and printed (a table)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from benchmarks.stats import Summary, paired_ratios, ratio, summarize

# Every benchmark the issue asks for, in the order the table shows them.
EXPECTED = (
    "start-up",
    "memory",
    "idle",
    "timer",
    "reminder",
    "content",
    "history",
    "plans",
)


class Basis(str, Enum):
    """Which number a target limits."""

    VALUE = "value"  # the median itself
    RATIO = "ratio"  # median / floor median
    OVER_FLOOR = "over_floor"  # median - floor median


@dataclass(frozen=True)
class Target:
    text: str
    basis: Basis
    limit: float

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "basis": self.basis.value, "limit": self.limit}


@dataclass(frozen=True)
class Figure:
    """One measured quantity: readings of the app and, where it has one, of the floor
    taken in the same run (the same count, side by side, so they can be paired)."""

    name: str
    unit: str
    app: Summary
    target: Target | None = None
    floor: Summary | None = None
    notes: str = ""

    @property
    def value(self) -> float:
        return self.app.median

    @property
    def ratio(self) -> float | None:
        if self.floor is None:
            return None
        return ratio(self.app.median, self.floor.median)

    @property
    def over_floor(self) -> float | None:
        if self.floor is None:
            return None
        return self.app.median - self.floor.median

    @property
    def ratio_spread(self) -> Summary | None:
        """Run-by-run ratios, to show how steady the ratio is (None if unpaired)."""
        if self.floor is None or self.floor.runs != self.app.runs:
            return None
        pairs = paired_ratios(self.app.values, self.floor.values)
        return summarize(pairs) if pairs else None

    def judged(self) -> float | None:
        """The number the target limits, or None when it cannot be computed."""
        if self.target is None:
            return None
        if self.target.basis is Basis.VALUE:
            return self.value
        if self.target.basis is Basis.RATIO:
            return self.ratio
        return self.over_floor

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        judged = self.judged()
        if judged is None or math.isnan(judged):
            return False
        return judged <= self.target.limit

    def to_json(self) -> dict[str, object]:
        spread = self.ratio_spread
        return {
            "name": self.name,
            "unit": self.unit,
            "value": self.value,
            "app": self.app.to_json(),
            "floor": self.floor.to_json() if self.floor else None,
            "ratio": self.ratio,
            "ratio_runs": spread.to_json() if spread else None,
            "over_floor": self.over_floor,
            "target": self.target.to_json() if self.target else None,
            "passed": self.passed,
            "runs": self.app.runs,
            "notes": self.notes,
        }


@dataclass
class BenchmarkResult:
    """One benchmark of the issue: its figures (the first is the headline), or, for one
    whose feature has not landed, why it is pending."""

    name: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)
    pending: str = ""
    error: str = ""

    @property
    def headline(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    @property
    def passed(self) -> bool | None:
        verdicts = [f.passed for f in self.figures if f.passed is not None]
        if self.error:
            return False
        if not verdicts:
            return None
        return all(verdicts)

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if self.pending:
            return "pending"
        return "measured"

    def to_json(self) -> dict[str, object]:
        head = self.headline
        notes = list(self.notes)
        if self.pending:
            notes.insert(0, f"pending: {self.pending}")
        if self.error:
            notes.insert(0, f"error: {self.error}")
        return {
            "name": self.name,
            "status": self.status,
            "target": "; ".join(f"{f.name} {f.target.text}" for f in self.figures if f.target),
            "value": head.value if head else None,
            "unit": head.unit if head else None,
            "ratio": head.ratio if head else None,
            "passed": self.passed,
            "runs": head.app.runs if head else 0,
            "notes": notes,
            "figures": [f.to_json() for f in self.figures],
            "details": self.details,
        }


def results_document(
    results: Sequence[BenchmarkResult], meta: dict[str, object]
) -> dict[str, object]:
    return {**meta, "benchmarks": [r.to_json() for r in results]}


def write_results(path: Path, results: Sequence[BenchmarkResult], meta: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results_document(results, meta), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def problems(document: dict[str, object]) -> list[str]:
    """What `--check` (make bench-smoke) refuses: a benchmark missing from the document,
    or one that ran and produced no number. Pending benchmarks are listed, not refused:
    their feature has not landed yet. Targets are not checked here."""
    entries = document.get("benchmarks")
    if not isinstance(entries, list):
        return ["results have no 'benchmarks' list"]
    found: dict[str, dict[str, object]] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            found[str(entry["name"])] = entry
    out = [f"{name}: missing" for name in EXPECTED if name not in found]
    for name, entry in found.items():
        if entry.get("status") == "pending":
            continue
        if entry.get("status") == "error":
            out.append(f"{name}: failed to run ({'; '.join(map(str, _list(entry.get('notes'))))})")
            continue
        figures = _list(entry.get("figures"))
        value = entry.get("value")
        if not figures or not _is_number(value):
            out.append(f"{name}: produced no number")
        for figure in figures:
            if isinstance(figure, dict) and not _is_number(figure.get("value")):
                out.append(f"{name}: figure {figure.get('name')!r} has no number")
    return out


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    magnitude = abs(value)
    if magnitude == 0:
        text = "0"
    elif magnitude >= 100:
        text = f"{value:.0f}"
    elif magnitude >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".rstrip()


def _against_floor(figure: Figure) -> str:
    if figure.floor is None:
        return "-"
    if figure.target is not None and figure.target.basis is Basis.OVER_FLOOR:
        over = figure.over_floor
        return f"+{_fmt(over, figure.unit)}" if over is not None and over >= 0 else _fmt(over)
    r = figure.ratio
    return "-" if r is None else f"{r:.2f}x"


def _verdict(passed: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[passed]


def table_rows(results: Iterable[BenchmarkResult]) -> list[list[str]]:
    header = [
        "benchmark",
        "figure",
        "median",
        "IQR",
        "min-max",
        "floor",
        "vs floor",
        "target",
        "ok",
    ]
    rows = [header]
    for result in results:
        if result.status != "measured" and not result.figures:
            why = result.pending or result.error
            rows.append([result.name, result.status, "-", "-", "-", "-", "-", why[:60], "-"])
            continue
        for index, f in enumerate(result.figures):
            rows.append(
                [
                    result.name if index == 0 else "",
                    f.name,
                    _fmt(f.value, f.unit),
                    _fmt(f.app.iqr, f.unit),
                    f"{_fmt(f.app.minimum)}-{_fmt(f.app.maximum)}",
                    _fmt(f.floor.median, f.unit) if f.floor else "-",
                    _against_floor(f),
                    f.target.text if f.target else "-",
                    _verdict(f.passed),
                ]
            )
    return rows


def format_table(results: Iterable[BenchmarkResult]) -> str:
    rows = table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_markdown(results: Iterable[BenchmarkResult]) -> str:
    """The same table as Markdown, for the README's Performance section."""
    rows = table_rows(results)
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows[1:]]
    return "\n".join(out)
