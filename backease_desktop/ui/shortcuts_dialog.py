"""Help > Keyboard shortcuts: every key the app answers to, in one list.

The menus' keys are read from the menus themselves, so the list cannot fall behind them;
the keys that belong to no menu (the player's, the sidebar's) are listed here."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QVBoxLayout, QWidget

from backease_desktop.ui.markup import escape

# Keys no menu shows: (keys, what they do).
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "In a routine: pause, or carry on"),
    ("→", "In a routine: skip to the next step"),
    ("←", "In a routine: restart the step; at its start, go to the previous step"),
    ("Esc", "In a routine: stop (after the first ten seconds it asks first)"),
    ("Enter", "In a routine, when asked: stop; on a page: press the focused button"),
    ("Tab, Shift+Tab", "Move between the sidebar, the page and its buttons and links"),
    ("↑, ↓", "In the sidebar: choose a page"),
    ("Esc", "In the filter box: clear it"),
)


def menu_shortcuts(menus: list[QMenu]) -> list[tuple[str, str]]:
    """(keys, menu > item) for every menu item with a key, submenus included."""
    found: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            name = action.text().replace("&", "").rstrip(".…")
            if isinstance(sub, QMenu):
                walk(sub, f"{path} > {name}")
            elif _keys(action):
                found.append((_keys(action), f"{path} > {name}"))

    for menu in menus:
        walk(menu, menu.title().replace("&", ""))
    return found


def _keys(action: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


class ShortcutsDialog(QDialog):
    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        rows = [*menu_shortcuts(menus), *OTHER_KEYS]
        self.rows = rows
        cells = "".join(
            f"<tr><td style='padding: 2px 16px 2px 0'><b>{escape(keys)}</b></td>"
            f"<td style='padding: 2px 0'>{escape(what)}</td></tr>"
            for keys, what in rows
        )
        # A label exposes its text, so a screen reader reads the table as it is shown.
        self.table = QLabel(f"<table>{cells}</table>")
        self.table.setWordWrap(False)  # a table: each row on its line
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
