"""PySide6 loaded the app's way: without the `__feature__` import hook, and still whole."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# Run in a fresh interpreter: under pytest PySide6 is loaded long before any test.
PROBE = textwrap.dedent(
    """
    import builtins, linecache, sys
    plain = builtins.__import__
    from backease_desktop.platform.pyside_import import import_pyside_without_feature_hook
    assert import_pyside_without_feature_hook() is True
    assert builtins.__import__ is plain, "PySide6's import hook is still installed"
    assert import_pyside_without_feature_hook() is False  # once only

    import backease_desktop.ui.banner as banner  # a module that uses PySide6
    assert banner.__file__ not in linecache.cache, "its source was read and kept"

    from PySide6.QtCore import QObject, Qt, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    class Probe(QObject):
        said = Signal(str)

    app = QApplication([])
    heard = []
    probe = Probe()
    probe.said.connect(heard.append)
    probe.said.emit("hello")
    label = QLabel("x")
    label.setAlignment(Qt.AlignmentFlag.AlignRight)
    assert heard == ["hello"]
    assert label.alignment() & Qt.AlignmentFlag.AlignRight
    print("ok")
    """
)


def test_pyside_loads_without_its_import_hook_and_still_works() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
