"""Turning Qt's fatal start-up failures into one sentence naming what to install."""

from __future__ import annotations

import logging

import pytest

from backease_desktop.platform import display_check


def test_loader_error_maps_to_the_debian_package() -> None:
    message = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
    assert display_check.package_for_error(message) == "libxcb-cursor0"
    assert display_check.package_for_error("libglib-2.0.so.0: cannot open") == "libglib2.0-0"
    assert display_check.package_for_error("something else entirely") is None


@pytest.fixture
def x11_session(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An X11 session on display :42, as Qt would choose its platform in it."""
    monkeypatch.setenv("DISPLAY", ":42")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return monkeypatch


def test_missing_x11_libraries_are_listed_with_the_apt_command(
    x11_session: pytest.MonkeyPatch,
) -> None:
    monkeypatch = x11_session
    monkeypatch.setattr(
        display_check, "_load_xcb_plugin", lambda: "libxcb-cursor.so.0: cannot open shared object"
    )
    monkeypatch.setattr(display_check, "_missing", lambda libs: ["libxcb-cursor0", "libxcb-icccm4"])
    assert display_check.check_display() is None  # nothing costly is checked up front
    message = display_check.explain_platform_failure(["could not connect to display :42"])
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in message


def test_unreachable_x_server_is_named_not_blamed_on_a_library(
    x11_session: pytest.MonkeyPatch,
) -> None:
    x11_session.setattr(display_check, "_load_xcb_plugin", lambda: None)
    x11_session.setattr(display_check, "_x_server_reachable", lambda display: False)
    message = display_check.explain_platform_failure(
        ["From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin."]
    )
    assert "':42'" in message
    assert "xcb-cursor0" not in message


def test_qt_messages_during_a_good_start_go_to_the_debug_log(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtCore import qWarning

    with caplog.at_level(logging.DEBUG, logger="qt"), display_check.platform_failure_explained():
        qWarning("a warning while the platform starts")
    assert "a warning while the platform starts" not in capsys.readouterr().err
    assert [(r.name, r.levelno) for r in caplog.records if "platform starts" in r.message] == [
        ("qt", logging.DEBUG)
    ]


def test_the_no_display_message_names_only_what_a_desktop_user_can_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(display_check, "platform_name", lambda: "xcb")
    message = display_check.check_display()
    assert message is not None
    assert "desktop session" in message
    assert "QT_QPA_PLATFORM" not in message and "offscreen" not in message


def test_offscreen_platform_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert display_check.check_display() is None


def test_wayland_session_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert display_check.platform_name() == "wayland"
