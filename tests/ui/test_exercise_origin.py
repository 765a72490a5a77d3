"""Where an exercise comes from is always in sight: the Stretches page and the player say
it, for the bundled stretches and for a person's own or imported exercises alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import Library, Routine, StretchStep
from backease_desktop.core.content.library import load_library
from backease_desktop.core.paths import user_routines_dir
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.player_driver import PlayerDriver
from backease_desktop.ui.accessibility import install_role_factory
from backease_desktop.ui.library_pages import StretchListPage, StretchPage
from backease_desktop.ui.player.page import PlayerPage
from tests.helpers.plans import png_bytes
from tests.helpers.player import T0, WALL0

PLAN = """\
id: physio-plan
title: Physio plan
summary: One exercise from the practice.
exercises:
  - id: pelvic-tilt
    title: Pelvic tilt
    summary: Flatten your back gently against the floor.
    position: lying
    instructions: [Lie on your back with your knees bent., Press your back down gently.]
    hold: 5
    source: Riverside Physiotherapy
    added: 2026-11-30
    illustration: tilt.png
steps:
  - stretch: pelvic-tilt
"""


@pytest.fixture
def own_library(profile: Path) -> Library:
    folder = user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "tilt.png").write_bytes(png_bytes())
    (folder / "physio.yaml").write_text(PLAN)
    library = load_library(user_routine_dirs=[folder])
    assert library.errors == ()
    return library


def test_the_stretch_list_marks_your_exercise_and_says_who_wrote_it(
    qtbot: QtBot, own_library: Library
) -> None:
    page = StretchListPage(own_library)
    qtbot.addWidget(page)
    cards = {card.stretch.id: card for card in page.cards}
    assert cards["pelvic-tilt"].origin.text() == (
        "Written by Riverside Physiotherapy, added 2026-11-30. Not checked by BackEase."
    )
    assert cards["cat-cow"].origin.text().startswith('Follows the article "How To Ease')


def test_the_stretch_page_shows_where_it_comes_from_and_its_png_picture(
    qtbot: QtBot, own_library: Library
) -> None:
    page = StretchPage()
    qtbot.addWidget(page)
    stretch = own_library.stretch("pelvic-tilt")
    assert stretch is not None
    page.show_stretch(stretch)
    assert "Riverside Physiotherapy" in page.origin.text()
    assert page.picture.has_picture()
    assert "Stop if it hurts" in page.cautions.text()


def test_the_player_says_who_wrote_the_exercise_through_the_accessibility_tree(
    qtbot: QtBot, own_library: Library, settings: Settings
) -> None:
    install_role_factory()
    clock = FakeClock(monotonic=T0, wall=WALL0)
    routine = own_library.routine("physio-plan")
    assert isinstance(routine, Routine)
    driver = PlayerDriver(own_library, clock)
    page = PlayerPage(driver, own_library, settings)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    save_standing(settings, StandingAnswers(page.today_date()))  # asked: none applies
    settings.set(Options.red_flag_check_date, page.today())
    page.prepare(routine)
    clock.advance(6.0)
    driver.catch_up()
    view = page.run_view
    assert isinstance(routine.steps[0], StretchStep)
    assert view.title_label.text() == "Pelvic tilt"
    interface = QAccessible.queryAccessibleInterface(view.origin_label)
    assert "Written by Riverside Physiotherapy" in interface.text(QAccessible.Text.Name)
    caution = QAccessible.queryAccessibleInterface(view.caution_label)
    assert "Stop if it hurts" in caution.text(QAccessible.Text.Name)
    assert view.picture.has_picture()
