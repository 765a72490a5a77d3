"""The app's look: a calm accent colour, cards, and a sidebar that reads as navigation.
Colours come from the system palette where they can, so light and dark themes both work.

Two style sheets. The sidebar's is set on the sidebar, and the red-flag banner and content
notice style themselves, so the first frame is fully drawn without an application-wide
sheet; that one, for the pages, the player and the dialogs, is set once the first frame is
out (with it in place, Qt restyles every widget it builds, and the first frame would
wait for that).

Every colour pair the sheets draw is listed by `colour_pairs()`, with the contrast WCAG 2.2
AA asks of it (4.5:1 for text, 3:1 for outlines and focus rings); a test checks them all in
a light and a dark palette."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from backease_desktop.ui import theme

TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


class Colours(NamedTuple):
    base: QColor
    text: QColor
    sidebar: QColor
    card: QColor
    border: QColor
    muted: str
    accent: str
    accent_text: str
    caution_background: str
    # Outlines of controls (check boxes, buttons) and the focus ring, on the page's colours.
    outline: str
    focus: str
    link: str


class ColourPair(NamedTuple):
    """Something drawn in `foreground` on `background`, and the contrast it needs."""

    what: str
    foreground: QColor
    background: QColor
    minimum: float


def colours() -> Colours:
    palette = QGuiApplication.palette()
    dark = theme.is_dark()
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    return Colours(
        base=base,
        text=text,
        sidebar=window.darker(104) if not dark else window.lighter(115),
        card=base if not dark else window.lighter(125),
        border=text.lighter(300) if not dark else window.lighter(160),
        muted="#4d5b66" if not dark else "#b5c0c8",  # both >= 4.5:1 on their backgrounds
        accent=theme.ACCENT if not dark else "#5cc4b5",
        accent_text="#ffffff" if not dark else "#0b1e1b",
        caution_background="#fff6e0" if not dark else "#3a3020",
        outline="#5b6873" if not dark else "#9aa7b1",
        focus="#1f5fa8" if not dark else "#8cc4ff",
        link="#1f5fa8" if not dark else "#8cc4ff",
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two opaque colours, 1 to 21."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour_pairs() -> list[ColourPair]:
    """Every pair of colours the style sheets put next to each other."""
    c = colours()
    palette = QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    button = palette.color(QPalette.ColorRole.Button)
    button_text = palette.color(QPalette.ColorRole.ButtonText)
    q = QColor
    pairs = [
        ("text on a page", c.text, c.base, TEXT_CONTRAST),
        ("text on a card", c.text, c.card, TEXT_CONTRAST),
        ("quieter text on a page", q(c.muted), c.base, TEXT_CONTRAST),
        ("quieter text on a card", q(c.muted), c.card, TEXT_CONTRAST),
        ("quieter text on the window", q(c.muted), window, TEXT_CONTRAST),
        ("text on the cautions", c.text, q(c.caution_background), TEXT_CONTRAST),
        ("a start button's words", q(c.accent_text), q(c.accent), TEXT_CONTRAST),
        ("a start button's play icon", q(c.accent_text), q(c.accent), GRAPHIC_CONTRAST),
        ("a button's words", button_text, button, TEXT_CONTRAST),
        ("a sidebar row", c.text, c.sidebar, TEXT_CONTRAST),
        ("the sidebar's LEARN and PRACTICE", q(c.muted), c.sidebar, TEXT_CONTRAST),
        ("the sidebar's chosen row", q(c.accent_text), q(c.accent), TEXT_CONTRAST),
        ("the focus ring on the sidebar's chosen row", q(c.accent_text), q(c.accent), 3.0),
        ("a check box's outline on a page", q(c.outline), c.base, GRAPHIC_CONTRAST),
        ("a check box's outline on a card", q(c.outline), c.card, GRAPHIC_CONTRAST),
        ("a check box's outline on the window", q(c.outline), window, GRAPHIC_CONTRAST),
        ("a button's outline on the window", q(c.outline), window, GRAPHIC_CONTRAST),
        ("a check box's tick", c.text, c.base, GRAPHIC_CONTRAST),
        ("a link on a page", q(c.link), c.base, TEXT_CONTRAST),
        ("the focus ring on a page", q(c.focus), c.base, GRAPHIC_CONTRAST),
        ("the focus ring on a card", q(c.focus), c.card, GRAPHIC_CONTRAST),
        ("the focus ring on the window", q(c.focus), window, GRAPHIC_CONTRAST),
        ("the focus ring on a button", q(c.focus), button, GRAPHIC_CONTRAST),
        ("the focus ring on the sidebar", q(c.focus), c.sidebar, GRAPHIC_CONTRAST),
        ("the focus ring on the cautions", q(c.focus), q(c.caution_background), 3.0),
    ]
    return [ColourPair(*pair) for pair in pairs]


def sidebar_stylesheet() -> str:
    """For the sidebar itself (its object name is "sidebar"). The focused row gets a ring
    in the chosen row's text colour, which stands out on the teal (a test checks 3:1)."""
    c = colours()
    return f"""
    #sidebar {{ background: {c.sidebar.name()}; }}
    #sidebar QListView {{ font-size: 11pt; }}
    #sidebar QListView::item {{ padding: 4px 6px; border-radius: 6px;
                                border: 2px solid transparent; }}
    #sidebar QListView::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
    #sidebar QListView:focus::item:selected {{ border: 2px solid {c.accent_text}; }}
    #sidebar QListView::item:focus:!selected {{ border: 2px solid {c.focus}; }}
    #sidebar QLineEdit:focus {{ border: 2px solid {c.focus}; border-radius: 4px;
                                padding: 2px; background: {c.base.name()}; }}
    """


def stylesheet() -> str:
    """For the whole application: pages, cards, buttons, check boxes, focus rings, notes."""
    c = colours()
    tick = theme.icon_path("check").as_posix()
    return f"""
    #pageBody {{ background: {c.base.name()}; }}
    QFrame#card {{ background: {c.card.name()}; border: 1px solid {c.border.name()};
                   border-radius: 10px; }}
    QLabel#meta {{ color: {c.muted}; }}
    QLabel#cautions {{ background: {c.caution_background}; border-radius: 8px;
                       padding: 8px 12px; }}
    QPushButton {{ border: 1px solid {c.outline}; border-radius: 6px; padding: 5px 14px;
                   background: palette(button); color: palette(button-text); }}
    QPushButton:hover {{ background: palette(light); }}
    QPushButton:pressed {{ background: palette(midlight); }}
    QPushButton:disabled {{ color: {c.muted}; }}
    QPushButton:focus {{ border: 2px solid {c.focus}; padding: 4px 13px; }}
    QPushButton#startButton {{ background: {c.accent}; color: {c.accent_text}; border: none;
                               border-radius: 6px; padding: 6px 16px; font-weight: 600; }}
    QPushButton#startButton:focus {{ border: 2px solid {c.focus}; padding: 4px 14px; }}
    QPushButton#link {{ border: 2px solid transparent; background: transparent;
                        color: {c.link}; text-decoration: underline; padding: 0px 2px; }}
    QPushButton#link:focus {{ border-color: {c.focus}; }}
    QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 4px;
                               padding: 2px; }}
    QCheckBox:focus, QRadioButton:focus {{ border-color: {c.focus}; }}
    QCheckBox::indicator {{ width: 16px; height: 16px; border: 2px solid {c.outline};
                            border-radius: 3px; background: {c.base.name()}; }}
    QCheckBox::indicator:checked {{ image: url("{tick}"); }}
    QCheckBox::indicator:disabled {{ border-color: {c.border.name()}; }}
    QScrollArea#scrollPage, QTextBrowser#topicPage {{ border: 2px solid transparent; }}
    QScrollArea#scrollPage:focus, QTextBrowser#topicPage:focus {{
        border: 2px solid {c.focus}; }}
    """
