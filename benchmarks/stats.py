"""Summaries of repeated measurements and the floor-relative figures built from them."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Several readings of one figure: the median is the figure, the rest is its spread."""

    values: tuple[float, ...]
    median: float
    minimum: float
    maximum: float
    iqr: float
    stdev: float

    @property
    def runs(self) -> int:
        return len(self.values)

    def to_json(self) -> dict[str, object]:
        return {
            "values": list(self.values),
            "median": self.median,
            "min": self.minimum,
            "max": self.maximum,
            "iqr": self.iqr,
            "stdev": self.stdev,
            "runs": self.runs,
        }


def summarize(values: Sequence[float]) -> Summary:
    """Median, range and spread of at least one reading (spread is 0 for a single one)."""
    if not values:
        raise ValueError("no readings to summarize")
    data = tuple(float(v) for v in values)
    if len(data) == 1:
        iqr = stdev = 0.0
    else:
        # "inclusive" keeps the quartiles inside the observed range for small samples.
        q1, _, q3 = statistics.quantiles(data, n=4, method="inclusive")
        iqr = q3 - q1
        stdev = statistics.stdev(data)
    return Summary(
        values=data,
        median=statistics.median(data),
        minimum=min(data),
        maximum=max(data),
        iqr=iqr,
        stdev=stdev,
    )


def ratio(value: float, floor: float) -> float | None:
    """value / floor, or None when the floor is zero (an idle floor may not wake at all)."""
    if floor == 0:
        return None
    return value / floor


def paired_ratios(values: Sequence[float], floors: Sequence[float]) -> list[float]:
    """Run-by-run ratios of readings taken side by side, skipping zero floors."""
    if len(values) != len(floors):
        raise ValueError("paired readings must have the same length")
    return [v / f for v, f in zip(values, floors, strict=True) if f != 0]
