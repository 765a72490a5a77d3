"""Why the history cannot be saved at the moment, in words the user can act on, and when
to try again: a lock, a full disk or a read-only file passes, so records wait in memory and
the store retries on a schedule of deadlines from the clock."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from enum import Enum

from backease_desktop.core.clock import Clock


class ProblemKind(Enum):
    LOCKED = "locked"  # another program holds the write lock
    FULL = "full"  # no space left (SQLITE_FULL, ENOSPC)
    READ_ONLY = "read-only"  # the file or its folder cannot be written
    DISK_ERROR = "disk error"  # SQLITE_IOERR: often a full disk seen through mmap
    UNAVAILABLE = "unavailable"  # no file can be used: history is kept in memory


@dataclass(frozen=True)
class SaveProblem:
    """What keeps records from the file. `reason` is one calm clause for the UI and the
    log; the connection must be opened afresh before the next try when `reconnect`."""

    kind: ProblemKind
    reason: str
    reconnect: bool = False


def _errno(exc: BaseException) -> int | None:
    return exc.errno if isinstance(exc, OSError) else None


def classify(exc: BaseException, what: str = "the history file") -> SaveProblem:
    """The problem behind an sqlite3 or OS error raised by a write to `what` (the words
    that name the file, its path included where the caller has it)."""
    name = str(getattr(exc, "sqlite_errorname", ""))  # Python 3.11+
    message = str(exc).lower()
    number = _errno(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in message:
        return SaveProblem(ProblemKind.LOCKED, f"another program is using {what}")
    if (
        name.startswith("SQLITE_FULL")
        or number in (errno.ENOSPC, errno.EDQUOT)
        or ("is full" in message)
    ):
        return SaveProblem(
            ProblemKind.FULL,
            f"the disk holding {what} is full; freeing some space lets BackEase save again",
        )
    if (
        name.startswith("SQLITE_READONLY")
        or number in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in message
        or "read-only" in message
    ):
        return SaveProblem(
            ProblemKind.READ_ONLY,
            f"{what} cannot be written to; making it writable lets BackEase save again",
            reconnect=True,
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in message:
        return SaveProblem(
            ProblemKind.DISK_ERROR,
            f"the disk holding {what} reported an error (it may be full)",
            reconnect=True,
        )
    return SaveProblem(
        ProblemKind.DISK_ERROR, f"{what} could not be written ({exc})", reconnect=True
    )


def unmasked(exc: BaseException) -> BaseException:
    """The error behind "cannot commit - no transaction is active": SQLite rolls back by
    itself after a disk I/O error, and the COMMIT that follows then hides the real cause."""
    if "no transaction is active" in str(exc) and isinstance(exc.__context__, sqlite3.Error):
        return exc.__context__
    return exc


# Seconds between tries: soon at first (a lock is usually brief), then once a minute.
RETRY_DELAYS_S = (2.0, 5.0, 15.0, 30.0, 60.0)


class RetrySchedule:
    """The next time to try the file again, as a deadline on the monotonic clock."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._failures = 0
        self.due_at: float | None = None

    def failed(self) -> None:
        """A try failed (or the first record had to wait): the next one comes later."""
        delay = RETRY_DELAYS_S[min(self._failures, len(RETRY_DELAYS_S) - 1)]
        self._failures += 1
        self.due_at = self._clock.monotonic() + delay

    def clear(self) -> None:
        self._failures = 0
        self.due_at = None

    def is_due(self) -> bool:
        return self.due_at is not None and self._clock.monotonic() >= self.due_at
