"""One BackEase per user: a second launch hands its command line to the first and exits.

The first instance holds an advisory lock (flock) on a file in the user's runtime folder and
listens on a local socket beside it (QLocalServer). The kernel drops the lock when a process
ends, however it ends, so a crash leaves at most a socket file, which the next first instance
removes before listening. A later launch finds the lock taken, connects (QLocalSocket), sends
its arguments as one JSON line and waits for "ok"."""

from __future__ import annotations

import fcntl
import json
import logging
import os
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from backease_desktop import APP_ID
from backease_desktop.cli import LaunchRequest, build_parser
from backease_desktop.platform.signals import emit

if TYPE_CHECKING:
    # QtNetwork loads when a socket is needed: not before the first instance's first frame.
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000
# The first instance may still be starting (the lock is taken before Qt is up): keep trying
# to reach its socket for this long.
STARTUP_GRACE_MS = 8000
_MAX_REQUEST_BYTES = 64 * 1024

_held_lock: IO[bytes] | None = None


# A Unix socket's path must fit in sockaddr_un (108 bytes on Linux, 104 elsewhere).
_MAX_SOCKET_PATH = 100


def _private_temp_dir() -> Path:
    import tempfile  # rarely needed; not loaded on every start

    folder = Path(tempfile.gettempdir()) / f"{APP_ID}-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR (private to the user, cleared at logout), or a private folder in
    the temporary directory where there is none."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime)
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
    handle = lock_path().open("a+b")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return _send(request.to_args())
    _held_lock = handle
    return HandOver.FIRST


def release() -> None:
    """Gives up being the first instance (for tests; a real exit releases it anyway)."""
    global _held_lock
    if _held_lock is not None:
        _held_lock.close()
        _held_lock = None


def _send(args: list[str]) -> HandOver:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    waited_ms = 0
    while True:
        socket.connectToServer(socket_name())
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            break
        # Not listening yet (starting up) or, rarely, gone between our lock check and now.
        waited_ms += CONNECT_TIMEOUT_MS
        if waited_ms >= STARTUP_GRACE_MS:
            log.warning("single instance: the running BackEase did not answer")
            return HandOver.NO_ANSWER
        socket.abort()
        _pause_ms(min(250, STARTUP_GRACE_MS - waited_ms))
        waited_ms += 250
    socket.write((json.dumps({"args": args}) + "\n").encode())
    socket.flush()
    answered = b""
    while b"\n" not in answered and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
        answered += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    if answered.strip() == b"ok":
        return HandOver.DELIVERED
    log.warning("single instance: unexpected answer %r", answered[:80])
    return HandOver.NO_ANSWER


def _pause_ms(ms: int) -> None:
    # Before the QApplication exists there is no event loop to wait in; select() on nothing
    # is a plain sleep that an interrupted system call cannot cut short silently.
    import select

    select.select([], [], [], ms / 1000.0)


def request_from_args(args: list[str]) -> LaunchRequest | None:
    """A second launch's command line as a LaunchRequest; None when it does not parse."""
    from backease_desktop.core.intervals import parse_interval

    parser = build_parser()
    try:
        parsed = parser.parse_args(args)
        interval = None if parsed.break_interval is None else parse_interval(parsed.break_interval)
    except (SystemExit, ValueError):
        return None
    return LaunchRequest(
        topic=parsed.topic, routine=parsed.routine, tray=parsed.tray, break_interval_s=interval
    )


class InstanceServer(QObject):
    """Listens for later launches; `request_received` carries each one's LaunchRequest."""

    request_received = Signal(object)  # LaunchRequest

    def __init__(self, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        name = socket_name()
        # A socket file left by a crashed instance would make listen() fail; we hold the
        # lock, so nobody else is using it.
        self.server.removeServer(name)
        if not self.server.listen(name):
            log.warning("single instance: cannot listen on %s: %s", name, self.server.errorString())
            return False
        return True

    def close(self) -> None:
        self.server.close()

    def _on_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > _MAX_REQUEST_BYTES:
                socket.abort()
                self._forget(socket)
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        request = None
        try:
            message = json.loads(line)
            args = message.get("args") if isinstance(message, dict) else None
            if isinstance(args, list) and all(isinstance(a, str) for a in args):
                request = request_from_args(args)
        except ValueError:
            pass
        socket.write(b"ok\n" if request is not None else b"error\n")
        socket.flush()
        socket.disconnectFromServer()
        if request is not None:
            asked = request.to_args() or "the window"
            log.info("single instance: another launch asked for %s", asked)
            emit(self.request_received, request)
        else:
            log.warning("single instance: ignored a request that did not parse: %r", line[:200])

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
