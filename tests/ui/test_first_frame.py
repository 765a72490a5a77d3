"""The first frame's rules, checked on a real start in a fresh interpreter (see
docs/architecture.md): the window's first frame loads none of the `Qt` namespace's enums
(PySide6 creates all ninety-odd of them the first time any one is used), and asks no scroll
area for its viewport() (PySide6 then sets up the Python class of every widget type it
knows, to find that one's)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Widget classes the first frame never uses; PySide6 creates them all when it looks for a
# viewport's type.
STRAY_WIDGET_CLASSES = ("QCalendarWidget", "QDial", "QLCDNumber", "QMdiArea", "QWizard")

# Starts the app as the command line does (PySide6 loaded first, without its feature hook)
# and reports, once the first frame is painted and before the wiring that follows it, which
# Qt enum types and stray widget classes exist: Qt calls the paint filter installed last
# first, so this callback, registered after the app's finish_start, runs before it.
# {during_build} runs at the end of BackEase's constructor, before the first frame.
START_TO_FIRST_FRAME = """
import enum, gc, sys
from backease_desktop.platform.display_check import check_qt_core
assert check_qt_core() is None
from backease_desktop import app as app_module
from backease_desktop.ui.first_paint import after_first_paint

def made(predicate):
    gc.unfreeze()  # settle_after_start() may have frozen them out of gc's sight already
    return sorted(t.__qualname__ for t in gc.get_objects() if isinstance(t, type) and predicate(t))

def report():
    enums = made(lambda t: isinstance(t, enum.EnumType) and t.__module__ == "PySide6.QtCore"
                 and t.__qualname__.startswith("Qt."))
    widgets = made(lambda t: t.__module__ == "PySide6.QtWidgets" and t.__qualname__ in STRAY)
    print("qt-enums", ",".join(enums), flush=True)
    print("stray-widget-classes", ",".join(widgets), flush=True)
    app_module.QApplication.quit()

STRAY = {stray!r}
built = app_module.BackEase.__init__
def build(self, *args):
    built(self, *args)
    {during_build}
    after_first_paint(self.window.banner, report)
app_module.BackEase.__init__ = build
from backease_desktop.cli import main
sys.exit(main([]))
"""


# What exists right after PySide6 is imported. 6.11 makes both lazily; a PySide6 that made
# them eagerly would leave the rules nothing to guard, and the tests say so by skipping.
JUST_IMPORTED = f"""
import enum, gc
import PySide6.QtCore, PySide6.QtWidgets
names = {{t.__qualname__ for t in gc.get_objects() if isinstance(t, type)}}
print("qt-enums", ",".join(sorted(n for n in names if n.startswith("Qt."))))
print("stray-widget-classes", ",".join(sorted(names & set({STRAY_WIDGET_CLASSES!r}))))
"""


def run_python(script: str) -> dict[str, list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    said = dict(line.partition(" ")[::2] for line in result.stdout.splitlines())
    assert "qt-enums" in said and "stray-widget-classes" in said, result.stdout + result.stderr
    return {key: [name for name in said[key].split(",") if name] for key in said}


@pytest.fixture(scope="module")
def lazy() -> None:
    eager = [key for key, names in run_python(JUST_IMPORTED).items() if names]
    if eager:
        pytest.skip(f"this PySide6 makes {', '.join(eager)} at import: nothing to guard")


def at_first_frame(during_build: str = "pass") -> dict[str, list[str]]:
    return run_python(
        START_TO_FIRST_FRAME.format(during_build=during_build, stray=STRAY_WIDGET_CLASSES)
    )


def test_the_first_frame_loads_no_qt_enum_and_asks_for_no_viewport(lazy: None) -> None:
    made = at_first_frame()
    assert made["qt-enums"] == []
    assert made["stray-widget-classes"] == []


def test_the_check_sees_the_qt_enums_once_one_is_used(lazy: None) -> None:
    # Guards the test above against passing only because the check never sees them.
    made = at_first_frame("from PySide6.QtCore import Qt; Qt.AlignmentFlag")
    assert "Qt.AlignmentFlag" in made["qt-enums"] and "Qt.Key" in made["qt-enums"]


def test_the_check_sees_a_scroll_area_asked_for_its_viewport(lazy: None) -> None:
    made = at_first_frame("from PySide6.QtWidgets import QScrollArea; QScrollArea().viewport()")
    assert made["stray-widget-classes"] == sorted(STRAY_WIDGET_CLASSES)
