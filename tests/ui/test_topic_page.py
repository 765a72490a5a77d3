"""A topic as a reader meets it: in a wide window the text stays a readable column, centred."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from backease_desktop.core.content import Library
from backease_desktop.ui.topic_page import READING_WIDTH_PX, TopicPage, topic_html


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


def test_the_whole_text_shows_however_the_topic_reaches_the_page(
    qtbot: QtBot, library: Library
) -> None:
    """The article is as tall as its text at the width it has (the page scrolls, never the
    article): for a topic set before the page shows, one set while it shows, and one set
    while it is hidden under another page."""
    by_length = sorted(library.topics, key=lambda t: len(topic_html(t)))
    short, long = by_length[0], by_length[-1]
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    page = TopicPage(library)
    other = QWidget()
    stack.addWidget(page)
    stack.addWidget(other)

    def whole_text_shows() -> None:
        document = page.article.document()
        assert document.textWidth() == page.article.width()
        assert page.article.height() >= document.size().height()
        assert page.article.height() <= document.size().height() + 8

    page.show_topic(short)
    stack.resize(700, 500)
    stack.show()
    qtbot.waitExposed(stack)
    qtbot.waitUntil(whole_text_shows, timeout=2000)
    short_height = page.article.height()

    page.show_topic(long)
    qtbot.waitUntil(whole_text_shows, timeout=2000)
    assert page.article.height() > short_height

    stack.setCurrentWidget(other)
    page.show_topic(short)
    stack.setCurrentWidget(page)
    qtbot.waitUntil(whole_text_shows, timeout=2000)
    assert page.article.height() == short_height
