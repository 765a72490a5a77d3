"""The main window as a user meets it: banner, sidebar, pages, keyboard, remembered state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.core.settings import Settings
from backease_desktop.platform.settings_store import open_settings
from backease_desktop.ui import theme
from backease_desktop.ui.main_window import MainWindow
from tests.helpers.window import make_window


def all_page_keys(window: MainWindow, library: Library) -> list[str]:
    return window.sidebar.page_keys() + [f"stretch:{s.id}" for s in library.stretches]


def test_banner_is_visible_above_every_page(qtbot: QtBot, library: Library, settings: Settings):
    window = make_window(qtbot, library, settings)
    keys = all_page_keys(window, library)
    assert len(keys) >= 10 + 2 + 6
    for key in keys:
        assert window.open_page(key), key
        assert window.banner.isVisible(), key
        top_left = window.banner.mapTo(window, window.banner.rect().topLeft())
        page_top = window.stack.mapTo(window, window.stack.rect().topLeft())
        assert top_left.y() < page_top.y()


def test_banner_has_no_way_to_close_it(qtbot: QtBot, library: Library, settings: Settings):
    window = make_window(qtbot, library, settings)
    buttons = window.banner.findChildren(QAbstractButton)
    assert [b.text() for b in buttons] == ["Warning signs…"]
    # A control's accessible name starts with its visible label.
    assert [b.accessibleName() for b in buttons] == ["Warning signs…"]


def test_banner_text_names_the_emergency_signs(library: Library, qtbot: QtBot, settings: Settings):
    window = make_window(qtbot, library, settings)
    text = window.banner.text().lower()
    assert "emergency number now" in text
    assert "genitals" in text and "bladder" in text and "chest pain" in text


def test_the_banner_still_names_the_emergency_tier_when_the_list_did_not_load(
    library: Library, qtbot: QtBot, settings: Settings
) -> None:
    from backease_desktop.core.content.model import NO_RED_FLAGS

    window = make_window(qtbot, library._replace(red_flags=NO_RED_FLAGS), settings)
    text = window.banner.text().lower()
    assert "call your local emergency number now" in text
    assert "genitals" in text and "bladder" in text and "both legs" in text and "chest" in text
    assert window.banner.accessibleName().endswith(window.banner.text())


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_banner_text_contrast_meets_wcag_aa() -> None:
    light, dark = sorted([_luminance(theme.BANNER_TEXT), _luminance(theme.BANNER_BACKGROUND)])
    assert (dark + 0.05) / (light + 0.05) >= 4.5


def test_banner_is_an_alert_for_assistive_technology(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    interface = QAccessible.queryAccessibleInterface(window.banner)
    assert interface.role() == QAccessible.Role.AlertMessage
    name = interface.text(QAccessible.Text.Name)
    assert name.startswith("Medical warning:")
    assert "emergency number now" in name.lower()


def test_warning_signs_dialog_lists_every_sign_under_its_tier(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    from backease_desktop.ui.red_flags_dialog import RedFlagsDialog

    dialog = RedFlagsDialog(library.red_flags)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    flags = library.red_flags
    assert len(flags.all) == 18
    for flag in flags.all:
        assert flag.text in text
    # Emergency first, under its own heading, then see a doctor soon.
    assert text.index(flags.emergency.heading) < text.index(flags.emergency.signs[-1].text)
    assert text.index(flags.emergency.signs[-1].text) < text.index(flags.soon.heading)


def test_filter_narrows_the_sidebar_and_enter_opens_the_match(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.sidebar.focus_filter()
    qtbot.keyClicks(window.sidebar.filter, "MRI")
    sidebar = window.sidebar
    visible = [
        sidebar.model.item(row).text()
        for row in range(sidebar.model.rowCount())
        if not sidebar.list.isRowHidden(row)
    ]
    assert visible == [library.topic("diagnosis").title]  # type: ignore[union-attr]
    qtbot.keyClick(window.sidebar.filter, Qt.Key.Key_Return)
    assert window.current_page_key() == "topic:diagnosis"


def test_filter_with_no_match_says_so(qtbot: QtBot, library: Library, settings: Settings):
    window = make_window(qtbot, library, settings)
    qtbot.keyClicks(window.sidebar.filter, "zzzz-nothing")
    assert window.sidebar.empty_note.isVisible()


def test_arrow_keys_in_the_sidebar_change_the_page(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.sidebar.list.setFocus()
    first = window.current_page_key()
    qtbot.keyClick(window.sidebar.list, Qt.Key.Key_Down)
    assert window.current_page_key() != first
    assert window.current_page_key() == f"topic:{library.topics[1].id}"


def test_topic_link_opens_the_stretch_and_back_returns(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.open_page("topic:stretching-safely")
    (link,) = [b for b in window.topic_page.link_buttons if b.target == "stretch:knee-to-chest"]
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert window.current_page_key() == "stretch:knee-to-chest"
    assert "Stop" in window.stretch_page.cautions.text()
    window.go_back()
    assert window.current_page_key() == "topic:stretching-safely"


def test_start_links_and_buttons_ask_to_start_a_routine(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.open_page("routines")
    with qtbot.waitSignal(window.routine_start_requested, timeout=1000) as blocker:
        window.routine_list.cards[0].start_button.click()
    assert blocker.args == [window.routine_list.cards[0].routine.id]
    with qtbot.waitSignal(window.stretch_start_requested, timeout=1000) as blocker:
        window.stretch_list.cards[0].start_button.click()
    assert blocker.args == [library.stretches[0].id]


class FakeScreen:
    def __init__(self, width: int, height: int) -> None:
        self.area = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self.area


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((1920, 1080), (1080, 720)), ((1024, 600), (972, 540)), ((1366, 768), (1080, 691))],
)
def test_a_first_start_fits_the_screen(
    qtbot: QtBot,
    library: Library,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    screen: tuple[int, int],
    expected: tuple[int, int],
) -> None:
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "screen", lambda: FakeScreen(*screen))
    size = window.first_size()
    assert (size.width(), size.height()) == expected


def test_window_size_and_last_page_are_remembered(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.resize(760, 530)
    window.open_page("topic:diagnosis")
    window.close()
    settings.backend.sync()  # type: ignore[attr-defined]

    again = make_window(qtbot, library, open_settings())
    assert again.current_page_key() == "topic:diagnosis"
    assert (again.width(), again.height()) == (760, 530)


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    unnamed: list[str] = []
    for key in all_page_keys(window, library):
        window.open_page(key)
        page = window.stack.currentWidget()
        controls: list[QWidget] = [
            *page.findChildren(QAbstractButton),
            *page.findChildren(QLineEdit),
            *page.findChildren(QListWidget),
        ]
        for control in controls:
            interface = QAccessible.queryAccessibleInterface(control)
            if control.isVisible() and not interface.text(QAccessible.Text.Name):
                unnamed.append(f"{key}: {type(control).__name__}")
    assert unnamed == []


def test_full_screen_toggles_with_f11(qtbot: QtBot, library: Library, settings: Settings):
    window = make_window(qtbot, library, settings)
    window.full_screen_action.trigger()
    assert window.isFullScreen()
    window.full_screen_action.trigger()
    assert not window.isFullScreen()
    assert QApplication.instance() is not None


def test_full_screen_hides_the_menu_bar_and_f11_still_comes_back(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.show()
    qtbot.waitExposed(window)
    window.full_screen_action.trigger()
    assert window.isFullScreen() and not window.menuBar().isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    qtbot.keyClick(window, Qt.Key.Key_F11)  # the menu bar is hidden; its key is not
    assert not window.isFullScreen()
    assert window.menuBar().isVisible()


def test_the_status_bar_shows_only_while_it_has_something_to_say(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    window.show()
    bar = window.statusBar()
    assert not bar.isVisible()
    bar.showMessage("Saved")
    assert bar.isVisible()
    bar.clearMessage()
    assert not bar.isVisible()
    note = QLabel("A lasting note")
    window.add_status_note(note)
    assert not bar.isVisible()
    window.set_status_note_visible(note, True)
    assert bar.isVisible() and note.isVisible()
    window.set_status_note_visible(note, False)
    assert not bar.isVisible()


def test_the_sidebar_scroll_bar_track_is_not_black(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    # On a short screen the topic list scrolls; its track once rendered solid black.
    window = make_window(qtbot, library, settings)
    window.resize(800, 480)
    bar = window.sidebar.list.verticalScrollBar()
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    image = bar.grab().toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    black = sum(1 for colour in pixels if colour.lightness() < 20)
    assert black < len(pixels) // 10


def test_group_headers_in_the_sidebar_are_not_pages(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    sidebar = window.sidebar
    rows = range(sidebar.model.rowCount())
    headers = [row for row in rows if sidebar.model.item(row).text().isupper()]
    assert len(headers) >= 2
    before = window.current_page_key()
    header = sidebar.list.visualRect(sidebar.model.index(headers[1], 0)).center()
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=header)
    assert window.current_page_key() == before
    # Down from the last row of a group lands on the first row of the next, past its header.
    sidebar.list.setCurrentIndex(sidebar.model.index(headers[1] - 1, 0))
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Down)
    assert sidebar.list.currentIndex().row() == headers[1] + 1
    assert window.current_page_key() == sidebar.current_key() != before


def test_the_selected_sidebar_row_wears_the_accent_colour(
    qtbot: QtBot, library: Library, settings: Settings
) -> None:
    window = make_window(qtbot, library, settings)
    sidebar = window.sidebar
    row = sidebar.list.visualRect(sidebar.list.currentIndex())
    image = sidebar.list.viewport().grab().toImage()
    colour = image.pixelColor(row.left() + row.width() - 12, row.center().y())
    assert colour.name() == theme.ACCENT
