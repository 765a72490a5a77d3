"""The first frame's rules, checked on a real start in a fresh interpreter: the window's
first frame loads none of the `Qt` namespace's enums (PySide6 creates all of them, about
ninety types, the first time any one is used; see docs/architecture.md)."""

from __future__ import annotations

import os
import subprocess
import sys

# Starts the app as the command line does (PySide6 loaded first, without its feature hook),
# and lists the Qt namespace's enum types that exist once the first frame is painted, before
# the wiring that follows the first frame: Qt calls the paint filter installed last first,
# so this callback, registered after the app's finish_start, runs before it.
START_TO_FIRST_FRAME = """
import enum, gc, sys
from backease_desktop.platform.display_check import check_qt_core
assert check_qt_core() is None
from backease_desktop import app as app_module
from backease_desktop.ui.first_paint import after_first_paint

def qt_namespace_enums():
    gc.unfreeze()  # settle_after_start() may have frozen them out of gc's sight already
    return sorted(
        kind.__qualname__ for kind in gc.get_objects()
        if isinstance(kind, enum.EnumType)
        and kind.__module__ == "PySide6.QtCore" and kind.__qualname__.startswith("Qt.")
    )

def report():
    print("qt-enums", ",".join(qt_namespace_enums()), flush=True)
    app_module.QApplication.quit()

built = app_module.BackEase.__init__
def build(self, *args):
    built(self, *args)
    after_first_paint(self.window.banner, report)
app_module.BackEase.__init__ = build
{before_start}
from backease_desktop.cli import main
sys.exit(main([]))
"""


def qt_enums_at_first_frame(before_start: str = "") -> list[str]:
    script = START_TO_FIRST_FRAME.format(before_start=before_start)
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
    assert "qt-enums" in said, result.stdout + result.stderr
    return [name for name in said["qt-enums"].split(",") if name]


def test_the_first_frame_loads_none_of_the_qt_namespace_enums() -> None:
    assert qt_enums_at_first_frame() == []


def test_the_check_sees_the_qt_namespace_enums_once_one_is_used() -> None:
    # Guards the test above against passing only because the check never sees them.
    loaded = qt_enums_at_first_frame("from PySide6.QtCore import Qt; Qt.AlignmentFlag")
    assert "Qt.AlignmentFlag" in loaded and "Qt.Key" in loaded
