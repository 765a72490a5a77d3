"""A topic as a reader meets it: in a wide window the text stays a readable column, centred."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.ui.topic_page import READING_WIDTH_PX, TopicPage


@pytest.mark.parametrize("width", [700, 1200, 1600])
def test_the_text_is_a_centred_column_of_reading_width(
    qtbot: QtBot, library: Library, width: int
) -> None:
    page = TopicPage(library)
    qtbot.addWidget(page)
    page.show_topic(library.topics[0])
    page.resize(width, 500)
    page.show()
    qtbot.waitExposed(page)
    page.resize(width, 501)  # a resize once the scroll bar is known
    text_width = page.article.width()
    if width >= READING_WIDTH_PX + 2 * 24 + 40:
        assert abs(text_width - READING_WIDTH_PX) <= 1
    else:
        assert text_width >= width - 2 * 24 - page.verticalScrollBar().width() - 4
