"""Hooks the benchmark harness switches on with environment variables; inert otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def install(window: QWidget) -> None:
    """Called once the main window exists (the harness adds what it measures here)."""
