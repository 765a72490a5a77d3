"""A topic page: headings, paragraphs and lists, then the routines and stretches it
mentions as links (`stretch:<id>`, `routine:<id>`, `start:<id>`) handed to whoever
navigates (`link_activated`). A topic that has routines leads with a button to start the
first, so a person in a spasm is one click from its routine on the page the app opens on.

The article is a QTextBrowser (screen readers read it through its text interface); the
links are real widgets under it (Qt exposes no links inside rich text), and the whole page
scrolls as one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import Library, Topic
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import about_minutes
from backease_desktop.ui import theme
from backease_desktop.ui.link_button import LinkButton
from backease_desktop.ui.markup import escape


def topic_html(topic: Topic) -> str:
    parts = [f"<h1>{escape(topic.title)}</h1>", f"<p class='lead'>{escape(topic.summary)}</p>"]
    for section in topic.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
        if section.bullets:
            parts.append(
                "<ul>" + "".join(f"<li>{escape(b)}</li>" for b in section.bullets) + "</ul>"
            )
    return "".join(parts)


READING_WIDTH_PX = 820
MARGIN_PX = 24

STYLE = """
h1 { font-size: 20pt; font-weight: 600; margin-bottom: 4px; }
h2 { font-size: 14pt; font-weight: 600; margin-top: 18px; margin-bottom: 4px; }
p { margin-top: 4px; margin-bottom: 6px; line-height: 140%; font-size: 11pt; }
p.lead { font-size: 13pt; }
li { margin-bottom: 4px; font-size: 11pt; }
"""


class _Article(QTextBrowser):
    """The topic's text, as tall as its words: the page scrolls, not the article."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenLinks(False)
        # Enums set by name: the first use of an enum of the Qt namespace loads all of them,
        # and this page is built before the first frame (docs/architecture.md).
        self.setProperty("frameShape", "NoFrame")
        self.setProperty("verticalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        # Read by a screen reader through its text; in the Tab order only through the page
        # around it (it holds no links), so Tab goes from the page to the links.
        self.setProperty("focusPolicy", "ClickFocus")
        self.document().setDefaultStyleSheet(STYLE)
        self.document().setDocumentMargin(0)
        self.setStyleSheet("background: transparent;")

    def fit_height(self) -> None:
        # The frame's inside is the viewport's width (no frame, no scroll bar); asking
        # viewport() itself before the first frame would make PySide6 set up dozens of
        # widget classes to find its type, all before anything is on screen.
        # Setting a width lays the whole text out again, even the width it has: QTextEdit
        # sets it on each resize already, and the first frame resizes the article several times.
        width = self.contentsRect().width()
        if self.document().textWidth() != width:
            self.document().setTextWidth(width)
        height = round(self.document().size().height()) + 4
        if self.height() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(READING_WIDTH_PX, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        # A topic set while hidden was not laid out (its width was not known yet).
        super().showEvent(event)
        self.fit_height()


class TopicPage(QScrollArea):
    """Read-only, selectable text; Tab moves between the start button and the links."""

    link_activated = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.topic: Topic | None = None
        self.setWidgetResizable(True)
        self.setProperty("frameShape", "NoFrame")
        self.setObjectName("scrollPage")  # its focus ring (ui/style.py)
        self.setAccessibleName(self.tr("Topic"))
        body = QWidget()
        body.setObjectName("pageBody")
        outer = QHBoxLayout(body)
        outer.setContentsMargins(MARGIN_PX, 20, MARGIN_PX, 24)
        outer.addStretch(1)
        self.reading = QWidget()
        self.reading.setMaximumWidth(READING_WIDTH_PX)
        self.column = QVBoxLayout(self.reading)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)
        outer.addWidget(self.reading, 100)
        outer.addStretch(1)
        self.setWidget(body)

        self.start_button = QPushButton()
        self.start_button.setObjectName("startButton")
        self.start_button.setIcon(theme.icon_on_accent("play"))
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self._start_first_routine)
        self.start_button.hide()
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        self.column.addLayout(start_row)
        self.article = _Article()
        self.column.addWidget(self.article)
        self.links = QVBoxLayout()
        self.links.setSpacing(2)
        self.column.addLayout(self.links)
        self.column.addStretch(1)
        self.link_buttons: list[LinkButton] = []

    def show_topic(self, topic: Topic) -> None:
        self.topic = topic
        self.article.setHtml(topic_html(topic))
        self.article.setAccessibleName(topic.title)
        self.setAccessibleName(topic.title)
        self.setAccessibleDescription(topic.summary)
        self._show_start(topic)
        self._show_links(topic)
        if self.article.isVisible():
            # Hidden (before the first frame, or under another page), it is laid out when
            # shown, at its real width: laying it out now at a guessed width would be wasted.
            self.article.fit_height()
        self.verticalScrollBar().setValue(0)

    def toHtml(self) -> str:
        return self.article.toHtml()

    def _show_start(self, topic: Topic) -> None:
        routines = [r for rid in topic.routine_ids if (r := self.library.routine(rid))]
        if not routines:
            self.start_button.hide()
            return
        first = routines[0]
        self.start_button.setText(self.tr("Start the routine “{0}”").format(first.title))
        self.start_button.setAccessibleDescription(
            self.tr("{0}; the steps are read out and timed for you").format(
                about_minutes(routine_duration_s(first))
            )
        )
        self.start_button.setProperty("routine_id", first.id)
        self.start_button.show()

    def _start_first_routine(self) -> None:
        routine_id = self.start_button.property("routine_id")
        if routine_id:
            self.link_activated.emit(f"start:{routine_id}")

    def _show_links(self, topic: Topic) -> None:
        while (item := self.links.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.link_buttons = []
        routines = [r for rid in topic.routine_ids if (r := self.library.routine(rid))]
        stretches = [s for sid in topic.stretch_ids if (s := self.library.stretch(sid))]
        if routines:
            self._heading(self.tr("Routines for this"))
            for routine in routines:
                length = about_minutes(routine_duration_s(routine))
                start = self._link(self.tr("Start now"), f"start:{routine.id}")
                start.setAccessibleDescription(self.tr("Starts {0}").format(routine.title))
                self._row(
                    self._link(routine.title, f"routine:{routine.id}"),
                    QLabel(f"({length}) —"),
                    start,
                )
        if stretches:
            self._heading(self.tr("Stretches mentioned here"))
            for stretch in stretches:
                summary = QLabel(stretch.summary)
                summary.setWordWrap(True)
                self._row(self._link(stretch.title, f"stretch:{stretch.id}"), summary)

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        label.setObjectName("topicHeading")
        font = label.font()
        font.setPointSizeF(14)
        font.setWeight(font.Weight.DemiBold)
        label.setFont(font)
        self.links.addWidget(label)

    def _link(self, text: str, target: str) -> LinkButton:
        link = LinkButton(text, target)
        link.clicked.connect(lambda _=False, t=target: self.link_activated.emit(t))
        self.link_buttons.append(link)
        return link

    def _row(self, *widgets: QWidget) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for index, widget in enumerate(widgets):
            layout.addWidget(widget, 1 if index == len(widgets) - 1 else 0)
        self.links.addWidget(row)
