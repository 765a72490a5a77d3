"""The whole app built in the test process, as a start from the command line builds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backease_desktop.app import BackEase
    from backease_desktop.launch import LaunchRequest

# The `make_app` fixture (tests/ui/conftest.py): builds, shows and wires the app for a request.
MakeApp = Callable[["LaunchRequest"], "BackEase"]
