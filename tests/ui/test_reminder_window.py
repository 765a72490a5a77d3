"""The fallback reminder window: it never takes the keyboard from what the user is typing, it
shows the red-flag banner, and its buttons and close box answer the reminder."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from backease_desktop.core.content import Library
from backease_desktop.core.scheduler import BreakDue
from backease_desktop.ui.reminder_window import ReminderWindow, ReminderWindowPresenter

DUE = BreakDue(due_wall=1_767_225_600.0, shown_wall=1_767_225_600.0, after_snooze=False)


@pytest.fixture
def window(library: Library, qtbot: Any) -> ReminderWindow:
    window = ReminderWindow(library.red_flags)
    qtbot.addWidget(window)
    return window


def test_window_is_made_never_to_take_keyboard_focus(window: ReminderWindow) -> None:
    assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    for button in (window.start_button, window.snooze_button, window.skip_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def _focus_check() -> None:
    """Run under a real X server (see the test below): prints what has the keyboard after
    the reminder appeared over a text field someone is typing in."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from backease_desktop.core.content.library import load_library

    app = QApplication([])
    editor = QLineEdit()
    editor.setWindowTitle("editor")
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    reminder = ReminderWindow(load_library().red_flags)

    def show_reminder() -> None:
        reminder.show_reminder(DUE, 30 * 60)
        QTimer.singleShot(700, report)

    def report() -> None:
        focus = QApplication.focusWidget()
        print("focus:", "editor" if focus is editor else type(focus).__name__, flush=True)
        print("reminder visible:", reminder.isVisible(), flush=True)
        app.quit()

    # Give the window manager time to map and focus the editor first.
    QTimer.singleShot(700, show_reminder)
    QTest.qWait(0)
    app.exec()


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (tools/system-deps bench)")
def test_typing_stays_in_the_other_window_when_it_appears(tmp_path: Path) -> None:
    display = _free_display()
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    manager = None
    try:
        _wait_for_socket(display)
        if shutil.which("openbox"):
            manager = subprocess.Popen(
                ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        result = subprocess.run(
            [sys.executable, __file__, "focus-check"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        if manager is not None:
            manager.terminate()
        server.terminate()
        server.wait(10)
    assert "reminder visible: True" in result.stdout, result.stderr
    assert "focus: editor" in result.stdout, result.stderr


def _free_display() -> str:
    number = 150
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return f":{number}"


def _wait_for_socket(display: str) -> None:
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    for _ in range(100):
        if socket.exists():
            return
        select.select([], [], [], 0.05)
    raise RuntimeError(f"Xvfb did not start on {display}")


def test_window_shows_the_red_flag_banner(window: ReminderWindow, library: Library) -> None:
    window.show_reminder(DUE, 30 * 60)
    assert window.banner.isVisible()
    assert window.banner.text() == library.red_flags.banner


def test_banner_button_asks_for_the_warning_signs(window: ReminderWindow, qtbot: Any) -> None:
    window.show_reminder(DUE, 30 * 60)
    with qtbot.waitSignal(window.red_flags_requested):
        qtbot.mouseClick(window.banner.details_button, Qt.MouseButton.LeftButton)


def test_window_says_how_long_the_user_has_been_sitting(window: ReminderWindow) -> None:
    window.show_reminder(DUE, 45 * 60)
    assert "45 minutes" in window.message.text()


@pytest.mark.parametrize(
    ("button", "answer"),
    [("start_button", "start"), ("snooze_button", "snooze"), ("skip_button", "skip")],
)
def test_buttons_answer_the_reminder_and_hide_it(
    library: Library, qtbot: Any, button: str, answer: str
) -> None:
    answers: list[str] = []
    built: list[ReminderWindow] = []

    def build() -> ReminderWindow:
        built.append(ReminderWindow(library.red_flags))
        qtbot.addWidget(built[-1])
        return built[-1]

    presenter = ReminderWindowPresenter(build, answers.append)
    assert presenter.show_reminder(DUE, 30 * 60)
    qtbot.mouseClick(getattr(built[0], button), Qt.MouseButton.LeftButton)
    assert answers == [answer]
    assert not built[0].isVisible()


def test_closing_the_window_dismisses_the_reminder(library: Library, qtbot: Any) -> None:
    answers: list[str] = []
    built: list[ReminderWindow] = []

    def build() -> ReminderWindow:
        built.append(ReminderWindow(library.red_flags))
        qtbot.addWidget(built[-1])
        return built[-1]

    presenter = ReminderWindowPresenter(build, answers.append)
    presenter.show_reminder(DUE, 30 * 60)
    built[0].close()
    assert answers == ["dismissed"]


def test_window_taken_down_by_the_app_is_not_a_dismissal(library: Library, qtbot: Any) -> None:
    answers: list[str] = []
    window = ReminderWindow(library.red_flags)
    qtbot.addWidget(window)
    presenter = ReminderWindowPresenter(lambda: window, answers.append)
    presenter.show_reminder(DUE, 30 * 60)
    presenter.close_reminder()
    assert not window.isVisible()
    assert answers == []


if __name__ == "__main__" and sys.argv[1:] == ["focus-check"]:
    _focus_check()
