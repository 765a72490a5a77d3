"""Opening the history file: making or upgrading it, refusing anything at its path that is
not a regular file, and what happens when the file is damaged (the rows that can still be
read are salvaged into a new file, and the damaged one is set aside under a new name,
never deleted) or cannot be used at all (history is kept in memory, and the file is tried
again later)."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from backease_desktop.core import paths, safe_files
from backease_desktop.core.clock import Clock
from backease_desktop.core.history import schema
from backease_desktop.core.history.problems import ProblemKind, SaveProblem, classify

log = logging.getLogger(__name__)

T = TypeVar("T")

FILE_NAME = "history.db"
# Files SQLite keeps next to the database; they belong to it and move with it.
_COMPANIONS = ("-journal", "-wal", "-shm")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# How long a write waits for another process holding the write lock. Writes run on the
# UI thread, so this is short: a record that cannot wait is kept and written later.
BUSY_TIMEOUT_S = 0.1


def default_path() -> Path:
    """Where the app keeps its history: the data folder's history.db."""
    return paths.data_dir() / FILE_NAME


def is_corruption(exc: sqlite3.Error) -> bool:
    """Damage to the file, as opposed to a lock, a full disk or a bad query."""
    name = getattr(exc, "sqlite_errorname", None)  # Python 3.11+
    if name is not None:
        return bool(name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB")
    message = str(exc).lower()
    return type(exc) is sqlite3.DatabaseError and (
        "malformed" in message or "not a database" in message
    )


class DamagedFileError(Exception):
    """The file cannot be used as it is and must be moved aside."""


class NotRegularFileError(Exception):
    """Something other than a file (a folder, a FIFO, a device) sits at the history's
    path. It is left alone: it is not the app's to move."""


def _read_header(path: Path) -> bytes | None:
    """The file's first bytes, or None when there is no file yet. Opened without blocking
    and checked on the opened descriptor, so a FIFO cannot hang the app and nothing can be
    swapped in between the check and the read."""
    try:
        # Looked at before it is opened: opening a FIFO, even without blocking, would
        # wake a program writing to it.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotRegularFileError(_not_a_file(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(_not_a_file(path))
        return os.read(fd, _HEADER_SIZE)
    finally:
        os.close(fd)


def _not_a_file(path: Path) -> str:
    try:
        what = safe_files.kind_of(os.lstat(path).st_mode)
    except OSError:
        what = "not a regular file"
    return f"{path} is {what}; BackEase keeps its history only in a regular file there"


def describe(exc: BaseException, problem: SaveProblem) -> str:
    """Why the file could not be opened, as the UI says it; `problem` is what a write
    error of the same kind would be."""
    if isinstance(exc, (NotRegularFileError, schema.NewerSchemaError)):
        return str(exc)
    if isinstance(exc, DamagedFileError):
        return f"the damaged history file could not be replaced: {exc}"
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename} cannot be used ({exc.strerror})"
    if problem.kind is ProblemKind.DISK_ERROR and problem.reason.endswith(f"({exc})"):
        return problem.reason.replace("could not be written", "could not be opened")
    return problem.reason


class HistoryFile:
    """The connection to one history file, opened on first use.

    After opening, `recovered_from` is where a damaged file was moved
    (history.db.corrupt-<UTC time>) and `salvaged_rows` how many of its rows the new file
    kept; `unavailable_reason` is set while no file can be used and the history is kept
    in memory (`in_memory`). `fill_memory` is given each database made in memory, so the
    records that wait for the file are read back from it too."""

    def __init__(
        self,
        path: Path,
        clock: Clock,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        fill_memory: Callable[[sqlite3.Connection], None] | None = None,
    ):
        self.path = Path(path)
        self._clock = clock
        self._busy_timeout_s = busy_timeout_s
        self._fill_memory = fill_memory
        self._conn: sqlite3.Connection | None = None
        self.in_memory = False
        self.recovered_from: Path | None = None
        self.salvaged_rows: int | None = None
        self.unavailable_reason: str | None = None
        self.backups_made: list[Path] = []

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def what(self) -> str:
        """The file as messages name it."""
        return f"the history file {self.path}"

    def problem(self, exc: BaseException) -> SaveProblem:
        """What an error writing to the file means for the user. A file that cannot be
        written to because of its folder (SQLite makes the -wal and -shm files there)
        names the folder, since that is what must change."""
        problem = classify(exc, self.what)
        if problem.kind is ProblemKind.READ_ONLY and not os.access(self.path.parent, os.W_OK):
            return replace(
                problem,
                reason=f"the folder {self.path.parent} cannot be written to; making it "
                "writable lets BackEase save again",
            )
        return problem

    def _describe(self, exc: BaseException) -> str:
        return describe(exc, self.problem(exc))

    def connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._open()
        return self._conn

    def close(self) -> None:
        """Close the file; the next use opens it again. History kept in memory is kept:
        it is the only copy."""
        if self.in_memory:
            return
        self.close_all()

    def close_all(self) -> None:
        conn, self._conn = self._conn, None
        self.in_memory = False
        if conn is not None:
            # After a disk error, closing may fail too; the next use opens afresh anyway.
            with suppress(sqlite3.Error):
                conn.close()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file_once_damaged()
        except (DamagedFileError, NotRegularFileError, schema.NewerSchemaError) as exc:
            return self._open_in_memory(self._describe(exc))
        except (OSError, sqlite3.Error) as exc:
            return self._open_in_memory(self._describe(exc))

    def _open_file_once_damaged(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except DamagedFileError:
            # It has been set aside (and what could be read salvaged); this opens the new one.
            return self._open_file()

    def try_file_again(self) -> bool:
        """For history kept in memory: open the file if it can be used now. True when the
        file is in use (the caller then writes the records kept in memory into it)."""
        if self._conn is not None and not self.in_memory:
            return True
        try:
            conn = self._open_file_once_damaged()
        except (
            DamagedFileError,
            NotRegularFileError,
            schema.NewerSchemaError,
            OSError,
            sqlite3.Error,
        ) as exc:
            self.unavailable_reason = self._describe(exc)
            log.info("history: the file still cannot be used: %s", self.unavailable_reason)
            return False
        self.close_all()
        self._conn = conn
        log.info("history: %s can be used again", self.path)
        return True

    def _open_file(self) -> sqlite3.Connection:
        """Open, check and migrate the file. A damaged file is set aside (after salvaging
        what it holds) and DamagedFileError raised; calling again then opens the new file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        problem = self._header_problem()
        if problem is None:
            self._companions_writable_again()
        if problem is not None:
            # Before SQLite touches it: on a file it cannot read, closing the connection
            # still deletes the -wal and -shm files next to it.
            self._move_aside(None, problem)
            raise DamagedFileError(problem)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=self._busy_timeout_s)
        try:
            # FULL: a commit is on disk before the call returns (the writes are a few an
            # hour, so the fsync costs nothing anyone notices).
            conn.execute("PRAGMA synchronous = FULL")
            # Only the header and the schema are read here: no table is scanned at start-up.
            # A file that is not ours, or is from a newer app, is refused before anything in
            # it (even the journal mode in its header) is changed.
            self.backups_made += schema.migrate(conn, self.path)
            if not schema.has_expected_tables(conn):
                raise DamagedFileError("its tables are missing")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history: SQLite kept journal mode %s instead of WAL", mode)
            # After migrating: a migration that rebuilds a table needs foreign keys off.
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                conn.close()
                raise
            self._set_aside(conn, str(exc))
            raise DamagedFileError(str(exc)) from exc
        except DamagedFileError as exc:
            self._set_aside(conn, str(exc))
            raise
        except schema.UnknownDatabaseError as exc:
            # Not ours: nothing in it is history to salvage.
            self._move_aside(conn, str(exc))
            raise DamagedFileError(str(exc)) from exc
        except BaseException:
            conn.close()
            raise
        self.in_memory = False
        self.unavailable_reason = None
        return conn

    def _header_problem(self) -> str | None:
        """Why the file is plainly not an SQLite database, or None. An empty file is fine:
        SQLite makes a new database in it. A short one would be silently overwritten."""
        header = _read_header(self.path)
        if not header:
            return None
        if len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC):
            return "the file is not an SQLite database"
        return None

    def _companions_writable_again(self) -> None:
        """SQLite makes the -wal and -shm files with the database's permissions, and a
        read-only database leaves them behind read-only: once the user makes the file
        writable again, ours are made so too, or SQLite would still refuse every write."""
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError:
            return
        if not os.access(self.path, os.W_OK):
            return
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{self.path}{suffix}")
            with suppress(OSError):
                info = companion.lstat()
                if (
                    stat.S_ISREG(info.st_mode)
                    and info.st_uid == os.geteuid()
                    and not os.access(companion, os.W_OK)
                ):
                    companion.chmod(mode)
                    log.info("history: %s is writable again", companion)

    def _open_in_memory(self, reason: str) -> sqlite3.Connection:
        log.error("history: %s; keeping history in memory and trying the file later", reason)
        self.unavailable_reason = reason
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        schema.migrate(conn, None)
        if self._fill_memory is not None:
            self._fill_memory(conn)
        self.in_memory = True
        return conn

    def _aside_name(self) -> Path:
        stamp = datetime.fromtimestamp(self._clock.wall(), timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        base = f"{self.path.name}.corrupt-{stamp}"
        n = 0
        while True:
            name = base if n == 0 else f"{base}-{n}"
            candidate = self.path.with_name(name)
            taken = [Path(f"{candidate}{suffix}") for suffix in ("", *_COMPANIONS)]
            if not any(p.exists() for p in taken):
                return candidate
            n += 1

    def _set_aside(self, conn: sqlite3.Connection, reason: str) -> None:
        """Salvage what `conn` can still read into a new file, set the damaged one aside,
        and put the new one in its place. Salvage comes first: the damaged file's -wal is
        read through the open connection, and nothing is moved until the copy exists."""
        # Loaded only for a damaged file, never on an ordinary start.
        from backease_desktop.core.history import salvage

        partial = self.path.with_name(f"{self.path.name}.salvage.partial")
        partial.unlink(missing_ok=True)  # left by an earlier salvage that was cut short
        try:
            copied = salvage.salvage(conn, partial)
        except (OSError, sqlite3.Error) as exc:
            log.error("history: nothing could be salvaged from %s: %s", self.path, exc)
            copied = None
        if copied is None:
            partial.unlink(missing_ok=True)
        self._move_aside(conn, reason)
        if copied is not None:
            os.replace(partial, self.path)
            self.salvaged_rows = copied

    def _move_aside(self, conn: sqlite3.Connection | None, reason: str) -> None:
        """Set the damaged file and its companions aside under a new name, keeping every
        byte, and close `conn` if one is open on them.

        With no connection the files are renamed (companions first: a stale -wal left
        behind would be replayed into the fresh database). With one, they are copied
        first and removed after closing, because closing may still write to them (a
        checkpoint folds the -wal into the main file and deletes it); the -shm file is the
        one exception, SQLite has already rewritten it, and it only indexes the -wal."""
        log.error("history: %s is damaged (%s); moving it aside", self.path, reason)
        target = self._aside_name()
        files = [(Path(f"{self.path}{s}"), Path(f"{target}{s}")) for s in (*_COMPANIONS, "")]
        if conn is None:
            for source, aside in files:
                if source.exists():
                    os.replace(source, aside)
        else:
            try:
                for source, aside in files:
                    if source.exists():
                        shutil.copyfile(source, aside)
            finally:
                with suppress(sqlite3.Error):
                    conn.close()
            for source, _ in files:
                source.unlink(missing_ok=True)
        self.recovered_from = target
        log.error("history: the damaged file is now %s", target)

    def run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run one operation; if the file turns out to be damaged in the middle of a run,
        salvage it, set it aside and run the operation again on the new file."""
        conn = self.connection()
        try:
            return operation(conn)
        except sqlite3.DatabaseError as exc:
            if self.in_memory or not is_corruption(exc):
                raise
            self._conn = None
            try:
                self._set_aside(conn, str(exc))
                self._conn = self._open_file()
            except (
                OSError,
                sqlite3.Error,
                DamagedFileError,
                NotRegularFileError,
                schema.NewerSchemaError,
            ) as again:
                self._conn = self._open_in_memory(self._describe(DamagedFileError(str(again))))
            return operation(self._conn)
