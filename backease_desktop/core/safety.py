"""Whether a routine may start: the warning-sign list loaded, the standing health questions
answered (and renewed every 90 days), no standing fact open without a health professional's
advice, and today's check done. Plain decisions over the settings and a date, so the
widgets only show the outcome and a fake clock can test every step."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from backease_desktop.core.settings import Options, Settings

# How long standing answers hold before they are asked again, for everyone.
RENEW_STANDING_AFTER_DAYS = 90


def local_date(wall_s: float) -> date:
    """The person's calendar day at wall-clock time `wall_s` (the app clock's `wall()`)."""
    return datetime.fromtimestamp(wall_s).date()


class StandingAnswers(NamedTuple):
    """What the person said about the standing facts: on which day, which ids they ticked,
    and the day a health professional saw them and advised gentle exercise (if recorded)
    with the facts that advice was given for (`cleared_ids`): an all-clear covers what the
    professional knew about, not a fact ticked since."""

    asked_on: date
    ticked: tuple[str, ...] = ()
    cleared_on: date | None = None
    cleared_ids: tuple[str, ...] = ()

    def cleared(self, today: date) -> bool:
        """A recorded clearance counts only when it is not dated after today."""
        return self.cleared_on is not None and self.cleared_on <= today

    def open_facts(self, today: date) -> tuple[str, ...]:
        """The ticked facts that still keep routines closed: every one the clearance (if it
        counts) does not name."""
        covered = set(self.cleared_ids) if self.cleared(today) else set()
        return tuple(fact for fact in self.ticked if fact not in covered)


class Gate(Enum):
    """What stands between the person and a routine, in the order it is dealt with."""

    UNUSABLE = "unusable"  # the warning signs did not load: no routine (fail closed)
    STANDING_DUE = "standing_due"  # ask the standing questions first
    STANDING_CLOSED = "standing_closed"  # a standing fact applies, no advice recorded
    DAILY_DUE = "daily_due"  # ask today's check
    OPEN = "open"


class SafetyAnswers(NamedTuple):
    """Everything the decisions read from the settings."""

    standing: StandingAnswers | None  # None: never asked, or unreadable
    daily_checked_on: date | None


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def read_answers(settings: Settings) -> SafetyAnswers:
    """The stored answers. A missing or unreadable part of the standing answer makes the
    whole of it "not asked", never "none of these applies"; so does a record of advice
    whose facts are missing or unreadable (or stored before they were kept): it cannot
    say what it covers, so the questions are asked again. A record whose date cannot be
    read covers nothing."""
    daily = _date_or_none(settings.get(Options.red_flag_check_date))
    asked_on = _date_or_none(settings.get(Options.standing_asked_on))
    ticked = settings.get(Options.standing_ticked)
    if asked_on is None or ticked is None:
        return SafetyAnswers(None, daily)
    cleared_on: date | None = None
    cleared_ids: tuple[str, ...] = ()
    if ticked:
        cleared_on = _date_or_none(settings.get(Options.standing_cleared_on))
        if cleared_on is not None:
            stored_ids = settings.get(Options.standing_cleared_ids)
            if not stored_ids:
                return SafetyAnswers(None, daily)
            cleared_ids = stored_ids
    return SafetyAnswers(StandingAnswers(asked_on, ticked, cleared_on, cleared_ids), daily)


def save_standing(settings: Settings, answers: StandingAnswers) -> None:
    """Stores a standing answer; the day asked goes last, so an answer cut short on the way
    to the file reads as an older one or as not asked."""
    settings.set(Options.standing_ticked, answers.ticked)
    covered = tuple(sorted(set(answers.cleared_ids) & set(answers.ticked)))
    if covered and answers.cleared_on is not None:
        settings.set(Options.standing_cleared_ids, covered)
        settings.set(Options.standing_cleared_on, answers.cleared_on.isoformat())
    else:
        settings.reset(Options.standing_cleared_on)
        settings.reset(Options.standing_cleared_ids)
    settings.set(Options.standing_asked_on, answers.asked_on.isoformat())


def record_daily_check(settings: Settings, today: date) -> None:
    """Today's check was answered with nothing ticked."""
    settings.set(Options.red_flag_check_date, today.isoformat())


def standing_due(standing: StandingAnswers | None, today: date) -> bool:
    """Never asked, asked 90 days ago or more, or dated after today (the clock went back:
    the answer's age is unknown, so it is asked again)."""
    if standing is None:
        return True
    age_days = (today - standing.asked_on).days
    return age_days < 0 or age_days >= RENEW_STANDING_AFTER_DAYS


def routine_gate(usable: bool, answers: SafetyAnswers, today: date) -> Gate:
    """The next thing to settle before a routine may start."""
    if not usable:
        return Gate.UNUSABLE
    if standing_due(answers.standing, today):
        return Gate.STANDING_DUE
    assert answers.standing is not None
    if answers.standing.open_facts(today):
        return Gate.STANDING_CLOSED
    if answers.daily_checked_on != today:
        return Gate.DAILY_DUE
    return Gate.OPEN


def guided_break_offered(usable: bool, answers: SafetyAnswers, today: date) -> bool:
    """Whether a desk-break reminder offers the guided routine. Not when the warning signs
    did not load, nor when a standing fact keeps routines closed; a person not yet asked is
    offered it, and the questions come before the routine starts."""
    if not usable:
        return False
    standing = answers.standing
    if standing is None or standing_due(standing, today):
        return True
    return not standing.open_facts(today)
