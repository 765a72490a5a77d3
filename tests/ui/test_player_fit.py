"""Every step of every bundled routine, played in the real window at 1024x600 and at 200%
(a 1920x1080 screen at Qt scale factor 2 lays out as 960x540): the step's words, its
instructions and every caution, show whole, with no scroll box, however long they are."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.app import BackEase
from backease_desktop.cli import LaunchRequest
from backease_desktop.core.clock import FakeClock
from backease_desktop.core.content import StretchStep
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.ui.player.page import PlayerPage
from tests.helpers.player import T0, WALL0

# Screens less a title bar and a panel, as the accessibility audit has them.
SIZES = {"1024x600": (1024, 560), "1920x1080 at 200%": (960, 500)}


@pytest.fixture(params=list(SIZES))
def backease(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[BackEase]:
    settings.set(Options.sound_cues, False)
    settings.set(Options.voice_cues, False)
    clock = FakeClock(monotonic=T0, wall=WALL0)
    monkeypatch.setattr("backease_desktop.app.SystemClock", lambda: clock)
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    app = BackEase(instance, LaunchRequest())
    qtbot.addWidget(app.window)
    app.show()
    app.window.resize(*SIZES[request.param])
    qtbot.waitExposed(app.window)
    qtbot.waitUntil(lambda: app.reminders is not None)
    yield app
    app.player.stop()


def player_page(backease: BackEase) -> PlayerPage:
    backease.window.open_page("player")
    page = backease.window.page("player")
    assert isinstance(page, PlayerPage)
    save_standing(backease.settings, StandingAnswers(page.today_date()))
    backease.settings.set(Options.red_flag_check_date, page.today())
    return page


def shows_whole(widget: QWidget) -> bool:
    """On screen at the height its text needs at its width (a pixel for rounding)."""
    return widget.isVisible() and widget.height() >= widget.heightForWidth(widget.width()) - 1


def test_every_step_of_every_routine_shows_its_words_whole(
    backease: BackEase, qtbot: QtBot
) -> None:
    page = player_page(backease)
    view = page.run_view
    words = view.stretch_body.words
    stretches = 0
    for routine in backease.library.routines:
        page.prepare(routine)
        assert page.currentWidget() is page.run_frame, routine.id
        for index, step in enumerate(routine.steps):
            state = backease.player.state()
            assert state is not None and state.step_index == index
            if isinstance(step, StretchStep):
                stretches += 1
                where = f"{routine.id}, step {index + 1} ({step.title})"
                parts = [words.title_label, view.instructions_label]
                if step.note:
                    parts.append(view.note_label)
                if step.stretch.cautions:
                    parts.append(view.caution_label)
                    assert all(c in view.caution_label.text() for c in step.stretch.cautions)
                for part in parts:
                    qtbot.waitUntil(lambda part=part: shows_whole(part), timeout=1000)
                # Nothing of the column runs past the bottom of the body.
                bottom = view.caution if step.stretch.cautions else view.instructions_label
                assert bottom.geometry().bottom() <= words.height(), where
                # And the countdown still fits its (perhaps narrower) column.
                countdown = view.countdown
                assert countdown.width() >= countdown.sizeHint().width(), where
            backease.player.skip()
        backease.player.stop()
    assert stretches >= 10
