"""The safety decisions: the standing questions before the first routine and every 90 days,
a recorded clearance, today's check, the list that did not load, and answers that cannot be
read. The days come from a FakeClock, as the app's do from the player's clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.safety import (
    RENEW_STANDING_AFTER_DAYS,
    Gate,
    StandingAnswers,
    guided_break_offered,
    local_date,
    read_answers,
    record_daily_check,
    routine_gate,
    save_standing,
)
from backease_desktop.core.settings import DictBackend, Settings

DAY_S = 24 * 3600.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings() -> Settings:
    return Settings(DictBackend())


def today(clock: FakeClock) -> date:
    return local_date(clock.wall())


def gate(settings: Settings, clock: FakeClock, usable: bool = True) -> Gate:
    return routine_gate(usable, read_answers(settings), today(clock))


def test_a_first_routine_asks_the_standing_questions_first(
    settings: Settings, clock: FakeClock
) -> None:
    assert gate(settings, clock) is Gate.STANDING_DUE


def test_answered_none_leads_to_the_daily_check_then_opens(
    settings: Settings, clock: FakeClock
) -> None:
    save_standing(settings, StandingAnswers(today(clock)))
    assert gate(settings, clock) is Gate.DAILY_DUE
    record_daily_check(settings, today(clock))
    assert gate(settings, clock) is Gate.OPEN


def test_standing_answers_are_asked_again_after_90_days(
    settings: Settings, clock: FakeClock
) -> None:
    save_standing(settings, StandingAnswers(today(clock)))
    clock.advance((RENEW_STANDING_AFTER_DAYS - 1) * DAY_S)
    record_daily_check(settings, today(clock))
    assert gate(settings, clock) is Gate.OPEN
    clock.advance(DAY_S)
    assert gate(settings, clock) is Gate.STANDING_DUE


def test_standing_answers_dated_after_today_are_asked_again(
    settings: Settings, clock: FakeClock
) -> None:
    save_standing(settings, StandingAnswers(today(clock) + timedelta(days=3)))
    assert gate(settings, clock) is Gate.STANDING_DUE


def test_a_ticked_standing_fact_keeps_routines_closed(settings: Settings, clock: FakeClock):
    save_standing(settings, StandingAnswers(today(clock), ("cancer-history",)))
    record_daily_check(settings, today(clock))
    assert gate(settings, clock) is Gate.STANDING_CLOSED
    clock.advance(30 * DAY_S)
    assert gate(settings, clock) is Gate.STANDING_CLOSED


def test_a_recorded_clearance_opens_routines(settings: Settings, clock: FakeClock) -> None:
    seen = today(clock) - timedelta(days=10)
    save_standing(
        settings, StandingAnswers(today(clock), ("cancer-history",), seen, ("cancer-history",))
    )
    record_daily_check(settings, today(clock))
    assert gate(settings, clock) is Gate.OPEN


def test_a_clearance_dated_in_the_future_does_not_count(
    settings: Settings, clock: FakeClock
) -> None:
    later = today(clock) + timedelta(days=1)
    steroids = ("steroids-or-injected-drugs",)
    save_standing(settings, StandingAnswers(today(clock), steroids, later, steroids))
    record_daily_check(settings, today(clock))
    assert gate(settings, clock) is Gate.STANDING_CLOSED


def test_the_daily_check_is_due_again_the_next_day(settings: Settings, clock: FakeClock):
    save_standing(settings, StandingAnswers(today(clock)))
    record_daily_check(settings, today(clock))
    clock.advance(DAY_S)
    assert gate(settings, clock) is Gate.DAILY_DUE


def test_nothing_opens_when_the_warning_signs_did_not_load(
    settings: Settings, clock: FakeClock
) -> None:
    save_standing(settings, StandingAnswers(today(clock)))
    record_daily_check(settings, today(clock))
    assert gate(settings, clock, usable=False) is Gate.UNUSABLE
    assert not guided_break_offered(False, read_answers(settings), today(clock))


@pytest.mark.parametrize(
    "stored",
    [
        {"safety/standing_asked_on": "2026-01-01"},  # which were ticked: missing
        {"safety/standing_asked_on": "2026-01-01", "safety/standing_ticked": ""},
        {"safety/standing_asked_on": "2026-01-01", "safety/standing_ticked": "Cancer!"},
        {"safety/standing_asked_on": "yesterday", "safety/standing_ticked": "none"},
        {"safety/standing_ticked": "none"},  # when: missing
    ],
)
def test_missing_or_unreadable_answers_count_as_not_asked(
    stored: dict[str, object], clock: FakeClock
) -> None:
    settings = Settings(DictBackend(stored))
    assert read_answers(settings).standing is None
    assert gate(settings, clock) is Gate.STANDING_DUE


def test_nothing_ticked_is_stored_as_none_not_as_an_empty_value(settings: Settings) -> None:
    backend = settings.backend
    assert isinstance(backend, DictBackend)
    save_standing(settings, StandingAnswers(date(2026, 1, 1)))
    assert backend.values["safety/standing_ticked"] == "none"
    ticked = ("cancer-history", "longer-than-four-weeks")
    save_standing(settings, StandingAnswers(date(2026, 1, 1), ticked))
    # as QSettings may hand it back: a list
    backend.values["safety/standing_ticked"] = list(ticked)
    answers = read_answers(settings).standing
    assert answers is not None and answers.ticked == ticked


def test_an_unreadable_clearance_keeps_routines_closed(clock: FakeClock) -> None:
    settings = Settings(
        DictBackend(
            {
                "safety/standing_asked_on": today(clock).isoformat(),
                "safety/standing_ticked": "cancer-history",
                "safety/standing_cleared_on": "last spring",
                "safety/red_flag_check_date": today(clock).isoformat(),
            }
        )
    )
    assert gate(settings, clock) is Gate.STANDING_CLOSED


def test_the_guided_break_is_not_offered_while_a_standing_fact_is_open(
    settings: Settings, clock: FakeClock
) -> None:
    save_standing(settings, StandingAnswers(today(clock), ("different-episode",)))
    assert not guided_break_offered(True, read_answers(settings), today(clock))
    seen = today(clock)
    fact = ("different-episode",)
    save_standing(settings, StandingAnswers(today(clock), fact, seen, fact))
    assert guided_break_offered(True, read_answers(settings), today(clock))


def test_the_guided_break_is_offered_before_the_first_answers(
    settings: Settings, clock: FakeClock
) -> None:
    # A first start with --tray: the break leads to the questions, then to the routine.
    assert guided_break_offered(True, read_answers(settings), today(clock))


def test_a_clearance_is_forgotten_when_nothing_is_ticked(settings: Settings) -> None:
    cancer = ("cancer-history",)
    save_standing(settings, StandingAnswers(date(2026, 1, 1), cancer, date(2026, 1, 1), cancer))
    save_standing(settings, StandingAnswers(date(2026, 2, 1)))
    answers = read_answers(settings).standing
    assert answers == StandingAnswers(date(2026, 2, 1), (), None)


def test_a_clearance_covers_only_the_facts_it_was_given_for(
    settings: Settings, clock: FakeClock
) -> None:
    seen = today(clock) - timedelta(days=30)
    ticked = ("cancer-history", "steroids-or-injected-drugs")
    save_standing(settings, StandingAnswers(today(clock), ticked, seen, ("cancer-history",)))
    record_daily_check(settings, today(clock))
    answers = read_answers(settings)
    assert answers.standing is not None
    assert answers.standing.open_facts(today(clock)) == ("steroids-or-injected-drugs",)
    assert gate(settings, clock) is Gate.STANDING_CLOSED
    assert not guided_break_offered(True, answers, today(clock))


@pytest.mark.parametrize(
    "cleared_ids",
    [None, "", "Cancer!", "none"],  # missing (stored before ids were kept), blank, unreadable
)
def test_a_clearance_without_readable_facts_counts_as_not_asked(
    clock: FakeClock, cleared_ids: str | None
) -> None:
    stored: dict[str, object] = {
        "safety/standing_asked_on": today(clock).isoformat(),
        "safety/standing_ticked": "cancer-history",
        "safety/standing_cleared_on": (today(clock) - timedelta(days=3)).isoformat(),
        "safety/red_flag_check_date": today(clock).isoformat(),
    }
    if cleared_ids is not None:
        stored["safety/standing_cleared_ids"] = cleared_ids
    settings = Settings(DictBackend(stored))
    assert read_answers(settings).standing is None
    assert gate(settings, clock) is Gate.STANDING_DUE  # asked again before any routine


def test_a_clearance_is_stored_only_for_facts_still_ticked(settings: Settings) -> None:
    day = date(2026, 3, 1)
    save_standing(
        settings,
        StandingAnswers(day, ("cancer-history",), day, ("cancer-history", "different-episode")),
    )
    standing = read_answers(settings).standing
    assert standing == StandingAnswers(day, ("cancer-history",), day, ("cancer-history",))
