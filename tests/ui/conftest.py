"""Fixtures for widget tests: the real bundled library and settings in a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from backease_desktop.core.content import Library
from backease_desktop.core.content.library import load_library
from backease_desktop.core.settings import Settings


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def settings(profile: Path, qapp: object) -> Settings:
    from backease_desktop.platform.settings_store import open_settings

    return open_settings()


@pytest.fixture(autouse=True, scope="session")
def _app_identity(qapp: object) -> None:
    """Names the test QApplication as the app names itself, so QStandardPaths agree."""
    from PySide6.QtWidgets import QApplication

    from backease_desktop import APP_NAME

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName("")
