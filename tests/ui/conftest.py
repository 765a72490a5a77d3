"""Every test here runs with the test QApplication (see tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _qt_app(qapp: object) -> None:
    """The widgets and Qt adapters under test need an application object."""
