"""The Progress page: the current streak, this week's routines and breaks, breaks taken
against skipped, and a chart of pain before and after routines over the last 30 days; a
friendly first step when there is nothing to show yet.

It reads everything from the history store in one call (store.progress()), refreshes when
the history changes while it is on screen, and otherwise on its next showing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backease_desktop.ui import theme
from backease_desktop.ui.progress import figures
from backease_desktop.ui.progress.notices import problem_html, problem_paragraphs

if TYPE_CHECKING:
    from backease_desktop.core.history import BreakCounts, HistoryStore, ProgressStats
    from backease_desktop.platform.history_recorder import HistoryRecorder
    from backease_desktop.ui.progress.chart import PainChartView

FIRST_ROUTINE = "during-a-spasm"
# The pain chart's height on the page, in pixels.
CHART_HEIGHT = 280


def _label(text: str = "", *, point_size: float | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if point_size is not None or bold:
        font = label.font()
        if point_size is not None:
            font.setPointSizeF(point_size)
        if bold:
            font.setWeight(font.Weight.DemiBold)
        label.setFont(font)
    return label


def _meta(text: str = "") -> QLabel:
    label = _label(text)
    label.setObjectName("meta")
    return label


class StatCard(QFrame):
    """One figure: what it is, the number, and a line saying what counts."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        self.title_label = _label(title, bold=True)
        self.value_label = _label(point_size=20, bold=True)
        self.detail_label = _meta()
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        self.extra = QVBoxLayout()
        layout.addLayout(self.extra)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_figure(self, value: str, detail: str) -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setAccessibleName(f"{self.title}: {value}")
        self.setAccessibleDescription(detail)

    def value(self) -> str:
        return self.value_label.text()

    def detail(self) -> str:
        return self.detail_label.text()


class RatioBar(QWidget):
    """A thin bar: the share of breaks taken (accent) against those not taken (grey:
    skipped, missed, or not started after the warning-signs check)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taken = 0
        self.not_taken = 0
        self.setFixedHeight(8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, taken: int, not_taken: int) -> None:
        self.taken, self.not_taken = taken, not_taken
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        total = self.taken + self.not_taken
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect())
        painter.setBrush(self.palette().color(self.palette().ColorRole.Mid))
        painter.drawRoundedRect(rect, 4, 4)
        if total:
            taken = QRectF(rect)
            taken.setWidth(rect.width() * self.taken / total)
            painter.setBrush(QColor("#5cc4b5" if theme.is_dark() else theme.ACCENT))
            painter.drawRoundedRect(taken, 4, 4)
        painter.end()


class ChartSlot(QWidget):
    """The chart's place on the page, kept at its height until the chart comes; says when
    it is first painted, so the chart is built once the figures are on screen."""

    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(CHART_HEIGHT)
        self.painted = False
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.painted:
            self.painted = True
            # Queued: the rest of this frame is painted and shown before anything more.
            QTimer.singleShot(0, self, self.first_painted.emit)
        super().paintEvent(event)


class EmptyState(QFrame):
    """What a first visit shows: what will appear here, and a way to start."""

    def __init__(self, first_routine: tuple[str, str] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        picture = QLabel()
        picture.setPixmap(theme.icon("progress").pixmap(QSize(48, 48)))
        picture.setAccessibleName(self.tr("Progress"))
        layout.addWidget(picture)
        self.heading = _label(self.tr("Your progress will show up here"), point_size=15, bold=True)
        layout.addWidget(self.heading)
        self.text = _label(
            self.tr(
                "Each routine you finish and each desk break you take is kept on this "
                "computer, and nowhere else. Here you will see how many days in a row you "
                "have looked after your back, this week's routines and breaks, and how your "
                "pain before and after a routine changes over a month."
            )
        )
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.start_button: QPushButton | None = None
        if first_routine is not None:
            routine_id, title = first_routine
            text = self.tr("Start “{0}”").format(title)
            self.start_button = QPushButton(theme.icon_on_accent("play"), text)
            self.start_button.setObjectName("startButton")
            self.start_button.setAccessibleDescription(
                self.tr("Starts the routine {0}").format(title)
            )
            self.start_button.setAutoDefault(True)
            self.start_button.setProperty("page_key", f"start:{routine_id}")
            row.addWidget(self.start_button)
        self.routines_button = QPushButton(self.tr("Choose a routine"))
        self.routines_button.setAccessibleDescription(self.tr("Opens the list of routines"))
        self.routines_button.setAutoDefault(True)
        row.addWidget(self.routines_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setAccessibleName(self.heading.text())


class ProgressPage(QScrollArea):
    """Shows the store's progress figures. `page_requested(key)` asks the window to open a
    page (the empty state's buttons); `summary_requested` asks for the clinician summary."""

    page_requested = Signal(str)
    summary_requested = Signal()

    def __init__(
        self,
        store: HistoryStore,
        first_routine: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.stats: ProgressStats | None = None
        # Set when the figures on the page may be out of date: the page was hidden, or the
        # history changed while it was.
        self._stale = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("scrollPage")  # its focus ring (ui/style.py)
        self.setAccessibleName(self.tr("Progress"))
        body = QWidget()
        body.setObjectName("pageBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 20, 24, 24)
        column.setSpacing(12)
        self.setWidget(body)

        header = QHBoxLayout()
        title = _label(self.tr("Progress"), point_size=20, bold=True)
        header.addWidget(title, 1)
        self.summary_button = QPushButton(self.tr("Summary for a clinician…"))
        self.summary_button.setAccessibleDescription(
            self.tr("Print or save a summary for a physiotherapist or doctor")
        )
        self.summary_button.setAutoDefault(True)
        self.summary_button.clicked.connect(self.summary_requested)
        header.addWidget(self.summary_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)

        self.notice = QLabel()
        self.notice.setObjectName("cautions")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setOpenExternalLinks(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.notice.hide()
        column.addWidget(self.notice)

        # One of the two shows; the hidden one takes no room, so the page never scrolls
        # for the figures while it shows the empty state.
        self._column = column
        self._first_routine = first_routine
        # Built when first needed: most visits have figures to show.
        self.empty: EmptyState | None = None
        self.figures = self._build_figures()
        column.addWidget(self.figures)
        column.addStretch(1)
        self.refresh()

    def _build_figures(self) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.streak_card = StatCard(self.tr("Current streak"))
        self.routines_card = StatCard(self.tr("Routines this week"))
        self.breaks_card = StatCard(self.tr("Breaks this week"))
        self.ratio_card = StatCard(self.tr("Taken vs skipped"))
        self.ratio_bar = RatioBar()
        self.ratio_card.extra.addWidget(self.ratio_bar)
        self.cards = [self.streak_card, self.routines_card, self.breaks_card, self.ratio_card]
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self._columns = 0
        self._reflow(4)
        layout.addLayout(self.grid)

        layout.addSpacing(8)
        heading = _label(self.tr("Pain before and after routines"), point_size=14, bold=True)
        layout.addWidget(heading)
        self.chart_caption = _meta(
            self.tr("Daily averages over the last 30 days, from the scores you gave.")
        )
        layout.addWidget(self.chart_caption)
        # The chart's place, kept at its height: Qt Charts is a large library to load, so it
        # and the chart come once the figures are on screen (_build_chart).
        self.chart_slot = ChartSlot()
        self.chart_slot.first_painted.connect(self._build_chart)
        layout.addWidget(self.chart_slot)
        self.chart_view: PainChartView | None = None
        self.no_pain_note = _label(
            self.tr(
                "No pain scores in the last 30 days. At the end of a routine you can say how "
                "your back felt before and after it; your answers are charted here."
            )
        )
        self.no_pain_note.setObjectName("cautions")
        layout.addWidget(self.no_pain_note)
        self.pain_summary = _label()
        layout.addWidget(self.pain_summary)
        return holder

    # -- showing figures ------------------------------------------------------------------

    def is_empty_state(self) -> bool:
        return self.empty is not None and not self.empty.isHidden()

    def _show_empty_state(self) -> None:
        if self.empty is None:
            self.empty = EmptyState(self._first_routine)
            if self.empty.start_button is not None:
                key = str(self.empty.start_button.property("page_key"))
                self.empty.start_button.clicked.connect(lambda: self.page_requested.emit(key))
            self.empty.routines_button.clicked.connect(lambda: self.page_requested.emit("routines"))
            self._column.insertWidget(self._column.indexOf(self.figures), self.empty)
        self.figures.hide()
        self.empty.show()

    @Slot()
    def refresh(self) -> None:
        """Reads the figures again and shows them."""
        self._stale = False
        stats = self.store.progress()
        self.stats = stats
        html = problem_html(self.store.recovered_from, self.store.unavailable_reason)
        self.notice.setText(html)
        self.notice.setAccessibleDescription(
            " ".join(problem_paragraphs(self.store.recovered_from, self.store.unavailable_reason))
        )
        self.notice.setVisible(bool(html))
        if not figures.has_activity(stats):
            self._show_empty_state()
            return
        if self.empty is not None:
            self.empty.hide()
        self.figures.show()
        self._show_cards(stats)
        self._show_pain(stats)

    def _show_cards(self, stats: ProgressStats) -> None:
        if stats.streak_days == 0:
            streak_detail = self.tr("Finish a routine or take a desk break today to start one.")
        elif stats.streak_includes_today:
            streak_detail = self.tr("Days in a row with a routine finished or a break taken.")
        else:
            streak_detail = self.tr("Up to yesterday. A routine or a break today keeps it going.")
        days = stats.streak_days
        self.streak_card.set_figure(
            self.tr("1 day") if days == 1 else self.tr("{0} days").format(days), streak_detail
        )
        first = stats.week_first_day
        since = (
            self.tr("today")
            if first == stats.today
            else self.tr("since {0}").format(f"{first:%a} {first.day} {first:%b}")
        )
        self.routines_card.set_figure(
            str(stats.week_routines), self.tr("finished {0}").format(since)
        )
        week_detail = self.tr("taken {0}").format(since)
        if stats.week_breaks.declined:
            week_detail += "; " + self._declined_text(stats.week_breaks.declined)
        self.breaks_card.set_figure(str(stats.week_breaks.taken), week_detail)
        period = stats.period_breaks
        # Every break that ended without being taken; a declined one is named on its own in
        # the detail, since the person did not choose to skip it.
        not_taken = period.skipped + period.missed + period.declined
        self.ratio_card.set_figure(
            self.tr("{0} : {1}").format(period.taken, period.skipped),
            self._ratio_detail(period, stats.period_days),
        )
        self.ratio_bar.set_counts(period.taken, not_taken)
        self.ratio_bar.setAccessibleName(
            self.tr("{0} of {1} breaks taken").format(period.taken, period.taken + not_taken)
        )

    def _ratio_detail(self, period: BreakCounts, days: int) -> str:
        parts = [
            self.tr("{0} taken").format(period.taken),
            self.tr("{0} skipped").format(period.skipped),
        ]
        if period.missed:
            parts.append(self.tr("{0} missed").format(period.missed))
        if period.snoozed:
            parts.append(self.tr("{0} snoozed").format(period.snoozed))
        if period.declined:
            parts.append(self._declined_text(period.declined))
        return self.tr("Last {1} days: {0}").format(", ".join(parts), days)

    def _declined_text(self, count: int) -> str:
        """Breaks whose routine the warning-signs check before it stopped: not taken, and
        not skipped either, so said in their own words."""
        return self.tr("{0} not started after the warning-signs check").format(count)

    def _show_pain(self, stats: ProgressStats) -> None:
        days = figures.daily_pain(stats.pain_series)
        has_scores = bool(days)
        self.chart_slot.setVisible(has_scores)
        self.no_pain_note.setVisible(not has_scores)
        means = figures.pain_means((p.before, p.after) for p in stats.pain_series)
        if means.pairs:
            text = (
                self.tr("Over the last {0} days, 1 routine has both scores:")
                if means.pairs == 1
                else self.tr("Over the last {0} days, {1} routines have both scores:")
            ).format(stats.period_days, means.pairs)
            text += " " + self.tr("pain averaged {0} before and {1} after.").format(
                figures.one_decimal(means.before), figures.one_decimal(means.after)
            )
        elif has_scores:
            text = self.tr("Give a score both before and after a routine to compare them.")
        else:
            text = ""
        self.pain_summary.setText(text)
        self.pain_summary.setVisible(bool(text))
        if self.chart_view is not None:
            self._fill_chart(self.chart_view)

    @Slot()
    def _build_chart(self) -> None:
        """Puts the chart in its place, with the figures read last."""
        from backease_desktop.ui.progress.chart import PainChartView

        self.chart_view = PainChartView()
        self.chart_slot.box.addWidget(self.chart_view)
        self._fill_chart(self.chart_view)

    def _fill_chart(self, view: PainChartView) -> None:
        if self.stats is None:
            return
        stats = self.stats
        view.pain.set_days(figures.daily_pain(stats.pain_series), stats.today, stats.period_days)
        view.setAccessibleDescription(self.pain_summary.text() or self.no_pain_note.text())

    # -- staying current ------------------------------------------------------------------

    @Slot()
    def on_history_changed(self) -> None:
        """Refreshes now if on screen; otherwise the next showing does."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        # Every showing after the first reads the figures again: the history may have
        # changed meanwhile, and so may the day ("today", the week, the streak).
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._stale = True
        super().hideEvent(event)

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width() - 48
        self._reflow(4 if width >= 4 * 165 else 2 if width >= 2 * 165 else 1)


def build_progress_page(
    recorder: HistoryRecorder, first_routine: tuple[str, str] | None = None
) -> ProgressPage:
    """The page over the recorder's store, kept current by its history_changed."""
    page = ProgressPage(recorder.store, first_routine)
    recorder.history_changed.connect(page.on_history_changed)
    recorder.problem_found.connect(page.on_history_changed)
    recorder.problem_solved.connect(page.on_history_changed)
    return page
