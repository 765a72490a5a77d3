"""The accessibility audit (tests/ui/a11y_audit.py) over every page, dialog and player
state, at 1024x600, 1280x800, 1920x1080 and 1920x1080 at 200%: controls named by what they
show, labels exposing their text, pictures described, focus visible, nothing essential cut
off.

The app runs for real, its clock a FakeClock, so the player's states are reached by moving
time. Views another piece of work is rebuilding are audited too; their findings are listed
(`PENDING`) but fail nothing until that work lands: then the class leaves PENDING."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.app import BackEase
from backease_desktop.cli import LaunchRequest
from backease_desktop.core.clock import FakeClock
from backease_desktop.core.safety import StandingAnswers, save_standing
from backease_desktop.core.settings import Options, Settings
from backease_desktop.platform.reminders import DesktopSupport
from backease_desktop.ui.player.page import PlayerPage
from backease_desktop.ui.red_flags_dialog import RedFlagsDialog
from backease_desktop.ui.settings_dialog import SettingsDialog
from backease_desktop.ui.shortcuts_dialog import ShortcutsDialog
from tests.ui.a11y_audit import Findings, audit

# Rebuilt by the safety work (issue 13) while this audit was written; audited, not failed.
PENDING: tuple[type[QWidget], ...] = ()

# Screens, less a title bar and a panel. At 200% (QT_SCALE_FACTOR=2) a 1920x1080 screen
# is 960x540 in the pixels widgets lay out in, with the fonts as they are.
SIZES = {
    "1024x600": (1024, 560),
    "1280x800": (1280, 760),
    "1920x1080": (1920, 1040),
    "1920x1080 at 200%": (960, 500),
}

T0 = 1000.0
WALL0 = 1_767_261_600.0


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return SIZES[request.param]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(monotonic=T0, wall=WALL0)


@pytest.fixture
def backease(
    qtbot: QtBot,
    settings: Settings,
    clock: FakeClock,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[BackEase]:
    settings.set(Options.sound_cues, False)
    settings.set(Options.voice_cues, False)
    monkeypatch.setattr("backease_desktop.app.SystemClock", lambda: clock)
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    app = BackEase(instance, LaunchRequest())
    qtbot.addWidget(app.window)
    app.show()
    app.window.resize(*size)
    qtbot.waitExposed(app.window)
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    qtbot.waitUntil(lambda: app.reminders is not None)
    yield app
    app.player.stop()


def settle(qtbot: QtBot) -> None:
    """Lets the layouts settle (a pass or two of the event loop), as before a frame."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(5)


def passed(findings: Findings, where: str) -> bool:
    if findings.pending:
        print(f"{where}: pending elsewhere:", *findings.pending, sep="\n  ")
    assert not findings.problems, f"{where}:\n  " + "\n  ".join(findings.problems)
    return True


def page_keys(backease: BackEase) -> list[str]:
    library = backease.library
    keys = [f"topic:{topic.id}" for topic in library.topics]
    keys += ["routines", "stretches", "progress"]
    keys += [f"stretch:{stretch.id}" for stretch in library.stretches]
    return keys


def test_every_page(backease: BackEase, qtbot: QtBot) -> None:
    window = backease.window
    for key in page_keys(backease):
        assert window.open_page(key), key
        settle(qtbot)
        passed(audit(window, PENDING), key)


def test_every_dialog(backease: BackEase, qtbot: QtBot, settings: Settings) -> None:
    window = backease.window
    dialogs: list[QWidget] = [
        SettingsDialog(settings, "No speech engine is installed.", DesktopSupport(), None, window),
        ShortcutsDialog(window.menus(), window),
        RedFlagsDialog(backease.library.red_flags, window),
    ]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitActive(dialog)
        settle(qtbot)
        passed(audit(dialog, PENDING), type(dialog).__name__)
        dialog.close()


def test_the_break_reminder(backease: BackEase, qtbot: QtBot) -> None:
    from backease_desktop.ui.reminder_window import ReminderWindow

    reminder = ReminderWindow(backease.library.red_flags)
    qtbot.addWidget(reminder)
    reminder.message.setText("Time for a short break: stand up, stretch and walk a little.")
    reminder.show()  # a window that never takes the focus: nothing to activate
    qtbot.waitExposed(reminder)
    settle(qtbot)
    passed(audit(reminder, PENDING), "the break reminder")


def player_page(backease: BackEase) -> PlayerPage:
    page = backease.window.page("player")
    assert isinstance(page, PlayerPage)
    return page


def at(backease: BackEase, clock: FakeClock, plan_s: float) -> None:
    clock.advance(T0 + plan_s - clock.monotonic())
    backease.player.catch_up()


# Moments of the morning routine: (seconds in, what is on screen).
MORNING = (
    (2.0, "walking: get ready"),
    (20.0, "walking: hold"),
    (56.0, "hip lifts: a hold of several"),
    (61.0, "hip lifts: the rest between"),
    (193.0, "knee to chest: switching sides"),
    (616.0, "the breathing"),
)


def test_every_player_state(backease: BackEase, clock: FakeClock, qtbot: QtBot) -> None:
    window = backease.window
    page = player_page(backease)
    routine = backease.library.routine("morning-low-back")
    assert routine is not None
    window.open_page("player")
    page.prepare(routine)  # the standing health questions first, on a fresh profile
    settle(qtbot)
    passed(audit(window, PENDING), "the standing health questions")
    save_standing(backease.settings, StandingAnswers(page.today_date()))
    page.prepare(routine)  # then today's red-flag check
    settle(qtbot)
    passed(audit(window, PENDING), "the red-flag check")
    backease.settings.set(Options.red_flag_check_date, page.today())
    page.prepare(routine)
    seen_kinds = set()
    for seconds, what in MORNING:
        at(backease, clock, seconds)
        settle(qtbot)
        state = backease.player.state()
        assert state is not None
        seen_kinds.add(state.phase.kind)
        passed(audit(window, PENDING), what)
    qtbot.keyClick(page.run_view, Qt.Key.Key_Space)
    settle(qtbot)
    passed(audit(window, PENDING), "paused")
    qtbot.keyClick(page.run_view, Qt.Key.Key_Space)
    qtbot.keyClick(page.run_view, Qt.Key.Key_Escape)
    settle(qtbot)
    assert page.run_view.is_asking_to_stop()
    passed(audit(window, PENDING), "asking to stop")
    qtbot.keyClick(page.run_view, Qt.Key.Key_Return)
    settle(qtbot)
    assert page.currentWidget() is page.summary
    passed(audit(window, PENDING), "the summary")
    assert len(seen_kinds) == 5


def test_the_audit_finds_each_kind_of_problem(qtbot: QtBot) -> None:
    """The audit itself: a window with one of each fault gets one finding for each."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    from backease_desktop.ui import theme
    from backease_desktop.ui.accessibility import install_role_factory
    from backease_desktop.ui.style import stylesheet
    from backease_desktop.ui.svg_view import SvgView

    install_role_factory()
    window = QWidget()
    window.setStyleSheet(stylesheet())  # the app's focus rings, as the app has them
    layout = QVBoxLayout(window)
    generic = QLabel("Lie on your back.")
    generic.setAccessibleName("Instructions")
    renamed = QPushButton("Not now")
    renamed.setAccessibleName("Do not start the routine")
    picture = SvgView(theme.illustration_path("cat-cow.svg"))
    picture.setAccessibleName("Picture: Cat-cow")
    unseen_focus = QWidget()
    unseen_focus.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    unseen_focus.setMinimumHeight(20)
    clipped = QLabel("A long sentence that wraps over several lines in a narrow window. " * 4)
    clipped.setWordWrap(True)
    clipped.setFixedHeight(12)
    for widget in (generic, renamed, picture, unseen_focus, clipped):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(300, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    settle(qtbot)

    problems = audit(window).problems

    assert len(problems) == 5, problems
    for part in ("'Instructions' instead", "does not start with 'Not now'", "a picture without"):
        assert any(part in problem for problem in problems), part
    assert any("looks no different" in problem for problem in problems)
    assert any("cut off" in problem for problem in problems)
