"""The breathing pacer: the circle's size and the words at points of a 5-1-3 breath, the
reduce-motion form, and animation only while someone can see a running breath."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import BreatheStep, Library, Routine
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import resources_dir
from backease_desktop.core.player import PhaseKind
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.player.pacer import BreathingPacer, breath_level, ease
from backease_desktop.ui.player.page import PlayerPage
from backease_desktop.ui.player.wording import PHASE_LOOKS
from tests.helpers.player import T0, play_to


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(monotonic=T0)


@pytest.fixture
def page(qtbot: QtBot, library: Library, settings: Settings, clock: FakeClock) -> PlayerPage:
    breathing = Routine("breathe", "Breathe", "", (BreatheStep(5.0, 1.0, 3.0, cycles=2),))
    driver = PlayerDriver(library, clock)
    page = PlayerPage(driver, library, settings)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    save_standing(settings, StandingAnswers(page.today_date()))
    settings.set(Options.red_flag_check_date, page.today())
    page.prepare(breathing)
    return page


def pacer(page: PlayerPage) -> BreathingPacer:
    return page.run_view.pacer


def at(page: PlayerPage, clock: FakeClock, seconds: float) -> None:
    play_to(page.driver, clock, seconds)
    pacer(page).refresh()  # one animation frame


def test_two_seconds_in_the_circle_is_growing_and_says_breathe_in(
    page: PlayerPage, clock: FakeClock
) -> None:
    at(page, clock, 2.0)
    shown = pacer(page)
    assert shown.word_text() == "Breathe in"
    assert shown.seconds_text() == "3"
    assert shown.level() == pytest.approx(ease(2 / 5))
    smallest = shown.max_radius() * 0.55
    assert smallest < shown.radius() < shown.max_radius()
    before = shown.radius()
    at(page, clock, 3.0)
    assert shown.radius() > before


def test_in_the_pause_the_circle_is_full_and_says_pause(page: PlayerPage, clock: FakeClock):
    at(page, clock, 5.5)
    shown = pacer(page)
    assert shown.word_text() == "Pause"
    assert shown.seconds_text() == "1"
    assert shown.radius() == pytest.approx(shown.max_radius())


def test_seven_seconds_in_the_circle_is_shrinking_and_says_breathe_out(
    page: PlayerPage, clock: FakeClock
) -> None:
    at(page, clock, 7.0)
    shown = pacer(page)
    assert shown.word_text() == "Breathe out"
    assert shown.seconds_text() == "2"
    assert shown.level() == pytest.approx(1 - ease(1 / 3))
    before = shown.radius()
    at(page, clock, 8.0)
    assert shown.radius() < before


def test_the_circle_moves_between_countdown_updates(page: PlayerPage, clock: FakeClock):
    at(page, clock, 1.0)
    shown = pacer(page)
    clock.advance(0.25)  # no timer: only an animation frame
    shown.refresh()
    assert shown.level() == pytest.approx(ease(1.25 / 5))


def test_the_words_are_what_a_screen_reader_reads(page: PlayerPage, clock: FakeClock) -> None:
    names = []
    for seconds in (0.5, 5.5, 7.0):
        at(page, clock, seconds)
        interface = QAccessible.queryAccessibleInterface(pacer(page).word)
        names.append(interface.text(QAccessible.Text.Name))
    assert names == ["Breathe in", "Pause", "Breathe out"]


def test_it_animates_while_a_breath_runs_on_screen(page: PlayerPage, clock: FakeClock) -> None:
    at(page, clock, 1.0)
    assert pacer(page).is_animating()


def test_paused_it_does_not_animate(page: PlayerPage, clock: FakeClock) -> None:
    at(page, clock, 1.0)
    page.driver.pause()
    assert not pacer(page).is_animating()
    page.driver.resume()
    assert pacer(page).is_animating()


def test_hidden_it_does_not_animate(page: PlayerPage, clock: FakeClock) -> None:
    at(page, clock, 1.0)
    page.run_view.pacer.hide()
    assert not pacer(page).is_animating()


def test_finished_it_does_not_animate(page: PlayerPage, clock: FakeClock) -> None:
    at(page, clock, 30.0)
    assert not pacer(page).is_animating()


def test_reduce_motion_shows_a_bar_and_words_and_does_not_animate(
    qtbot: QtBot, library: Library, settings: Settings, clock: FakeClock
) -> None:
    settings.set(Options.reduce_motion, True)
    breathing = Routine("breathe", "Breathe", "", (BreatheStep(5.0, 1.0, 3.0, cycles=2),))
    page = PlayerPage(PlayerDriver(library, clock), library, settings)
    qtbot.addWidget(page)
    page.show()
    save_standing(settings, StandingAnswers(page.today_date()))
    settings.set(Options.red_flag_check_date, page.today())
    page.prepare(breathing)
    at(page, clock, 2.0)
    shown = pacer(page)
    assert shown.bar.isVisible()
    assert shown.bar.value() == round(100 * ease(2 / 5))
    assert shown.word_text() == "Breathe in" and shown.seconds_text() == "3"
    assert not shown.is_animating()
    at(page, clock, 5.5)
    assert shown.bar.value() == 100


def test_without_reduce_motion_there_is_no_bar(page: PlayerPage, clock: FakeClock) -> None:
    at(page, clock, 2.0)
    assert not pacer(page).bar.isVisible()


@pytest.mark.parametrize(
    ("kind", "fraction", "level"),
    [
        (PhaseKind.BREATHE_IN, 0.0, 0.0),
        (PhaseKind.BREATHE_IN, 0.5, 0.5),
        (PhaseKind.BREATHE_IN, 1.0, 1.0),
        (PhaseKind.BREATHE_PAUSE, 0.3, 1.0),
        (PhaseKind.BREATHE_OUT, 0.0, 1.0),
        (PhaseKind.BREATHE_OUT, 1.0, 0.0),
    ],
)
def test_the_breath_starts_empty_fills_holds_and_empties(
    kind: PhaseKind, fraction: float, level: float
) -> None:
    assert breath_level(kind, fraction) == pytest.approx(level)


def test_the_breath_level_is_continuous_across_the_phase_changes() -> None:
    # Nothing jumps at 5 s or 6 s: in ends full, the pause is full, out starts full.
    assert breath_level(PhaseKind.BREATHE_IN, 1.0) == breath_level(PhaseKind.BREATHE_PAUSE, 0)
    assert breath_level(PhaseKind.BREATHE_PAUSE, 1.0) == breath_level(PhaseKind.BREATHE_OUT, 0)


def test_the_pacer_calls_the_pause_what_the_content_calls_it() -> None:
    # One word for the breath's short rest, on screen and in the text; never "Hold", since
    # Stretching safely says not to hold your breath.
    word = PHASE_LOOKS[PhaseKind.BREATHE_PAUSE].word
    topic = load_library(resources_dir()).topic("breathing")
    assert topic is not None
    rhythm = next(s for s in topic.sections if s.heading == "The rhythm")
    assert word == "Pause"
    assert rhythm.bullets[1].startswith(f"{word} for one second")


def test_the_rhythm_beside_the_circle_says_pause_not_hold(page: PlayerPage, clock: FakeClock):
    at(page, clock, 2.0)
    rhythm = page.run_view.breath_body.guidance.text()
    assert "pause for 1 s" in rhythm
    assert "hold" not in rhythm.lower()
