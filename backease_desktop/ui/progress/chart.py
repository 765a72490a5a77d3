"""The pain chart: average pain before and after routines, day by day, on a 0-10 scale.
One chart serves the Progress page (in the system's colours) and the clinician summary
(printed in fixed dark-on-white colours, with line styles that survive black and white).

This module loads Qt Charts; it is imported only when the Progress page or the summary
is first built."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from backease_desktop.ui import theme
from backease_desktop.ui.progress.figures import DayPain

PAIN_MAX = 10


class ChartColours(NamedTuple):
    background: str
    text: str
    grid: str
    before: str
    after: str


# Orange and teal tell apart for the common colour-vision differences; the before line is
# also dashed, so the two read apart in grey as well.
PRINT_COLOURS = ChartColours("#ffffff", "#1d2b3a", "#c9d6df", "#c4512b", theme.ACCENT)


def screen_colours(palette: QPalette) -> ChartColours:
    dark = theme.is_dark()
    return ChartColours(
        background=palette.color(QPalette.ColorRole.Base).name(),
        text=palette.color(QPalette.ColorRole.Text).name(),
        grid=palette.color(QPalette.ColorRole.Mid).name(),
        before="#ff946c" if dark else "#c4512b",
        after="#5cc4b5" if dark else theme.ACCENT,
    )


def day_label(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


class PainChart:
    """A QChart of daily pain averages over `day_count` days ending on `last_day`."""

    def __init__(
        self, colours: ChartColours, font: QFont | None = None, marker_size: float = 5.0
    ) -> None:
        self.colours = colours
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundBrush(QBrush(QColor(colours.background)))
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        text_brush = QBrush(QColor(colours.text))
        base_font = font if font is not None else QFont()

        self.before = QLineSeries()
        self.before.setName("Before a routine")
        self.after = QLineSeries()
        self.after.setName("After a routine")
        # The before markers are larger, so a day with the same score before and after
        # still shows both.
        for series, colour, style, size in (
            (self.before, colours.before, Qt.PenStyle.DashLine, marker_size * 1.5),
            (self.after, colours.after, Qt.PenStyle.SolidLine, marker_size),
        ):
            pen = QPen(QColor(colour))
            pen.setWidthF(2.5)
            pen.setStyle(style)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            series.setPen(pen)
            series.setPointsVisible(True)
            series.setMarkerSize(size)
            self.chart.addSeries(series)

        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.x_axis.setTitleText("Day")
        self.y_axis = QValueAxis()
        self.y_axis.setRange(0, PAIN_MAX)
        self.y_axis.setTickCount(6)
        self.y_axis.setLabelFormat("%d")
        self.y_axis.setTitleText("Pain (0 = none, 10 = worst)")
        small = QFont(base_font)
        small.setPointSizeF(max(7.0, base_font.pointSizeF() * 0.85))
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsBrush(text_brush)
            axis.setLabelsFont(small)
            axis.setTitleBrush(text_brush)
            axis.setTitleFont(small)
            axis.setGridLineColor(QColor(colours.grid))
            axis.setLinePenColor(QColor(colours.grid))
        self.y_axis.setMinorTickCount(1)
        self.y_axis.setMinorGridLineColor(QColor(colours.grid).lighter(115))
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.before, self.after):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)

        legend = self.chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setLabelColor(QColor(colours.text))
        legend.setFont(base_font)
        self.last_day: date | None = None
        self.day_count = 0

    def set_days(self, days: Sequence[DayPain], last_day: date, day_count: int) -> None:
        """Plots `days` on an axis of `day_count` days ending on `last_day`, labelled every
        week (every two weeks on a long axis) counting back from the last day."""
        first_day = last_day - timedelta(days=day_count - 1)
        befores: list[QPointF] = []
        afters: list[QPointF] = []
        for entry in days:
            x = float((entry.day - first_day).days)
            if not 0 <= x < day_count:
                continue
            if entry.before is not None:
                befores.append(QPointF(x, entry.before))
            if entry.after is not None:
                afters.append(QPointF(x, entry.after))
        self.before.replace(befores)
        self.after.replace(afters)
        if last_day != self.last_day or day_count != self.day_count:
            self.last_day, self.day_count = last_day, day_count
            self._label_days(first_day, day_count)

    def _label_days(self, first_day: date, day_count: int) -> None:
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        self.x_axis.setStartValue(-0.5)
        step = 7 if day_count <= 42 else 14
        marks = sorted(range(day_count - 1, -1, -step))
        for index in marks:
            self.x_axis.append(day_label(first_day + timedelta(days=index)), float(index))
        self.x_axis.setRange(-0.5, day_count - 0.5)


class PainChartView(QChartView):
    """The chart on the Progress page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.pain = PainChart(screen_colours(QGuiApplication.palette()))
        super().__init__(self.pain.chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(QColor(self.pain.colours.background)))
        self.setFrameShape(QChartView.Shape.NoFrame)
        self.setAccessibleName("Pain chart")
