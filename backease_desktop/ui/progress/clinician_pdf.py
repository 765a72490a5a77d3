"""The one-page summary a person can take to a physiotherapist or doctor: routines done,
desk breaks, a chart of pain before and after routines, and a week-by-week table, for the
last 4 or 12 weeks. Drawn with Qt's own PDF writer, or onto a printer the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QGraphicsScene

from backease_desktop import APP_NAME, __version__
from backease_desktop.core import safe_files
from backease_desktop.ui.markup import escape
from backease_desktop.ui.progress import figures

if TYPE_CHECKING:
    from backease_desktop.core.history import ClinicianSummary

PAGE_MARGIN_MM = 16.0
CHART_HEIGHT_MM = 72.0
GAP_MM = 4.0
# Qt lays out chart text at the screen's 96 logical dots per inch; the chart is drawn at
# that scale and then stretched onto the page, so its text keeps its point size on paper.
SCENE_DPI = 96.0
BODY_POINT_SIZE = 9.5

_STYLE = """
body { color: #1d2b3a; }
h1 { font-size: 16pt; margin: 0 0 3pt 0; }
h2 { font-size: 11pt; margin: 8pt 0 2pt 0; }
p { margin: 0 0 6pt 0; }
.muted { color: #4d5b66; }
table { border-collapse: collapse; }
th { background: #e6edf3; font-weight: 600; text-align: left; }
td.n, th.n { text-align: right; }
.footer { font-size: 8pt; color: #4d5b66; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClinicianSummary", text)


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


def suggested_file_name(summary: ClinicianSummary) -> str:
    return f"backease-summary-{summary.last_day.isoformat()}-{summary.weeks}-weeks.pdf"


def header_html(summary: ClinicianSummary) -> str:
    breaks = summary.breaks
    means = figures.pain_means((row.before, row.after) for row in summary.pain_rows)
    if means.pairs:
        pain = _tr("{0} before, {1} after (average of {2} routines with both scores)").format(
            figures.one_decimal(means.before), figures.one_decimal(means.after), means.pairs
        )
    else:
        pain = _tr("no routine has both a before and an after score")
    rows = [
        (_tr("Routines finished"), str(summary.routines_done)),
        (_tr("Routines started but not finished"), str(summary.routines_not_finished)),
        (
            _tr("Desk breaks taken"),
            _tr("{0} (skipped {1}, missed {2}, snoozed {3} times)").format(
                breaks.taken, breaks.skipped, breaks.missed, breaks.snoozed
            ),
        ),
        (_tr("Pain, 0 (none) to 10 (worst)"), pain),
    ]
    recorded = _tr("Routines, desk breaks and pain scores recorded with {0}.").format(APP_NAME)
    table = "".join(
        f"<tr><td width='42%'>{escape(name)}</td><td><b>{escape(value)}</b></td></tr>"
        for name, value in rows
    )
    return (
        f"<h1>{escape(_tr('Back care summary'))}</h1>"
        f"<p class='muted'>{escape(period_text(summary))}<br/>{escape(recorded)}</p>"
        f"<table width='100%' cellpadding='2'>{table}</table>"
        f"<h2>{escape(_tr('Pain before and after routines (daily averages)'))}</h2>"
    )


def period_text(summary: ClinicianSummary) -> str:
    return _tr("The last {0} weeks: {1} to {2}.").format(
        summary.weeks, long_date(summary.first_day), long_date(summary.last_day)
    )


def table_html(summary: ClinicianSummary) -> str:
    heads = [
        (_tr("Week from"), ""),
        (_tr("Routines finished"), "n"),
        (_tr("Not finished"), "n"),
        (_tr("Breaks taken"), "n"),
        (_tr("Skipped"), "n"),
        (_tr("Missed"), "n"),
        (_tr("Pain before"), "n"),
        (_tr("Pain after"), "n"),
        (_tr("Routines scored"), "n"),
    ]
    head = "".join(f"<th class='{cls}'>{escape(text)}</th>" for text, cls in heads)
    body = []
    for week, pain in zip(summary.weekly, figures.weekly_pain(summary), strict=True):
        cells = [
            short_date(week.first_day),
            str(week.routines_done),
            str(week.routines_not_finished),
            str(week.breaks.taken),
            str(week.breaks.skipped),
            str(week.breaks.missed),
            figures.one_decimal(pain.before),
            figures.one_decimal(pain.after),
            str(pain.rated),
        ]
        row = "".join(
            f"<td class='{'n' if i else ''}'>{escape(cell)}</td>" for i, cell in enumerate(cells)
        )
        body.append(f"<tr>{row}</tr>")
    footer = _tr(
        "Pain scores are the person's own, given in {0} just before and just after each "
        "guided routine, from 0 (no pain) to 10 (worst imaginable); a week's figure is the "
        "average of the scores given that week. Breaks are the desk-break reminders {0} "
        "showed. This is a personal record, not a diagnosis. {0} {1}."
    ).format(APP_NAME, __version__)
    return (
        f"<h2>{escape(_tr('Week by week'))}</h2>"
        f"<table width='100%' cellpadding='3' border='0.5' style='border-color: #c9d6df'>"
        f"<tr>{head}</tr>{''.join(body)}</table>"
        f"<p class='footer'><br/>{escape(footer)}</p>"
    )


def _document(html: str, device: QPagedPaintDevice, width: float) -> QTextDocument:
    doc = QTextDocument()
    # Lay text out for the page's own resolution, so point sizes are true on paper.
    doc.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setPointSizeF(BODY_POINT_SIZE)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_STYLE)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def paint_summary(device: QPagedPaintDevice, summary: ClinicianSummary) -> bool:
    """Draws the summary on the first page of `device` (a QPdfWriter or a QPrinter), made
    smaller as a whole if the page is too small for it, so it always fits on one page.
    Returns False when the device could not be painted on (a file that cannot be made)."""
    from backease_desktop.ui.progress.chart import PRINT_COLOURS, PainChart

    dots_per_mm = device.logicalDpiY() / 25.4
    width = float(device.width())
    height = float(device.height())
    header = _document(header_html(summary), device, width)
    table = _document(table_html(summary), device, width)
    gap = GAP_MM * dots_per_mm
    chart_height = CHART_HEIGHT_MM * dots_per_mm
    total = header.size().height() + chart_height + gap + table.size().height()

    chart_font = QFont()
    chart_font.setPointSizeF(BODY_POINT_SIZE)
    pain = PainChart(PRINT_COLOURS, chart_font, marker_size=4.0 if summary.weeks <= 6 else 3.0)
    pain.set_days(figures.summary_daily_pain(summary), summary.last_day, summary.weeks * 7)
    scene = QGraphicsScene()
    scene.addItem(pain.chart)
    to_scene = SCENE_DPI / device.logicalDpiY()
    pain.chart.resize(QSizeF(width * to_scene, chart_height * to_scene))

    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if total > height:
            scale = height / total
            painter.scale(scale, scale)
        header.drawContents(painter)
        top = header.size().height()
        scene.render(
            painter,
            QRectF(0, top, width, chart_height),
            QRectF(0, 0, width * to_scene, chart_height * to_scene),
        )
        painter.translate(0, top + chart_height + gap)
        table.drawContents(painter)
    finally:
        painter.end()
    return True


def write_pdf(path: Path, summary: ClinicianSummary) -> None:
    """Writes the summary as a one-page A4 PDF at `path`, by the rule of core/safe_files
    (a temporary file renamed over the target; a folder, FIFO or device there is refused).
    Raises OSError if it cannot."""
    safe_files.write_via_path(path, lambda partial: _write_pdf_file(partial, path, summary))


def _write_pdf_file(partial: Path, path: Path, summary: ClinicianSummary) -> None:
    writer = QPdfWriter(str(partial))
    writer.setTitle(_tr("{0} summary, {1}").format(APP_NAME, period_text(summary)))
    writer.setCreator(f"{APP_NAME} {__version__}")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painted = paint_summary(writer, summary)
    del writer  # closes the file before it is renamed
    if not painted:
        raise OSError(f"cannot write {path}")
