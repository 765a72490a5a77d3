"""The project's SVG artwork: every stretch has a picture, every file is plain SVG Tiny that Qt
renders, and every colour comes from the documented palette, so the dark-mode swap is complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from backease_desktop.core.paths import resources_dir

ILLUSTRATIONS = resources_dir() / "illustrations"
ICONS = resources_dir() / "icons"
SVG_NS = "{http://www.w3.org/2000/svg}"

STRETCH_IDS = [
    "side-knee-drop",
    "knee-to-chest",
    "lying-knee-twist",
    "childs-pose",
    "hip-lifts",
    "cat-cow",
    "supported-rest",
    "fingertip-pressure",
    "stand-and-walk",
    "standing-reach",
    "shoulder-rolls",
]
ICON_NAMES = [
    "backease",
    "backease-tray",
    "backease-tray-paused",
    "spasm",
    "first-aid",
    "muscle",
    "upper-back",
    "lower-back",
    "diagnosis",
    "walking",
    "stretch",
    "breathing",
    "help",
    "routine",
    "stretches",
    "progress",
    "settings",
    "warning",
    "play",
    "pause",
    "skip",
    "back",
    "stop",
]
# Shown by the desktop rather than on the app's own background: fixed brand colours.
BRAND_ICONS = {"backease", "backease-tray", "backease-tray-paused"}

# What Qt's SVG Tiny renderer draws reliably; anything else may silently vanish.
ALLOWED_ELEMENTS = {
    "svg",
    "g",
    "path",
    "circle",
    "ellipse",
    "rect",
    "line",
    "polyline",
    "polygon",
    "title",
    "desc",
}
FORBIDDEN_ATTRIBUTES = {"style", "class", "filter", "mask", "clip-path", "font-family"}
COLOUR_ATTRIBUTES = {"fill", "stroke", "color", "stop-color", "solid-color"}
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b")

# | role | `#light` | `#dark` | ...   and   | name | `#colour` | not a colour ...
_PALETTE_ROW = re.compile(r"^\|\s*[a-z][a-z -]*\|\s*`(#[0-9a-f]{6})`\s*\|\s*`(#[0-9a-f]{6})`")
_BRAND_ROW = re.compile(r"^\|\s*[a-z][a-z -]*\|\s*`(#[0-9a-f]{6})`\s*\|\s*[^`\s]")


def dark_swaps() -> dict[str, str]:
    """light -> dark, from the palette table in resources/illustrations/README.md."""
    text = (ILLUSTRATIONS / "README.md").read_text(encoding="utf-8")
    rows = (_PALETTE_ROW.match(line.strip()) for line in text.splitlines())
    return {row.group(1): row.group(2) for row in rows if row}


def brand_colours() -> set[str]:
    text = (ICONS / "README.md").read_text(encoding="utf-8")
    rows = (_BRAND_ROW.match(line.strip()) for line in text.splitlines())
    return {row.group(1) for row in rows if row}


def svg_files() -> list[Path]:
    return sorted(ILLUSTRATIONS.glob("*.svg")) + sorted(ICONS.glob("*.svg"))


def allowed_colours(svg: Path) -> set[str]:
    light = set(dark_swaps())
    return light | brand_colours() if svg.stem in BRAND_ICONS else light


def local(tag: str) -> str:
    return tag.removeprefix(SVG_NS)


def swapped(text: str, dark: bool) -> str:
    if dark:
        for light, dark_colour in dark_swaps().items():
            text = text.replace(light, dark_colour)
    return text


ALL_SVGS = pytest.mark.parametrize("svg", svg_files(), ids=lambda path: path.name)


def test_every_stretch_has_an_illustration() -> None:
    missing = [name for name in STRETCH_IDS if not (ILLUSTRATIONS / f"{name}.svg").is_file()]
    assert missing == []


def test_every_named_icon_exists() -> None:
    missing = [name for name in ICON_NAMES if not (ICONS / f"{name}.svg").is_file()]
    assert missing == []


def test_palette_has_five_colours_each_with_a_dark_partner() -> None:
    swaps = dark_swaps()
    assert len(swaps) == 5
    assert len(set(swaps.values())) == 5


def test_no_dark_colour_is_also_a_light_colour() -> None:
    # otherwise replacing one colour after another could turn a swapped colour again
    swaps = dark_swaps()
    assert set(swaps) & set(swaps.values()) == set()


def test_brand_colours_are_outside_the_swap() -> None:
    swaps = dark_swaps()
    brand = brand_colours()
    assert brand, "no brand colours found in resources/icons/README.md"
    assert brand & (set(swaps) | set(swaps.values())) == set()


def test_theme_swaps_follow_the_palette_table() -> None:
    theme = pytest.importorskip("backease_desktop.ui.theme")
    assert dict(theme.DARK_SWAPS) == dark_swaps()


@ALL_SVGS
def test_svg_is_well_formed_with_a_view_box(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    assert local(root.tag) == "svg"
    box = [float(number) for number in root.attrib["viewBox"].split()]
    assert len(box) == 4
    assert box[2] > 0
    assert box[3] > 0


@pytest.mark.parametrize("name", STRETCH_IDS)
def test_illustration_is_landscape_400_by_300(name: str) -> None:
    root = ET.parse(ILLUSTRATIONS / f"{name}.svg").getroot()
    assert root.attrib["viewBox"].split() == ["0", "0", "400", "300"]
    assert "width" not in root.attrib
    assert "height" not in root.attrib


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icon_is_square(name: str) -> None:
    root = ET.parse(ICONS / f"{name}.svg").getroot()
    expected = "256" if name == "backease" else "24"
    assert root.attrib["viewBox"].split() == ["0", "0", expected, expected]


@ALL_SVGS
def test_svg_uses_only_plain_svg_tiny_shapes(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    for element in root.iter():
        assert local(element.tag) in ALLOWED_ELEMENTS, f"<{local(element.tag)}>"
        for attribute in element.attrib:
            name = local(attribute)
            assert "href" not in name, f"{name} on <{local(element.tag)}>"
            assert name not in FORBIDDEN_ATTRIBUTES, f"{name} on <{local(element.tag)}>"
            assert not name.startswith(("on", "marker")), f"{name} on <{local(element.tag)}>"


@ALL_SVGS
def test_svg_uses_only_palette_colours(svg: Path) -> None:
    allowed = allowed_colours(svg)
    root = ET.parse(svg).getroot()
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if local(attribute) in COLOUR_ATTRIBUTES:
                assert value in allowed | {"none"}, f"{attribute}={value!r}"
    # colours written anywhere else in the text (comments included) must match too, so a
    # plain string replacement never meets a colour it does not know
    stray = set(HEX_COLOUR.findall(svg.read_text(encoding="utf-8"))) - allowed
    assert stray == set()


@ALL_SVGS
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_svg_renders_visible_pixels(qapp: object, svg: Path, dark: bool) -> None:
    renderer = QSvgRenderer(QByteArray(swapped(svg.read_text(encoding="utf-8"), dark).encode()))
    assert renderer.isValid()
    image = QImage(96, 96, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 96, 96))
    painter.end()
    painted = sum(
        1 for y in range(96) for x in range(0, 96, 2) if image.pixelColor(x, y).alpha() > 0
    )
    # at least a few percent of the picture is drawn, not just a stray pixel
    assert painted > 96 * 48 * 0.03
