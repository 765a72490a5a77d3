"""One BackEase per user: a second launch hands its command line to the first and exits.

The first instance holds an advisory lock (flock) on a file in the user's runtime folder and
listens on a Unix socket beside it, watched by Qt's event loop (QSocketNotifier). The kernel
drops the lock when a process ends, however it ends, so a crash leaves at most a socket file,
which the next first instance removes before listening. A later launch finds the lock taken,
connects, sends its arguments as one JSON line and waits for "ok".

Plain sockets rather than QLocalServer: Qt Network and the Kerberos libraries it pulls in
would cost a tray app about 2 MB of resident memory all day for one short message a launch."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import stat
import time
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Signal

from backease_desktop import APP_ID
from backease_desktop.launch import LaunchRequest, request_from_args

if TYPE_CHECKING:
    # Loaded when a socket is needed: not before the first instance's first frame.
    import socket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000
# The first instance may still be starting (the lock is taken before Qt is up): keep trying
# to reach its socket for this long.
STARTUP_GRACE_MS = 8000
_MAX_REQUEST_BYTES = 64 * 1024
# A later launch sends its line at once; one that connects and says nothing is dropped after
# this long, and no more than this many are heard at a time.
CLIENT_TIMEOUT_MS = 5000
_MAX_CLIENTS = 16
# After accept() fails for want of resources (no file descriptors left), the listener
# rests this long: it stays readable, and retrying at once would spin.
ACCEPT_RETRY_MS = 1000

_held_lock: IO[bytes] | None = None


# A Unix socket's path must fit in sockaddr_un (108 bytes on Linux, 104 elsewhere).
_MAX_SOCKET_PATH = 100


# Folders refused this run, and the fresh private folder used in place of each, so the
# lock and the socket of one process always land in the same place.
_replacements: dict[Path, Path] = {}


def folder_problem(folder: Path) -> str | None:
    """Why `folder` may not hold the lock and the socket, as ssh judges its keys' folder:
    it must be a real folder (not a symlink), owned by this user, and private (0700)."""
    try:
        info = os.lstat(folder)
    except OSError as error:
        return f"{folder} cannot be used: {error.strerror or error}"
    if stat.S_ISLNK(info.st_mode):
        return f"{folder} is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != os.getuid():
        return f"{folder} belongs to another user (uid {info.st_uid})"
    if stat.S_IMODE(info.st_mode) & 0o077:
        return f"{folder} can be used by other users (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _checked(folder: Path) -> Path:
    """`folder` if it is safe, else a fresh private folder for this run (and a warning)."""
    problem = folder_problem(folder)
    if problem is None:
        return folder
    fresh = _replacements.get(folder)
    if fresh is None or folder_problem(fresh) is not None:
        import tempfile

        fresh = Path(tempfile.mkdtemp(prefix=f"{APP_ID}-{os.getuid()}-"))
        _replacements[folder] = fresh
        log.warning(
            "single instance: refusing the runtime folder %s; using %s for this run "
            "(a second BackEase may not find this one). Remove or fix the folder.",
            problem,
            fresh,
        )
    return fresh


def _private_temp_dir() -> Path:
    import tempfile  # rarely needed; not loaded on every start

    folder = Path(tempfile.gettempdir()) / f"{APP_ID}-{os.getuid()}"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700)
    return _checked(folder)


def runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR (private to the user, cleared at logout), or a private folder in
    the temporary directory where there is none. Either is checked first (see
    folder_problem) and replaced by a fresh private folder if it may not be trusted:
    another user who could create or read it could take every launch's request."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return _checked(Path(runtime))
    return _private_temp_dir()


def socket_name() -> str:
    path = runtime_dir() / f"{APP_ID}.socket"
    if len(os.fsencode(path)) <= _MAX_SOCKET_PATH:
        return str(path)
    # A runtime folder too deep for a socket: a short name, still one per runtime folder.
    # hashlib loads OpenSSL's libcrypto (3 MB resident): imported only on this rare path.
    import hashlib

    digest = hashlib.sha256(os.fsencode(runtime_dir())).hexdigest()[:12]
    return str(_private_temp_dir() / f"backease-{digest}.socket")


def lock_path() -> Path:
    return runtime_dir() / f"{APP_ID}.lock"


class HandOver(Enum):
    FIRST = "first"  # no other instance: this one runs
    DELIVERED = "delivered"  # the running instance took the request
    NO_ANSWER = "no_answer"  # one is running but did not answer


def claim_or_hand_over(request: LaunchRequest) -> HandOver:
    """Becomes the first instance (holding the lock until the process ends), or hands
    `request` to the one already running."""
    global _held_lock
    if _held_lock is not None:
        return HandOver.FIRST
    try:
        handle = _open_lock(lock_path())
    except OSError as error:
        # Without a lock this start cannot tell whether another runs; starting anyway beats
        # never starting.
        log.warning("single instance: %s; starting without the one-instance check", error)
        return HandOver.FIRST
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return _send(request.to_args())
    _held_lock = handle
    return HandOver.FIRST


def _open_lock(path: Path) -> IO[bytes]:
    """The lock file, opened without following a symlink, and only if it is a regular
    file of this user's (a planted link or FIFO is refused with OSError)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        raise OSError(error.errno, f"cannot open the lock file {path}: {error.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        raise OSError(f"the lock file {path} is not a regular file of this user's")
    return os.fdopen(fd, "a+b")


def release() -> None:
    """Gives up being the first instance (for tests; a real exit releases it anyway)."""
    global _held_lock
    if _held_lock is not None:
        _held_lock.close()
        _held_lock = None


def _send(args: list[str]) -> HandOver:
    # Loaded by the hand-over only: a first instance starts without them.
    import json
    import socket

    deadline = time.monotonic() + STARTUP_GRACE_MS / 1000
    while True:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(CONNECT_TIMEOUT_MS / 1000)
        try:
            client.connect(socket_name())
            break
        except OSError:
            # Not listening yet (starting up) or, rarely, gone between our lock check and now.
            client.close()
            if time.monotonic() >= deadline:
                log.warning("single instance: the running BackEase did not answer")
                return HandOver.NO_ANSWER
            _pause_ms(250)
    with client:
        try:
            client.sendall((json.dumps({"args": args}) + "\n").encode())
            client.settimeout(ANSWER_TIMEOUT_MS / 1000)
            answered = b""
            while b"\n" not in answered and len(answered) < 80:
                chunk = client.recv(80)
                if not chunk:
                    break
                answered += chunk
        except OSError as error:
            log.warning("single instance: the running BackEase did not answer: %s", error)
            return HandOver.NO_ANSWER
    if answered.strip() == b"ok":
        return HandOver.DELIVERED
    log.warning("single instance: unexpected answer %r", answered[:80])
    return HandOver.NO_ANSWER


def _pause_ms(ms: int) -> None:
    # Before the QApplication exists there is no event loop to wait in; select() on nothing
    # is a plain sleep that an interrupted system call cannot cut short silently.
    import select

    select.select([], [], [], ms / 1000.0)


class _Connection:
    """One later launch talking to us: its socket, what it has sent so far, the notifier
    that says when it sends more, and the timer that gives up on it."""

    def __init__(self, sock: socket.socket, parent: QObject) -> None:
        self.sock = sock
        self.received = b""
        self.notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, parent)
        self.timeout = QTimer(parent)
        self.timeout.setSingleShot(True)
        self.timeout.start(CLIENT_TIMEOUT_MS)

    def close(self) -> None:
        self.timeout.stop()
        self.timeout.deleteLater()
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        self.sock.close()


class InstanceServer(QObject):
    """Listens for later launches; `request_received` carries each one's LaunchRequest."""

    request_received = Signal(object)  # LaunchRequest

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._path = ""
        self._connections: dict[int, _Connection] = {}
        # Like any socket file, it goes when the app ends normally (a crash leaves it for
        # the next first instance to remove).
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def listen(self) -> bool:
        import socket

        self.close()
        path = socket_name()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # A socket file left by a crashed instance would make bind() fail; we hold the
            # lock, so nobody else is using it.
            _remove_stale_socket(path)
            listener.bind(path)
            os.chmod(path, 0o600)  # this user's launches only
            listener.listen(8)
        except OSError as error:
            listener.close()
            log.warning("single instance: cannot listen on %s: %s", path, error)
            return False
        listener.setblocking(False)
        self._listener, self._path = listener, path
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for fd in list(self._connections):
            self._drop(fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._path)

    def _accept(self) -> None:
        while self._listener is not None:
            try:
                sock, _ = self._listener.accept()
            except BlockingIOError:
                return
            except OSError as error:
                log.warning("single instance: accept failed, pausing: %s", error)
                self._pause_accepting()
                return
            if len(self._connections) >= _MAX_CLIENTS:
                # Room for the newcomer at the expense of the one silent longest: a real
                # launch sends its line at once, so connections that only wait (however
                # many a process opens) can delay a launch but never lock every one out.
                self._drop(next(iter(self._connections)))
            sock.setblocking(False)
            connection = _Connection(sock, self)
            fd = sock.fileno()
            self._connections[fd] = connection
            connection.notifier.activated.connect(lambda *_, fd=fd: self._read(fd))
            connection.timeout.timeout.connect(lambda fd=fd: self._drop(fd))

    def _pause_accepting(self) -> None:
        notifier = self._notifier
        if notifier is not None:
            notifier.setEnabled(False)
            QTimer.singleShot(ACCEPT_RETRY_MS, notifier, lambda: notifier.setEnabled(True))

    def _read(self, fd: int) -> None:
        connection = self._connections.get(fd)
        if connection is None:
            return
        try:
            chunk = connection.sock.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the other end went away before sending a whole line
            self._drop(fd)
            return
        data = connection.received + chunk
        if b"\n" not in data:
            if len(data) > _MAX_REQUEST_BYTES:
                with contextlib.suppress(OSError):
                    connection.sock.send(b"error\n")
                self._drop(fd)
            else:
                connection.received = data
            return
        line = data.split(b"\n", 1)[0]
        request = _parse_request(line)
        # A few bytes into a fresh socket's empty buffer: the send cannot block.
        with contextlib.suppress(OSError):
            connection.sock.send(b"ok\n" if request is not None else b"error\n")
        self._drop(fd)
        if request is not None:
            asked = request.to_args() or "the window"
            log.info("single instance: another launch asked for %s", asked)
            self.request_received.emit(request)
        else:
            log.warning("single instance: ignored a request that did not parse: %r", line[:200])

    def _drop(self, fd: int) -> None:
        connection = self._connections.pop(fd, None)
        if connection is not None:
            connection.close()


def _remove_stale_socket(path: str) -> None:
    """Removes a socket file left by a crash; anything else at the path is left alone (and
    bind() then fails with a warning): nothing but our own socket is ever deleted."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
        os.unlink(path)


def _parse_request(line: bytes) -> LaunchRequest | None:
    """The LaunchRequest in one line of JSON ({"args": [...]}), or None."""
    import json

    try:
        message = json.loads(line)
    except (ValueError, RecursionError):  # 60,000 "[" nest deeper than json can follow
        return None
    args = message.get("args") if isinstance(message, dict) else None
    if isinstance(args, list) and all(isinstance(a, str) for a in args):
        return request_from_args(args)
    return None
