"""Turning Qt's fatal start-up failures into one sentence naming what to install."""

from __future__ import annotations

import pytest

from backease_desktop.platform import display_check


def test_loader_error_maps_to_the_debian_package() -> None:
    message = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
    assert display_check.package_for_error(message) == "libxcb-cursor0"
    assert display_check.package_for_error("libglib-2.0.so.0: cannot open") == "libglib2.0-0"
    assert display_check.package_for_error("something else entirely") is None


def test_missing_x11_libraries_are_listed_with_the_apt_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(
        display_check, "_load_xcb_plugin", lambda: "libxcb-cursor.so.0: cannot open shared object"
    )
    monkeypatch.setattr(display_check, "_missing", lambda libs: ["libxcb-cursor0", "libxcb-icccm4"])
    message = display_check.check_display()
    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message


def test_offscreen_platform_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert display_check.check_display() is None


def test_wayland_session_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert display_check.platform_name() == "wayland"
