"""Copying what can still be read out of a damaged history file into a new one, table by
table, stepping over the pages that cannot be read, so one bad page costs the records on
it and not the whole history. The damaged file itself is left for the caller to set aside.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from backease_desktop.core.history import schema

log = logging.getLogger(__name__)

# Ids are positive (AUTOINCREMENT starts at 1); a scan resumes above the last good one.
_FIRST_KEY = 0
# Where to stop stepping over damage when nothing says how far the ids go.
_KEY_LIMIT = 2**31


def salvage(damaged: sqlite3.Connection, target: Path) -> int | None:
    """Make a database at `target` (which must not exist) with the damaged one's schema
    version and every row that can be read; returns how many rows were copied, or None
    when nothing could be made (the file's version cannot be read, or is not ours)."""
    try:
        version = schema.user_version(damaged)
    except sqlite3.DatabaseError:
        return None
    if not 0 < version <= schema.CURRENT_VERSION:
        return None
    out = sqlite3.connect(target, isolation_level=None)
    try:
        schema.migrate(out, None, schema.MIGRATIONS[:version])
        # A step whose session was lost is of no use and would break the link.
        out.execute("PRAGMA foreign_keys = ON")
        copied = 0
        for table in schema.TABLES:
            copied += _copy_table(damaged, out, table)
        _keep_sequences(damaged, out)
    finally:
        out.close()
    log.warning("history: salvaged %d row(s) from the damaged file", copied)
    return copied


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return "WITHOUT ROWID" not in str(sql).upper()


def _copy_table(damaged: sqlite3.Connection, out: sqlite3.Connection, table: str) -> int:
    columns = _columns(out, table)
    names = ", ".join(columns)
    if _has_rowid(out, table):
        rows = _rows_by_rowid(damaged, table, names)
    else:
        # WITHOUT ROWID (the steps): scanned in key order by its first key column.
        rows = [row for _, row in _scan(damaged, table, names, columns[0], _KEY_LIMIT)]
    marks = ", ".join("?" for _ in columns)
    copied = 0
    out.execute("BEGIN")
    for row in rows:
        try:
            out.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", row)
        except sqlite3.DatabaseError:
            continue  # a value the schema refuses: damage that happened to read
        copied += 1
    out.execute("COMMIT")
    return copied


SqlRow = tuple[object, ...]


def _scan(
    conn: sqlite3.Connection, table: str, names: str, key: str, limit: int
) -> list[tuple[int, SqlRow]]:
    """(key, row) pairs in key order. Where a read fails, the scan starts again above the
    last key read: at it, one past it, three, seven... until a read gets further or the
    keys pass `limit`."""
    rows: list[tuple[int, SqlRow]] = []
    after, step = _FIRST_KEY, 1
    while after <= limit:
        try:
            cursor = conn.execute(
                f"SELECT {key}, {names} FROM {table} WHERE {key} > ? ORDER BY {key}", (after,)
            )
            for row in cursor:
                rows.append((int(row[0]), tuple(row[1:])))
                after, step = int(row[0]), 1
            return rows
        except sqlite3.DatabaseError:
            after += step - 1
            step *= 2
    return rows


def _rows_by_rowid(conn: sqlite3.Connection, table: str, names: str) -> list[SqlRow]:
    """The table scanned by rowid, then the gaps filled from its indexes: an index lists
    the rowids of rows whose table page was skipped, and each is then read on its own."""
    rows = dict(_scan(conn, table, names, "rowid", _highest_known_id(conn, table)))
    for rowid in _rowids_from_indexes(conn, table) - rows.keys():
        try:
            row = conn.execute(f"SELECT {names} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            rows[rowid] = tuple(row)
    return [rows[rowid] for rowid in sorted(rows)]


def _highest_known_id(conn: sqlite3.Connection, table: str) -> int:
    try:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    except sqlite3.DatabaseError:
        return _KEY_LIMIT
    return int(row[0]) if row is not None else _KEY_LIMIT


def _rowids_from_indexes(conn: sqlite3.Connection, table: str) -> set[int]:
    found: set[int] = set()
    try:
        indexes = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
            )
        ]
    except sqlite3.DatabaseError:
        return found
    for index in indexes:
        try:
            for (rowid,) in conn.execute(f"SELECT rowid FROM {table} INDEXED BY {index}"):
                found.add(int(rowid))
        except sqlite3.DatabaseError:
            continue  # what was read before the bad page is kept
    return found


def _keep_sequences(damaged: sqlite3.Connection, out: sqlite3.Connection) -> None:
    """The new file goes on counting ids where the damaged one had got to, so no id is
    handed out twice."""
    try:
        sequences = damaged.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    except sqlite3.DatabaseError:
        return
    out.execute("BEGIN")
    for name, seq in sequences:
        if name not in schema.TABLES or not isinstance(seq, int):
            continue
        updated = out.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name)
        )
        if updated.rowcount == 0:
            out.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))
    out.execute("COMMIT")
