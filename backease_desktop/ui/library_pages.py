"""Pages listing the stretches and routines, and a page for one stretch."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.core.content import Library, Routine, Stretch
from backease_desktop.core.content.origin import provenance
from backease_desktop.core.player import routine_duration_s
from backease_desktop.core.wording import POSITION_WORDS, about_minutes, dose
from backease_desktop.ui import theme
from backease_desktop.ui.markup import escape
from backease_desktop.ui.svg_view import SvgView


def _heading(text: str, size: float = 20) -> QLabel:
    # No accessible name of its own: a screen reader reads the text shown.
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(size)
    font.setWeight(font.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(text: str, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def page_button(text: str, description: str = "") -> QPushButton:
    """A button on a page: named by its text (voice control users say what they see), with
    what it does in the description, and pressed by Enter as well as Space once focused."""
    button = QPushButton(text)
    button.setAccessibleDescription(description)
    button.setAutoDefault(True)
    return button


def _start_button(text: str, description: str) -> QPushButton:
    button = page_button(text, description)
    button.setIcon(theme.icon_on_accent("play"))
    button.setObjectName("startButton")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setIconSize(QSize(16, 16))
    return button


class _ScrollPage(QScrollArea):
    """A page whose content scrolls, with a centred column of readable width."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(title)
        # A Tab stop, so the arrows and Page keys scroll text no button leads to; the
        # style sheet (ui/style.py, #scrollPage) draws a ring around it while focused.
        self.setObjectName("scrollPage")
        body = QWidget()
        body.setObjectName("pageBody")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(12)
        self.setWidget(body)


class StretchCard(QFrame):
    """A stretch in the list: picture, name, dose, and buttons to read or start it."""

    def __init__(self, stretch: Stretch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stretch = stretch
        self.setObjectName("card")
        self.setAccessibleName(stretch.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.picture = SvgView(theme.illustration_path(stretch.illustration), QSize(200, 150))
        self.picture.set_description(stretch.title, stretch.description)
        self.picture.setFixedHeight(150)
        layout.addWidget(self.picture)
        layout.addWidget(_heading(stretch.title, 13))
        position = POSITION_WORDS.get(stretch.position, stretch.position)
        yours = self.tr(" · your own") if stretch.origin == "yours" else ""
        meta = _text(f"{position} · {dose(stretch)}{yours}")
        meta.setObjectName("meta")
        layout.addWidget(meta)
        layout.addWidget(_text(stretch.summary), 1)
        self.origin = _text(provenance(stretch))
        self.origin.setObjectName("meta")
        layout.addWidget(self.origin)
        row = QHBoxLayout()
        self.details_button = page_button(
            self.tr("How to do it"), self.tr("Opens the page on {0}").format(stretch.title)
        )
        self.start_button = _start_button(
            self.tr("Start"), self.tr("Starts {0} now").format(stretch.title)
        )
        row.addWidget(self.details_button)
        row.addStretch(1)
        row.addWidget(self.start_button)
        layout.addLayout(row)


class StretchListPage(_ScrollPage):
    """All stretches as cards in a grid that reflows with the window width."""

    stretch_opened = Signal(str)
    stretch_started = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__("Stretches", parent)
        self.column.addWidget(_heading(self.tr("Stretches")))
        intro = _text(
            self.tr(
                "Move slowly and only as far as is comfortable. Stop if a stretch hurts. "
                "These are for sore, tight muscles, not for injuries nobody has looked at yet."
            )
        )
        self.column.addWidget(intro)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.cards: list[StretchCard] = []
        for stretch in library.stretches:
            card = StretchCard(stretch)
            card.details_button.clicked.connect(
                lambda _=False, sid=stretch.id: self.stretch_opened.emit(sid)
            )
            card.start_button.clicked.connect(
                lambda _=False, sid=stretch.id: self.stretch_started.emit(sid)
            )
            self.cards.append(card)
        self._columns = 0
        self.column.addLayout(self.grid)
        self.column.addStretch(1)
        self._reflow(2)

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(max(1, min(3, self.viewport().width() // 300)))


class StretchPage(_ScrollPage):
    """One stretch: a large picture, numbered instructions, cautions, Start."""

    stretch_started = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Stretch", parent)
        self.stretch: Stretch | None = None
        self.title = _heading("")
        self.meta = _text("")
        self.meta.setObjectName("meta")
        self.origin = _text("")
        self.origin.setObjectName("meta")
        self.picture = SvgView(None, QSize(200, 150))
        self.summary = _text("")
        self.instructions = _text("", rich=True)
        self.cautions = _text("", rich=True)
        self.cautions.setObjectName("cautions")
        self.note = _text("")
        self.note.setObjectName("meta")
        self.start_button = _start_button(self.tr("Start this stretch"), "")
        self.start_button.clicked.connect(self._start)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(header)
        self.column.addWidget(self.meta)
        self.column.addWidget(self.origin)
        self.column.addWidget(self.summary)
        # How to do it leads; the picture sits beside the steps, not above them.
        how = QHBoxLayout()
        how.setSpacing(20)
        steps = QVBoxLayout()
        steps.addWidget(_heading(self.tr("How to do it"), 14))
        steps.addWidget(self.instructions)
        steps.addStretch(1)
        how.addLayout(steps, 3)
        how.addWidget(self.picture, 2, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(how)
        self.column.addWidget(self.cautions)
        self.column.addWidget(self.note)
        self.column.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # As tall as a third of its width allows, never a wall of picture.
        width = max(160, min(360, self.viewport().width() // 3))
        self.picture.setFixedSize(width, width * 3 // 4)

    def show_stretch(self, stretch: Stretch) -> None:
        self.stretch = stretch
        self.title.setText(stretch.title)
        self.setAccessibleName(stretch.title)
        position = POSITION_WORDS.get(stretch.position, stretch.position)
        self.meta.setText(f"{position} · {dose(stretch)}")
        self.origin.setText(provenance(stretch))
        self.picture.set_path(theme.illustration_path(stretch.illustration))
        self.picture.set_description(stretch.title, stretch.description)
        self.summary.setText(stretch.summary)
        steps = "".join(f"<li>{escape(line)}</li>" for line in stretch.instructions)
        self.instructions.setText(f"<ol style='margin-left: -20px'>{steps}</ol>")
        cautions = "".join(f"<li>{escape(line)}</li>" for line in stretch.cautions)
        self.cautions.setText(f"<b>{self.tr('Take care')}</b><ul>{cautions}</ul>")
        self.note.setText(stretch.note)
        self.note.setVisible(bool(stretch.note))
        self.start_button.setAccessibleDescription(self.tr("Starts {0} now").format(stretch.title))
        self.verticalScrollBar().setValue(0)

    def _start(self) -> None:
        if self.stretch is not None:
            self.stretch_started.emit(self.stretch.id)


class RoutineCard(QFrame):
    """A routine in the list: what it is for, how long, its steps, and Start."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.setObjectName("card")
        self.setAccessibleName(routine.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        header = QHBoxLayout()
        header.addWidget(_heading(routine.title, 14), 1)
        self.start_button = _start_button(
            self.tr("Start"), self.tr("Starts the routine {0}").format(routine.title)
        )
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        steps = len(routine.steps)
        origin = "" if routine.bundled else self.tr(" · your own routine")
        count = self.tr("1 step") if steps == 1 else self.tr("{0} steps").format(steps)
        meta = _text(f"{count} · {about_minutes(routine_duration_s(routine))}{origin}")
        meta.setObjectName("meta")
        layout.addWidget(meta)
        layout.addWidget(_text(routine.summary))
        outline = ", ".join(step.title for step in routine.steps)
        outline_label = _text(self.tr("Steps: {0}").format(outline))
        outline_label.setObjectName("meta")
        layout.addWidget(outline_label)


class RoutineListPage(_ScrollPage):
    """Every routine, bundled and the user's own, each with a Start button."""

    routine_started = Signal(str)

    def __init__(
        self,
        library: Library,
        user_folder: str,
        first: str = "",
        parent: QWidget | None = None,
    ):
        """`first` is the id of the routine listed first (the one for a spasm: the app
        reopens on the last page seen, and someone in a spasm must not hunt for it)."""
        super().__init__("Routines", parent)
        self.column.addWidget(_heading(self.tr("Routines")))
        self.column.addWidget(
            _text(
                self.tr(
                    "A routine counts each hold for you and tells you what comes next, so you "
                    "can follow it lying on the floor. Space pauses, the arrow keys move "
                    "between steps."
                )
            )
        )
        self.cards: list[RoutineCard] = []
        for routine in sorted(library.routines, key=lambda r: r.id != first):
            card = RoutineCard(routine)
            card.start_button.clicked.connect(
                lambda _=False, rid=routine.id: self.routine_started.emit(rid)
            )
            self.cards.append(card)
            self.column.addWidget(card)
        hint = _text(
            self.tr(
                "You can write your own routines as YAML files in {0} (see the README)."
            ).format(f"<code>{escape(user_folder)}</code>"),
            rich=True,
        )
        hint.setObjectName("meta")
        self.column.addWidget(hint)
        self.column.addStretch(1)
