"""The whole history as one CSV file (UTF-8, RFC 4180 quoting, a header row), in time order.

Columns, for both kinds of row:

  kind             "session" (a routine played) or "break" (a desk break that fell due)
  id               the row's number within its kind
  time             session: when it started; break: when its outcome happened
  end_time         session: when it ended (empty if it never did); break: empty
  due_time         break: when it fell due; session: empty
  outcome          session: completed | stopped | unfinished;
                   break: taken | snoozed | skipped | missed | declined
                   (declined: the red-flag check before the break's routine
                   stopped it; not taken, and not skipped by the person)
  routine_id       session: the routine's id; break: empty
  routine_title    session: the routine's title as shown then; break: empty
  steps_completed  session: steps done; break: empty
  steps_skipped    session: steps skipped; break: empty
  pain_before      session: 0-10, empty when not given; break: empty
  pain_after       session: 0-10, empty when not given; break: empty

Times are ISO 8601 local time with the UTC offset in force at that instant, to the second
(2026-03-29T09:15:00+02:00), so they sort, parse and convert without guessing."""

from __future__ import annotations

import csv
import heapq
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TextIO

from backease_desktop.core import safe_files
from backease_desktop.core.history.records import session_outcome
from backease_desktop.core.history.stats import LocalCalendar

COLUMNS = (
    "kind",
    "id",
    "time",
    "end_time",
    "due_time",
    "outcome",
    "routine_id",
    "routine_title",
    "steps_completed",
    "steps_skipped",
    "pain_before",
    "pain_after",
)

CsvRow = tuple[float, int, int, list[str]]  # (time, kind order, id, cells) for merging


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def _rows(conn: sqlite3.Connection, cal: LocalCalendar) -> Iterator[list[str]]:
    def when(wall: float) -> str:
        return cal.local(wall).isoformat(timespec="seconds")

    sessions = conn.execute(
        """
        SELECT id, started, ended, completed, routine_id, routine_title,
               steps_completed, steps_skipped, pain_before, pain_after
        FROM sessions ORDER BY started, id
        """
    )
    breaks = conn.execute("SELECT id, at, due, outcome FROM breaks ORDER BY at, id")

    def session_rows() -> Iterator[CsvRow]:
        for sid, started, ended, completed, rid, title, done, skipped, before, after in sessions:
            cells = [
                "session",
                str(sid),
                when(started),
                "" if ended is None else when(ended),
                "",
                session_outcome(ended, completed),
                rid,
                title,
                str(done),
                str(skipped),
                _text(before),
                _text(after),
            ]
            yield started, 0, sid, cells

    def break_rows() -> Iterator[CsvRow]:
        for bid, at, due, outcome in breaks:
            yield at, 1, bid, ["break", str(bid), when(at), "", when(due), outcome, *[""] * 6]

    # Both cursors already come in time order from their indexes; merging them streams
    # the file instead of sorting every row in memory.
    for row in heapq.merge(session_rows(), break_rows(), key=lambda r: r[:3]):
        yield row[3]


def write_csv(conn: sqlite3.Connection, out: TextIO, cal: LocalCalendar) -> int:
    """Write the header and every record to an open text file (opened with newline="");
    returns how many records were written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    # One read transaction, so sessions and breaks come from the same moment even if the
    # app writes while a command-line export runs.
    conn.execute("BEGIN")
    try:
        for cells in _rows(conn, cal):
            writer.writerow(cells)
            count += 1
    finally:
        conn.execute("COMMIT")
    return count


def export_csv(conn: sqlite3.Connection, target: Path | TextIO, cal: LocalCalendar) -> int:
    """Export to a file path or to an open text file. A path is written by the one rule of
    core/safe_files: through a temporary file renamed over the target once complete (an
    existing file is only replaced by a complete export), a symlink written through, and
    a folder, FIFO or device at the path refused (UnsafePathError) and left alone."""
    if not isinstance(target, Path):
        return write_csv(conn, target, cal)

    def fill(raw: IO[bytes]) -> int:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            return write_csv(conn, out, cal)
        finally:
            out.flush()
            out.detach()  # the caller closes the file itself

    return safe_files.write_atomic(target, fill, make_parents=True)
