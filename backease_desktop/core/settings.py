"""The user's preferences: a typed registry of options with defaults and bounds.

Storage is someone else's job (a SettingsBackend: QSettings in the app, a dict in tests);
this module only knows what each option means. A value that cannot be read, or is out of
range, is logged and replaced by the default, and the other options are untouched."""

from __future__ import annotations

import logging
import re
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


_SIGN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Stored for "asked, and nothing applies": an empty value reads as never asked, so a lost or
# blanked line can never turn into "none of these".
NONE_TICKED = "none"


def _sign_ids(raw: object) -> tuple[str, ...] | None:
    """Warning-sign ids ticked in an answer: NONE_TICKED for none, else ids joined by commas
    (QSettings may hand back a list). Anything else is unreadable, never "none"."""
    items = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    ids = tuple(str(item).strip() for item in items)
    if ids == (NONE_TICKED,):
        return ()
    if not ids or any(not _SIGN_ID.fullmatch(sign) or sign == NONE_TICKED for sign in ids):
        raise ValueError(f"{raw!r} is not a list of warning-sign ids")
    return tuple(sorted(set(ids)))


def _encode_sign_ids(ids: tuple[str, ...] | None) -> object:
    if ids is None:
        raise ValueError("an answer is a tuple of ids; reset the option to forget it")
    return ",".join(ids) if ids else NONE_TICKED


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
    # The standing health questions (core/safety.py): health data, read only by the safety
    # check, never exported. Any of them missing or unreadable means "not asked yet".
    standing_asked_on = Option("safety/standing_asked_on", "", _iso_date_or_empty)
    standing_ticked: Option[tuple[str, ...] | None] = Option(
        "safety/standing_ticked", None, _sign_ids, encode=_encode_sign_ids
    )
    standing_cleared_on = Option("safety/standing_cleared_on", "", _iso_date_or_empty)
    # The facts that advice was given for: an all-clear covers only what the professional
    # was told about, never a fact ticked later.
    standing_cleared_ids: Option[tuple[str, ...] | None] = Option(
        "safety/standing_cleared_ids", None, _sign_ids, encode=_encode_sign_ids
    )


# -- the settings' version and its upgrade steps ---------------------------------------------
# The stored layout has a number, kept under VERSION_KEY. When an option is renamed, moved or
# changes meaning, add a step to UPGRADES that rewrites the stored values from the previous
# layout; the version is then one more. A store without the key is at version 1, the layout
# before versions were kept, so a user's file is written only when a step has work to do.

VERSION_KEY = "settings_version"
Upgrade = Callable[[SettingsBackend], None]
# UPGRADES[n] takes the stored values from version n + 1 to version n + 2.
UPGRADES: tuple[Upgrade, ...] = ()
SETTINGS_VERSION = len(UPGRADES) + 1


def stored_version(backend: SettingsBackend) -> int | None:
    """The layout version of what `backend` holds (1 without the key); None if unreadable."""
    raw = backend.value(VERSION_KEY)
    if raw is None or raw == "":
        return 1
    try:
        version = int(str(raw).strip())
    except ValueError:
        return None
    return version if version >= 1 else None


def upgrade_settings(backend: SettingsBackend, steps: tuple[Upgrade, ...] = UPGRADES) -> None:
    """Runs the upgrade steps from the stored version to the latest, each followed by its
    new version number, so an upgrade cut short resumes at the step it had reached. Values
    written by a newer BackEase, or under a version that cannot be read, are left as they
    are: the options read them as usual, and an unusable one falls back to its default."""
    latest = len(steps) + 1
    version = stored_version(backend)
    if version is None:
        log.warning(
            "settings: %s has an unusable value %r; upgrading nothing",
            VERSION_KEY,
            backend.value(VERSION_KEY),
        )
        return
    if version > latest:
        log.info("settings: version %d is from a newer BackEase; reading it as it is", version)
        return
    for step in range(version, latest):
        steps[step - 1](backend)
        backend.set_value(VERSION_KEY, step + 1)
        log.info("settings: upgraded from version %d to %d", step, step + 1)


class Settings:
    """Typed reads and writes over a backend. Reads never raise. What the backend holds is
    brought up to the current layout first (see upgrade_settings)."""

    def __init__(
        self,
        backend: SettingsBackend,
        problems: tuple[str, ...] = (),
        upgrades: tuple[Upgrade, ...] = UPGRADES,
    ) -> None:
        self.backend = backend
        # Sentences for the window when the settings could not be stored as usual (kept in
        # memory for the run, or a damaged file repaired).
        self.problems = problems
        upgrade_settings(backend, upgrades)

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
