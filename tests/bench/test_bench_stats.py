"""The benchmark statistics: medians, spread and floor ratios from repeated readings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.stats import paired_ratios, ratio, summarize


def test_summary_of_five_runs_reports_median_range_and_spread() -> None:
    summary = summarize([0.31, 0.29, 0.35, 0.30, 0.90])
    assert summary.median == pytest.approx(0.31)
    assert summary.minimum == pytest.approx(0.29)
    assert summary.maximum == pytest.approx(0.90)
    assert summary.iqr == pytest.approx(0.35 - 0.30)
    assert summary.runs == 5


def test_one_outlier_does_not_move_the_median_far() -> None:
    steady = summarize([1.0, 1.0, 1.0, 1.0, 1.0])
    spiky = summarize([1.0, 1.0, 1.0, 1.0, 50.0])
    assert spiky.median == steady.median
    assert spiky.stdev > steady.stdev


def test_a_single_smoke_reading_has_no_spread() -> None:
    summary = summarize([0.4])
    assert (summary.median, summary.iqr, summary.stdev) == (0.4, 0.0, 0.0)


def test_summary_refuses_no_readings() -> None:
    with pytest.raises(ValueError):
        summarize([])


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40))
def test_median_and_quartiles_stay_inside_the_readings(values: list[float]) -> None:
    summary = summarize(values)
    assert summary.minimum <= summary.median <= summary.maximum
    assert 0 <= summary.iqr <= summary.maximum - summary.minimum + 1e-9


def test_ratio_divides_by_the_floor() -> None:
    assert ratio(0.39, 0.30) == pytest.approx(1.3)


def test_ratio_to_a_floor_of_zero_is_unknown_not_infinite() -> None:
    assert ratio(0.5, 0.0) is None


def test_paired_ratios_skip_runs_where_the_floor_was_zero() -> None:
    assert paired_ratios([2.0, 3.0, 4.0], [1.0, 0.0, 2.0]) == [2.0, 2.0]


def test_paired_ratios_need_as_many_floor_readings_as_app_readings() -> None:
    with pytest.raises(ValueError):
        paired_ratios([1.0, 2.0], [1.0])
