"""The clinician summary: one page, whatever the period and however busy the history, with
the period, the totals, the pain chart and the week-by-week table; saved where the user
chooses, for the 4 or 12 weeks they choose."""

from __future__ import annotations

import re
from datetime import timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from backease_desktop.core.clock import FakeClock
from backease_desktop.core.history import ClinicianSummary, HistoryStore
from backease_desktop.ui.progress import clinician_pdf
from backease_desktop.ui.progress.summary_dialog import ClinicianSummaryDialog

DAY_S = 86_400.0
NOW = 1_767_225_600.0 + 18 * 3600  # Thursday 1 January 2026, 18:00 UTC


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.db", FakeClock(wall=NOW), tz=timezone.utc)


def fill(store: HistoryStore, days: int, per_day: int) -> None:
    """`per_day` routines with pain scores and as many breaks each day, for `days` days."""
    for day in range(days):
        for n in range(per_day):
            start = NOW - day * DAY_S - 8 * 3600 + n * 1800
            sid = store.start_session("during-a-spasm", "During a spasm", start, pain_before=7)
            store.finish_session(sid, start + 300, completed=n % 4 != 3, pain_after=4)
            store.record_break(start + 900, "taken" if n % 3 else "skipped", start + 900)


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def test_twelve_busy_weeks_fit_on_one_page(store: HistoryStore, tmp_path: Path, qapp: object):
    fill(store, days=84, per_day=2)
    target = tmp_path / "summary.pdf"
    clinician_pdf.write_pdf(target, store.clinician_summary(weeks=12))
    assert target.read_bytes().startswith(b"%PDF")
    assert pdf_pages(target) == 1


def test_an_empty_history_still_makes_a_one_page_summary(
    store: HistoryStore, tmp_path: Path, qapp: object
) -> None:
    target = tmp_path / "summary.pdf"
    clinician_pdf.write_pdf(target, store.clinician_summary(weeks=4))
    assert pdf_pages(target) == 1


def test_the_summary_states_the_period_and_the_totals(store: HistoryStore) -> None:
    fill(store, days=28, per_day=4)
    summary = store.clinician_summary(weeks=4)
    text = clinician_pdf.header_html(summary)
    assert "Friday 5 December 2025 to Thursday 1 January 2026" in text
    assert f"<b>{summary.routines_done}</b>" in text and summary.routines_done == 84
    assert "7.0 before, 4.0 after" in text


def test_the_table_has_a_row_per_week_with_pain_before_and_after(store: HistoryStore) -> None:
    fill(store, days=84, per_day=2)
    summary: ClinicianSummary = store.clinician_summary(weeks=12)
    table = clinician_pdf.table_html(summary)
    assert table.count("<tr>") == 1 + 12
    assert "Pain before" in table and "Pain after" in table
    assert table.count("<td class='n'>7.0</td><td class='n'>4.0</td>") == 12


def test_breaks_declined_at_the_check_leave_the_summary_as_it_was(store: HistoryStore) -> None:
    """Declined at the warning-signs check hints at a health problem: the clinician summary
    shows nothing more than before it existed (and does not count it as taken)."""
    fill(store, days=28, per_day=2)
    before = store.clinician_summary(weeks=4)
    for day in range(5):
        at = NOW - day * DAY_S - 3600
        store.record_break(at, "declined", at + 20)
    after = store.clinician_summary(weeks=4)
    assert after.breaks.declined == 5
    assert clinician_pdf.header_html(after) == clinician_pdf.header_html(before)
    assert clinician_pdf.table_html(after) == clinician_pdf.table_html(before)


def test_an_unwritable_place_raises_os_error(
    store: HistoryStore, tmp_path: Path, qapp: object
) -> None:
    with pytest.raises(OSError):
        clinician_pdf.write_pdf(tmp_path / "no-such-folder" / "s.pdf", store.clinician_summary())


@pytest.fixture
def dialog(qtbot: QtBot, store: HistoryStore) -> ClinicianSummaryDialog:
    dialog = ClinicianSummaryDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def choose_file(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    suggested: list[str] = []

    def fake(_parent: object, _title: str, directory: str, _filter: str) -> tuple[str, str]:
        suggested.append(directory)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return suggested


def test_saving_writes_the_file_the_user_named(
    dialog: ClinicianSummaryDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, str(tmp_path / "for my physio"))
    saved = dialog.save_pdf()
    assert saved == tmp_path / "for my physio.pdf"
    assert pdf_pages(saved) == 1
    assert "for my physio.pdf" in dialog.status.text()


def test_four_weeks_is_the_first_choice_and_twelve_the_other(
    dialog: ClinicianSummaryDialog, store: HistoryStore
) -> None:
    fill(store, days=84, per_day=1)
    dialog.show_preview()
    assert dialog.weeks() == 4
    assert dialog.summary().first_day.isoformat() == "2025-12-05"
    dialog.set_weeks(12)
    assert dialog.summary().weeks == 12
    assert "12 weeks" in dialog.preview.text()


def test_the_suggested_file_name_says_the_period(
    dialog: ClinicianSummaryDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggested = choose_file(monkeypatch, "")
    dialog.set_weeks(12)
    assert dialog.save_pdf() is None
    assert Path(suggested[0]).name == "backease-summary-2026-01-01-12-weeks.pdf"


def test_a_failed_save_is_explained_in_the_dialog(
    dialog: ClinicianSummaryDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, str(tmp_path / "missing" / "summary.pdf"))
    assert dialog.save_pdf() is None
    assert "could not be saved" in dialog.status.text()


def test_printing_draws_the_same_one_page_summary_on_a_printer(
    store: HistoryStore, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    fill(store, days=28, per_day=2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # A printer that writes a file: the same drawing a real printer gets from the dialog.
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert clinician_pdf.paint_summary(printer, store.clinician_summary(weeks=4))
    assert pdf_pages(target) == 1
