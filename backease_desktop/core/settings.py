"""The user's preferences: a typed registry of options with defaults and bounds.

Storage is someone else's job (a SettingsBackend: QSettings in the app, a dict in tests);
this module only knows what each option means. A value that cannot be read, or is out of
range, is logged and replaced by the default, and the other options are untouched."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class SettingsBackend(Protocol):
    """Somewhere to keep strings by key (QSettings, or a dict in tests)."""

    def value(self, key: str) -> object | None: ...

    def set_value(self, key: str, value: object) -> None: ...

    def remove(self, key: str) -> None: ...


class DictBackend:
    """A backend in memory, for tests and for running without a writable config folder."""

    def __init__(self, values: dict[str, object] | None = None) -> None:
        self.values: dict[str, object] = dict(values or {})

    def value(self, key: str) -> object | None:
        return self.values.get(key)

    def set_value(self, key: str, value: object) -> None:
        self.values[key] = value

    def remove(self, key: str) -> None:
        self.values.pop(key, None)


def _as_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    raise ValueError(f"'{raw}' is not true or false")


def _int_between(low: int, high: int) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if isinstance(raw, bool):
            raise ValueError(f"'{raw}' is not a whole number")
        value = int(str(raw).strip())
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low}..{high}")
        return value

    return parse


def _clock_time(raw: object) -> str:
    """ "HH:MM", 00:00 to 24:00."""
    text = str(raw).strip()
    hours, _, minutes = text.partition(":")
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m != 0) or len(minutes) != 2:
        raise ValueError(f"'{text}' is not a time of day such as 09:00")
    return f"{h:02d}:{m:02d}"


def _weekdays(raw: object) -> tuple[int, ...]:
    """ISO weekday numbers, 1 = Monday ... 7 = Sunday; QSettings may hand back a list."""
    items = raw if isinstance(raw, (list, tuple)) else str(raw).replace(" ", "").split(",")
    days = tuple(sorted({int(str(item)) for item in items if str(item) != ""}))
    if any(not 1 <= day <= 7 for day in days):
        raise ValueError(f"{raw!r} holds a day outside 1..7")
    return days


def _text(raw: object) -> str:
    return str(raw)


def _iso_date_or_empty(raw: object) -> str:
    text = str(raw).strip()
    if text:
        from datetime import date

        date.fromisoformat(text)
    return text


def _pause_until(raw: object) -> str:
    """ "", "indefinite", or a date and time (ISO 8601) a clock can reach: a year such as
    9999 with a negative offset lies past what datetime can hold once made UTC, and would
    fail later in the middle of the start, not here."""
    text = str(raw).strip()
    if text in ("", "indefinite"):
        return text
    from datetime import datetime, timezone

    try:
        until = datetime.fromisoformat(text)
        in_utc = until.astimezone(timezone.utc) if until.tzinfo else until
        if not 1970 < in_utc.year < 9000:
            raise ValueError("out of range")
        until.timestamp()
    except (ValueError, OverflowError, OSError):
        example = "2026-03-29T14:30:00"
        raise ValueError(f"'{text[:60]}' is not a date and time such as {example}") from None
    return text


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: where it is stored, its default, and how a stored value is read."""

    key: str
    default: T
    parse: Callable[[object], T]
    encode: Callable[[T], object] = lambda value: value


class Options:
    """Every option the app has, in one place."""

    break_interval_min = Option("reminders/interval_minutes", 30, _int_between(5, 120))
    reminders_paused_until = Option("reminders/paused_until", "", _pause_until)
    working_hours_enabled = Option("reminders/working_hours_enabled", False, _as_bool)
    work_start = Option("reminders/work_start", "09:00", _clock_time)
    work_end = Option("reminders/work_end", "17:30", _clock_time)
    work_days: Option[tuple[int, ...]] = Option(
        "reminders/work_days",
        (1, 2, 3, 4, 5),
        _weekdays,
        encode=lambda days: ",".join(str(d) for d in days),
    )
    sound_cues = Option("cues/sound", True, _as_bool)
    voice_cues = Option("cues/voice", True, _as_bool)
    reduce_motion = Option("display/reduce_motion", False, _as_bool)
    start_at_login = Option("startup/at_login", False, _as_bool)
    start_in_tray = Option("startup/in_tray", False, _as_bool)
    tray_hint_shown = Option("startup/tray_hint_shown", False, _as_bool)
    last_topic = Option("window/last_topic", "", _text)
    red_flag_check_date = Option("safety/red_flag_check_date", "", _iso_date_or_empty)


class Settings:
    """Typed reads and writes over a backend. Reads never raise."""

    def __init__(self, backend: SettingsBackend, problems: tuple[str, ...] = ()) -> None:
        self.backend = backend
        # Sentences for the window when the settings could not be stored as usual (kept in
        # memory for the run, or a damaged file repaired).
        self.problems = problems

    def get(self, option: Option[T]) -> T:
        raw = self.backend.value(option.key)
        if raw is None or raw == "":
            return option.default
        try:
            return option.parse(raw)
        except (ValueError, TypeError, OverflowError) as exc:
            log.warning(
                "settings: %s has an unusable value %r (%s); using the default %r",
                option.key,
                raw,
                exc,
                option.default,
            )
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        option.parse(option.encode(value))  # refuse what we could not read back
        self.backend.set_value(option.key, option.encode(value))

    def reset(self, option: Option[Any]) -> None:
        self.backend.remove(option.key)
