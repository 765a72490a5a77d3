"""Break intervals written the way people type them (`45s`, `30m`, `1h`, or `90` for minutes),
for the one-run `--break-interval` override."""

from __future__ import annotations

import math
import re

MIN_INTERVAL_S = 10.0
MAX_INTERVAL_S = 24 * 3600.0

_UNIT_S = {"s": 1.0, "m": 60.0, "h": 3600.0}
# A bare number means minutes, the unit the settings dialog uses; "1.5h" and "90 s" are fine.
_INTERVAL = re.compile(r"(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>[smh]?)", re.IGNORECASE)
_EXAMPLES = "such as 45s, 30m, 1h or 90 (minutes)"


def parse_interval(text: str) -> float:
    """Seconds in `text`: a number followed by s, m or h, or a bare number of minutes.

    Raises ValueError with a message fit to show the user when the text is not an interval,
    or is shorter than 10 seconds or longer than 24 hours."""
    match = _INTERVAL.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' is not a break interval: write a number and a unit, {_EXAMPLES}"
        )
    unit = match["unit"].lower() or "m"
    seconds = float(match["number"]) * _UNIT_S[unit]
    if not math.isfinite(seconds) or seconds > MAX_INTERVAL_S:
        raise ValueError(f"'{text}' is too long: the longest break interval is 24 hours")
    if seconds < MIN_INTERVAL_S:
        raise ValueError(f"'{text}' is too short: the shortest break interval is 10 seconds")
    return seconds


def format_interval(seconds: float) -> str:
    """The shortest text `parse_interval` reads back as `seconds`: 45s, 30m, 1h, 90s, 1.5s."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{_number(seconds / 3600)}h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{_number(seconds / 60)}m"
    return f"{_number(seconds)}s"


def _number(value: float) -> str:
    text = repr(float(value))  # the shortest digits that read back as the same float
    return text[:-2] if text.endswith(".0") else text
