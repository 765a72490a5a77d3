"""Loads PySide6 for the app without the import hook of its `__feature__` switches.

On first import, PySide6 replaces Python's `__import__` with a hook that serves
`from __feature__ import snake_case, true_property`, switches BackEase never uses. To know
which modules might use them, the hook reads the source of every module imported after
PySide6 (`inspect.getsource`, which linecache then keeps): about 80 modules before the first
window, read and held in memory for nothing. Modules the hook never
saw keep PySide6's default behaviour, which is what the hook would have chosen for each of
ours. Called once, first thing, by the command line before it starts the GUI."""

from __future__ import annotations

import builtins
import sys


def import_pyside_without_feature_hook() -> bool:
    """Imports PySide6's core and puts Python's own `__import__` back. False when PySide6
    was already imported (as under pytest-qt): then its hook stays, harmlessly."""
    if "shiboken6" in sys.modules:
        return False
    plain_import = builtins.__import__
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    builtins.__import__ = plain_import
    return True
