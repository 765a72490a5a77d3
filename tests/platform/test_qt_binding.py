"""The Qt binding itself must not corrupt Python's reference counts (PySide6 6.12.0 did:
every call of a method returning nothing dropped a reference to None, and a long routine
aborted the whole app)."""

from __future__ import annotations

import subprocess
import sys


def test_many_calls_of_void_qt_methods_keep_none_alive() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "w = QWidget()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(20000):\n"
        "    w.update()\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
