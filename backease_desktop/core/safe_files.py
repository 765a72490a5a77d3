"""One rule for every file the app reads or writes, so a hostile or broken path (a FIFO, a
device, a folder, a symlink, a huge file) gives one clear sentence instead of a hang, a
crash or a replaced device node.

Reads open only regular files: the file is opened without blocking (a FIFO would wait for a
writer forever) and checked with fstat on the opened descriptor (a check on the name could
be raced), and reading stops at a size cap (/dev/zero never ends). Writes go to a temporary
file in the same folder, which then replaces the target in one rename, so a reader sees the
old file or the new one, never half of one; anything at the target that is not a regular
file is refused, and a symlink to a regular file is written through (its target is
replaced, the link stays). Nothing here ever deletes a file that is not its own."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TypeVar

T = TypeVar("T")

# Every file the app reads is small (content files are capped at 1 MiB, settings a few kB).
DEFAULT_READ_LIMIT = 8 * 1024 * 1024


class UnsafePathError(OSError):
    """A path the app will not read or write; `str()` is one sentence naming the path."""

    def __init__(self, path: os.PathLike[str] | str, sentence: str) -> None:
        super().__init__(sentence)
        self.path = Path(path)
        self.sentence = sentence

    def __str__(self) -> str:
        return self.sentence


def kind_of(mode: int) -> str:
    """What is at a path (from its st_mode), in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def describe_os_error(path: os.PathLike[str] | str, exc: OSError, doing: str) -> str:
    """One sentence for an OSError: what could not be done to which path, and why."""
    if isinstance(exc, UnsafePathError):
        return exc.sentence
    reason = exc.strerror or str(exc)
    return f"cannot {doing} {os.fspath(path)}: {reason}"


# -- reading --------------------------------------------------------------------------------


def _refuse_unless_regular(path: os.PathLike[str] | str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise UnsafePathError(
            path, f"{os.fspath(path)} is {kind_of(mode)}, not a regular file; not read"
        )


@contextlib.contextmanager
def open_regular(path: os.PathLike[str] | str) -> Iterator[IO[bytes]]:
    """An open binary file at `path`, which must be a regular file (symlinks to one are
    followed). Raises UnsafePathError for anything else, OSError when it cannot be opened."""
    # Looked at by name first, so a device is not even opened (opening some has effects);
    # then checked again on the descriptor, which is what is really read.
    _refuse_unless_regular(path, os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # no effect on a regular file; tidy for the reader
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


def read_bytes(path: os.PathLike[str] | str, limit: int = DEFAULT_READ_LIMIT) -> bytes:
    """The whole of a regular file of at most `limit` bytes. Raises UnsafePathError when it
    is not a regular file or is larger, OSError when it cannot be read."""
    with open_regular(path) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnsafePathError(path, f"{os.fspath(path)} is larger than {limit:,} bytes; not read")
    return data


# -- writing --------------------------------------------------------------------------------


def write_target(path: os.PathLike[str] | str) -> Path:
    """The file a write to `path` really replaces: `path` itself (missing or a regular
    file), or the regular file a symlink at `path` points to. Raises UnsafePathError for
    anything else at the path: a folder, a FIFO, a device, a socket, a dangling link."""
    given = Path(path)
    try:
        info = os.lstat(given)
    except FileNotFoundError:
        return given
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(given))
        try:
            target_mode = os.lstat(real).st_mode
        except OSError:
            raise UnsafePathError(
                given,
                f"{given} is a symbolic link to {real}, which does not exist; "
                "not written (point the link at a file, or choose another name)",
            ) from None
        if not stat.S_ISREG(target_mode):
            raise UnsafePathError(
                given,
                f"{given} is a symbolic link to {kind_of(target_mode)} ({real}); not written",
            )
        return real
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(
            given, f"{given} is {kind_of(info.st_mode)}, not a regular file; not replaced"
        )
    return given


def write_atomic(
    path: os.PathLike[str] | str, fill: Callable[[IO[bytes]], T], *, make_parents: bool = False
) -> T:
    """Writes a file through `fill(stream)` into a temporary file beside the target and
    renames it over the target once complete and on disk; returns what `fill` returned.

    A failure (in `fill` too) leaves the target exactly as it was. A replaced file keeps
    its permission bits; a new one is private to the user (0600), as everything BackEase
    writes is personal."""

    def make(partial: Path) -> T:
        with partial.open("wb") as out:
            result = fill(out)
            out.flush()
            os.fsync(out.fileno())
        return result

    return write_via_path(path, make, make_parents=make_parents)


def write_via_path(
    path: os.PathLike[str] | str, make: Callable[[Path], T], *, make_parents: bool = False
) -> T:
    """As write_atomic(), for a writer that wants a file name rather than a stream (Qt's
    PDF writer): `make(partial)` writes the temporary file `partial`."""
    import tempfile  # writes are rare; its imports (random, shutil) would cost every start

    target = write_target(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    partial = Path(name)
    try:
        result = make(partial)
        # Checked again at the last moment: something may have appeared meanwhile.
        if write_target(target) != target:
            raise UnsafePathError(target, f"{target} changed while it was written; not replaced")
        with contextlib.suppress(FileNotFoundError):
            os.chmod(partial, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)  # our own temporary file, never the target
        raise
    _sync_folder(target.parent)
    return result


def write_bytes(path: os.PathLike[str] | str, data: bytes, *, make_parents: bool = False) -> None:
    """write_atomic() for data already in memory."""
    write_atomic(path, lambda out: out.write(data), make_parents=make_parents)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk only with the folder's entry; best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- folders --------------------------------------------------------------------------------


def folder_problem(folder: os.PathLike[str] | str) -> str | None:
    """Why an existing `folder` cannot be listed, as one sentence, or None when it can be
    (or does not exist: a missing folder is simply empty)."""
    path = os.fspath(folder)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return describe_os_error(path, exc, "open the folder")
    if not stat.S_ISDIR(info.st_mode):
        return f"{path} is {kind_of(info.st_mode)} where a folder belongs"
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return (
            f"cannot read the folder {path}: {exc.strerror or exc}; "
            "check its permissions (chmod u+rx)"
        )
    return None
