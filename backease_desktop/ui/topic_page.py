"""A topic page: headings, paragraphs and lists, with links to the stretches and routines
it mentions. Links use `stretch:<id>`, `routine:<id>` and `start:<id>` and are handed to
whoever navigates (`link_activated`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from backease_desktop.core.content import Library, Topic
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import about_minutes
from backease_desktop.ui.markup import escape

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl  # its class loads with the first link followed


def topic_html(topic: Topic, library: Library) -> str:
    parts = [f"<h1>{escape(topic.title)}</h1>", f"<p class='lead'>{escape(topic.summary)}</p>"]
    for section in topic.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
        if section.bullets:
            parts.append(
                "<ul>" + "".join(f"<li>{escape(b)}</li>" for b in section.bullets) + "</ul>"
            )
    stretches = [s for sid in topic.stretch_ids if (s := library.stretch(sid))]
    routines = [r for rid in topic.routine_ids if (r := library.routine(rid))]
    if routines:
        parts.append("<h2>Routines for this</h2><ul>")
        for routine in routines:
            length = about_minutes(routine_duration_s(routine))
            parts.append(
                f"<li><a href='routine:{routine.id}'>{escape(routine.title)}</a> "
                f"({length}) &mdash; <a href='start:{routine.id}'>Start now</a></li>"
            )
        parts.append("</ul>")
    if stretches:
        parts.append("<h2>Stretches mentioned here</h2><ul>")
        for stretch in stretches:
            parts.append(
                f"<li><a href='stretch:{stretch.id}'>{escape(stretch.title)}</a>: "
                f"{escape(stretch.summary)}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


READING_WIDTH_PX = 820

STYLE = """
h1 { font-size: 20pt; font-weight: 600; margin-bottom: 4px; }
h2 { font-size: 14pt; font-weight: 600; margin-top: 18px; margin-bottom: 4px; }
p { margin-top: 4px; margin-bottom: 6px; line-height: 140%; font-size: 11pt; }
p.lead { font-size: 13pt; }
li { margin-bottom: 4px; font-size: 11pt; }
"""


class TopicPage(QTextBrowser):
    """Read-only, selectable, keyboard-scrollable text; Tab moves between its links."""

    link_activated = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.topic: Topic | None = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(STYLE)
        self.document().setDocumentMargin(24)
        self.anchorClicked.connect(self._follow)
        self.setAccessibleName(self.tr("Topic"))

    def show_topic(self, topic: Topic) -> None:
        self.topic = topic
        self.setHtml(topic_html(topic, self.library))
        self.setAccessibleName(topic.title)
        self.setAccessibleDescription(topic.summary)
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Lines of more than about 80 characters are hard to follow; centre a column.
        # (The width inside the frame, less a shown scroll bar, is the viewport's: asking
        # viewport() itself before the first frame makes PySide6 set up some 60 widget
        # classes to find its type; see docs/architecture.md.)
        scroll_bar = self.verticalScrollBar()
        width = self.contentsRect().width() - (scroll_bar.width() if scroll_bar.isVisible() else 0)
        margin = max(24, (width - READING_WIDTH_PX) // 2)
        if margin != int(self.document().documentMargin()):
            self.document().setDocumentMargin(margin)
        super().resizeEvent(event)

    def _follow(self, url: QUrl) -> None:
        self.link_activated.emit(url.toString())
