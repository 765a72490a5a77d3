"""The app-wide look: a calm accent colour, cards, and a sidebar that reads as navigation.
Colours come from the system palette where they can, so light and dark themes both work."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from backease_desktop.ui import theme


def stylesheet(app: QApplication) -> str:
    palette = app.palette()
    dark = theme.is_dark()
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    sidebar = window.darker(104) if not dark else window.lighter(115)
    card = base if not dark else window.lighter(125)
    border = text.lighter(300) if not dark else window.lighter(160)
    muted = "#4d5b66" if not dark else "#b5c0c8"  # both >= 4.5:1 on their backgrounds
    accent = theme.ACCENT if not dark else "#5cc4b5"
    accent_text = "#ffffff" if not dark else "#0b1e1b"
    caution_bg = "#fff6e0" if not dark else "#3a3020"
    return f"""
    #sidebar {{ background: {sidebar.name()}; }}
    #sidebar QListView {{ font-size: 11pt; }}
    #sidebar QListView::item {{ padding: 4px 6px; border-radius: 6px; }}
    #sidebar QListView::item:selected {{ background: {accent}; color: {accent_text}; }}
    #pageBody {{ background: {base.name()}; }}
    QFrame#card {{ background: {card.name()}; border: 1px solid {border.name()};
                   border-radius: 10px; }}
    QLabel#meta {{ color: {muted}; }}
    QLabel#cautions {{ background: {caution_bg}; border-radius: 8px; padding: 8px 12px; }}
    QPushButton#startButton {{ background: {accent}; color: {accent_text}; border: none;
                               border-radius: 6px; padding: 6px 16px; font-weight: 600; }}
    QPushButton#startButton:focus {{ border: 2px solid {text.name()}; }}
    #contentNotice {{ background: {caution_bg}; }}
    """
