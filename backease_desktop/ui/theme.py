"""Colours and pictures that follow the system's light or dark palette.

The project's SVGs use a small fixed palette (resources/illustrations/README.md); in dark
mode each light-mode colour is swapped for its dark counterpart before rendering, so one
drawing serves both themes and stays vector-sharp at every size."""

from __future__ import annotations

import contextlib
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from backease_desktop.core import safe_files
from backease_desktop.core.paths import cache_dir, resources_dir

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

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
    """True when the palette the app draws with is dark. Its window colour decides, as that
    is what icons and pictures sit on; a desktop that reports a dark colour scheme gives Qt
    a dark palette too. (Asking QStyleHints.colorScheme() instead would load all of the Qt
    namespace's enums before the first frame: see docs/architecture.md.)"""
    if QGuiApplication.instance() is None:
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
    """A renderer for pictures drawn at any size. QtSvg is imported here, not at start-up:
    the first window needs only icons, which Qt's SVG icon plugin draws by itself."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    return QSvgRenderer(QByteArray(svg_bytes(path, dark)))


@cache
def _dark_copy(path: Path) -> Path:
    """The dark-palette version of an SVG file, written once to the cache folder (QIcon
    reads SVG files through Qt's icon plugin, so the recoloured one must be a file)."""
    data = svg_bytes(path, dark=True)
    digest = f"{zlib.crc32(data):08x}"  # names each version apart; not a security check
    target = cache_dir() / "dark-icons" / f"{path.stem}-{digest}.svg"
    if not target.is_file():
        # A FIFO or a folder in its place is refused (OSError): the light icon is used.
        safe_files.write_bytes(target, data, make_parents=True)
    return target


def icon_path(name: str, dark: bool | None = None) -> Path:
    """The file of an icon from resources/icons, recoloured for a dark palette (for style
    sheets, which take a file); it may not exist."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if path.exists() and (is_dark() if dark is None else dark):
        with contextlib.suppress(OSError):  # no writable cache: the light icon still works
            path = _dark_copy(path)
    return path


def icon(name: str, dark: bool | None = None) -> QIcon:
    """An icon from resources/icons by name (without .svg), sharp at every size, recoloured
    for a dark palette; empty if there is none."""
    path = icon_path(name, dark)
    return QIcon(str(path)) if path.exists() else QIcon()


def icon_on_accent(name: str) -> QIcon:
    """An icon for a start button: drawn in the button's text colour, light on the dark
    teal of the light theme, dark on the light teal of the dark theme."""
    return icon(name, dark=not is_dark())


def list_icon(name: str) -> QIcon:
    """An icon for a list row that can be highlighted in the accent colour: drawn in the ink
    of the palette, and in the highlight's text colour while its row is selected (a light
    icon on the light teal of the dark theme would all but vanish)."""
    from PySide6.QtCore import QSize

    normal = icon(name)
    if normal.isNull():
        return normal
    normal.addFile(str(icon_path(name, dark=not is_dark())), QSize(), QIcon.Mode.Selected)
    return normal


def app_icon() -> QIcon:
    """The app's own colours, the same in both themes."""
    return icon("backease", dark=False)


def illustration_path(file_name: str) -> Path:
    return resources_dir() / "illustrations" / file_name
