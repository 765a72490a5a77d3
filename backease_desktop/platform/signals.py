"""`emit(signal, *args)`: emits a Qt signal from Python, undoing a PySide refcount bug.

PySide6 6.12.0's SignalInstance.emit returns Py_True without taking a reference to it, so
each emit whose result is dropped takes one reference from `True`. On Python 3.11, where
`True` is an ordinary object with a few thousand references, a process dies ("deallocating
True or False") after that many emits. Whether this PySide has the bug is measured once; if
it has, each emit gives the reference back (an extra reference to `True` is harmless)."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


@cache
def _emit_drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    dropped = before - sys.getrefcount(True)
    if dropped > 0:
        _give_back(dropped)
    return dropped >= 8


def _give_back(count: int) -> None:
    import ctypes  # only on a PySide that has the bug

    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def emit(signal: Any, *args: object) -> None:
    signal.emit(*args)
    if _emit_drops_true():
        _give_back(1)
