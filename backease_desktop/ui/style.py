"""The app's look: a calm accent colour, cards, and a sidebar that reads as navigation.
Colours come from the system palette where they can, so light and dark themes both work.

Two style sheets. The sidebar's is set on the sidebar, and the red-flag banner and content
notice style themselves, so the first frame is fully drawn without an application-wide
sheet; that one, for the pages, the player and the dialogs, is set once the first frame is
out (with it in place, Qt restyles every widget it builds, and the first frame would
wait for that)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from backease_desktop.ui import theme


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
    )


def sidebar_stylesheet() -> str:
    """For the sidebar itself (its object name is "sidebar")."""
    c = colours()
    return f"""
    #sidebar {{ background: {c.sidebar.name()}; }}
    #sidebar QListView {{ font-size: 11pt; }}
    #sidebar QListView::item {{ padding: 4px 6px; border-radius: 6px; }}
    #sidebar QListView::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
    """


def stylesheet() -> str:
    """For the whole application: pages, cards, start buttons, notes."""
    c = colours()
    return f"""
    #pageBody {{ background: {c.base.name()}; }}
    QFrame#card {{ background: {c.card.name()}; border: 1px solid {c.border.name()};
                   border-radius: 10px; }}
    QLabel#meta {{ color: {c.muted}; }}
    QLabel#cautions {{ background: {c.caution_background}; border-radius: 8px;
                       padding: 8px 12px; }}
    QPushButton#startButton {{ background: {c.accent}; color: {c.accent_text}; border: none;
                               border-radius: 6px; padding: 6px 16px; font-weight: 600; }}
    QPushButton#startButton:focus {{ border: 2px solid {c.text.name()}; }}
    """
