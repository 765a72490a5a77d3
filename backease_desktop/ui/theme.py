"""Colours and pictures that follow the system's light or dark palette.

The project's SVGs use a small fixed palette (resources/illustrations/README.md); in dark
mode each light-mode colour is swapped for its dark counterpart before rendering, so one
drawing serves both themes and stays vector-sharp at every size."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from backease_desktop.core.paths import resources_dir

# light-mode colour -> dark-mode colour; kept in step with resources/illustrations/README.md
DARK_SWAPS: dict[str, str] = {
    "#1d2b3a": "#e6edf3",  # ink
    "#f4d3bc": "#4a5a69",  # body
    "#e8744f": "#ff946c",  # accent
    "#c9d6df": "#36454f",  # mat
    "#9cc7b9": "#4d7a6d",  # prop
}

# The red-flag banner: white on deep red is 7.4:1 (WCAG AA asks 4.5:1), in both themes.
BANNER_BACKGROUND = "#9b1c1c"
BANNER_TEXT = "#ffffff"
ACCENT = "#2f7f74"


def is_dark() -> bool:
    """True when the system palette is dark (by colour scheme, or by the window colour)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def svg_bytes(path: Path, dark: bool | None = None) -> bytes:
    """The SVG's bytes, recoloured for the dark palette when needed."""
    return _svg_bytes(path, is_dark() if dark is None else dark)


@cache
def _svg_bytes(path: Path, dark: bool) -> bytes:
    text = path.read_text(encoding="utf-8")
    if dark:
        for light, dark_colour in DARK_SWAPS.items():
            text = text.replace(light, dark_colour).replace(light.upper(), dark_colour)
    return text.encode("utf-8")


def renderer(path: Path, dark: bool | None = None) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg_bytes(path, dark)))


class SvgIconEngine(QIconEngine):
    """Paints an SVG at whatever size the icon is asked for, so icons stay sharp."""

    def __init__(self, path: Path, dark: bool | None = None) -> None:
        super().__init__()
        self._path = path
        self._dark = dark
        self._renderer = renderer(path, dark)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._path, self._dark)


def icon(name: str) -> QIcon:
    """An icon from resources/icons by name (without .svg); empty if there is none."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.exists():
        return QIcon()
    return QIcon(SvgIconEngine(path))


def app_icon() -> QIcon:
    """The app's own colours, the same in both themes."""
    return QIcon(SvgIconEngine(resources_dir() / "icons" / "backease.svg", dark=False))


def illustration_path(file_name: str) -> Path:
    return resources_dir() / "illustrations" / file_name
