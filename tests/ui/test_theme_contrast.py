"""Every colour pair the style sheets draw meets WCAG 2.2 AA (4.5:1 for text, 3:1 for
outlines, icons and focus rings), in a light and in a dark palette, computed from the
palette as the app computes its colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication

from backease_desktop.ui import style, theme


def dark_palette() -> QPalette:
    """A dark palette as a dark desktop theme gives Qt."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d30"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1f22"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#3c3f41"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QGuiApplication.palette()
    if request.param == "dark":
        QApplication.setPalette(dark_palette())
    else:
        QApplication.setPalette(QApplication.style().standardPalette())
    assert theme.is_dark() == (request.param == "dark")
    yield request.param
    QApplication.setPalette(before)


def test_contrast_of_black_on_white_is_21() -> None:
    assert style.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)


def test_every_colour_pair_of_the_theme_meets_wcag_aa(palette: str) -> None:
    pairs = style.colour_pairs()
    assert len(pairs) > 20
    too_faint = [
        f"{pair.what}: {style.contrast(pair.foreground, pair.background):.2f}:1"
        f" (needs {pair.minimum}:1)"
        for pair in pairs
        if style.contrast(pair.foreground, pair.background) < pair.minimum
    ]
    assert too_faint == []


def test_the_sidebar_focus_ring_stands_out_on_the_teal_highlight(palette: str) -> None:
    c = style.colours()
    assert c.accent_text in style.sidebar_stylesheet().split("QListView:focus::item:selected")[1]
    assert style.contrast(QColor(c.accent_text), QColor(c.accent)) >= 3.0


def test_the_style_sheets_use_the_checked_colours(palette: str) -> None:
    c = style.colours()
    sheet = style.stylesheet()
    for colour in (c.outline, c.focus, c.link, c.accent, c.accent_text, c.muted):
        assert colour in sheet


def ink_of(image: QImage) -> QColor:
    """The colour of an icon's strokes: its most opaque pixel."""
    best = QColor(0, 0, 0, 0)
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > best.alpha():
                best = colour
    best.setAlpha(255)
    return best


def test_icons_on_the_teal_highlight_are_drawn_in_its_text_colour(palette: str) -> None:
    c = style.colours()
    for icon, mode in (
        (theme.list_icon("routine"), QIcon.Mode.Selected),  # a chosen sidebar row
        (theme.icon_on_accent("play"), QIcon.Mode.Normal),  # a start button
    ):
        image = icon.pixmap(QSize(24, 24), mode).toImage()
        ink = ink_of(image)
        assert style.contrast(ink, QColor(c.accent)) >= 3.0, ink.name()
