"""`--break-interval` values: what is read, what is refused, and the messages users see."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backease_desktop.core.intervals import (
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    format_interval,
    parse_interval,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45s", 45.0),
        ("30m", 1800.0),
        ("1h", 3600.0),
        ("90", 5400.0),
        ("1.5h", 5400.0),
        ("90 s", 90.0),
        ("  20M ", 1200.0),
        ("10s", 10.0),
        ("24h", 86400.0),
        (".5m", 30.0),
    ],
)
def test_interval_is_read_in_seconds(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


def test_bare_number_is_minutes_like_the_settings_dialog() -> None:
    assert parse_interval("45") == parse_interval("45m")


@pytest.mark.parametrize("text", ["", "abc", "m", "30x", "-5m", "1h30m", "nan", "inf", "3e2s"])
def test_unreadable_interval_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a break interval: .*45s, 30m, 1h"):
        parse_interval(text)


@pytest.mark.parametrize("text", ["9s", "0", "0.1m", "9.99s"])
def test_interval_under_ten_seconds_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="too short: the shortest break interval is 10 seconds"):
        parse_interval(text)


@pytest.mark.parametrize("text", ["25h", "1441", "86401s", "9" * 400])
def test_interval_over_a_day_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="too long: the longest break interval is 24 hours"):
        parse_interval(text)


def test_error_message_quotes_what_was_typed() -> None:
    with pytest.raises(ValueError, match="'5 s'"):
        parse_interval("5 s")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (45.0, "45s"),
        (1800.0, "30m"),
        (3600.0, "1h"),
        (5400.0, "90m"),
        (90.0, "90s"),
        (12.5, "12.5s"),
    ],
)
def test_interval_is_written_in_its_shortest_form(seconds: float, text: str) -> None:
    assert format_interval(seconds) == text


@given(st.floats(min_value=MIN_INTERVAL_S, max_value=MAX_INTERVAL_S))
def test_written_interval_reads_back_the_same(seconds: float) -> None:
    assert parse_interval(format_interval(seconds)) == seconds
