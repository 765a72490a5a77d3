"""One BackEase per user: a second launch hands its command line to the running one, and
what a crash leaves behind does not block the next start."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QProcess

from backease_desktop.launch import LaunchRequest, request_from_args
from backease_desktop.platform import single_instance
from backease_desktop.platform.single_instance import (
    HandOver,
    InstanceServer,
    claim_or_hand_over,
    lock_path,
    socket_name,
)
from tests.helpers.instance import answer_from, connect_client, first_instance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def first(qapp: object) -> Iterator[InstanceServer]:
    """This test process as the running BackEase."""
    with first_instance() as server:
        yield server


def second_launch(*args: str) -> QProcess:
    """`backease ARGS` as a user would start it, while this process is the first one."""
    process = QProcess()
    process.setWorkingDirectory(str(ROOT))
    process.start(sys.executable, ["-m", "backease_desktop", *args])
    return process


def test_socket_and_lock_are_per_user_in_the_runtime_folder(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="run") as short:  # private (0700), short
        monkeypatch.setenv("XDG_RUNTIME_DIR", short)
        assert socket_name() == f"{short}/io.github.backease.BackEase.socket"
        assert lock_path() == Path(short) / "io.github.backease.BackEase.lock"


def test_a_runtime_folder_too_deep_for_a_socket_gets_a_short_private_name(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = profile / ("d" * 90)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    name = socket_name()
    assert len(name) <= 100
    assert Path(name).parent.stat().st_mode & 0o777 == 0o700


def test_second_launch_hands_over_its_request_and_exits(first: InstanceServer, qtbot: Any) -> None:
    with qtbot.waitSignal(first.request_received, timeout=20_000) as received:
        process = second_launch("--topic", "during-a-spasm", "--break-interval", "45s")
    assert received.args[0] == LaunchRequest(topic="during-a-spasm", break_interval_s=45.0)
    assert process.waitForFinished(20_000)
    assert process.exitCode() == 0


def test_plain_second_launch_asks_to_raise_the_window(first: InstanceServer, qtbot: Any) -> None:
    with qtbot.waitSignal(first.request_received, timeout=20_000) as received:
        process = second_launch()
    assert received.args[0] == LaunchRequest()
    assert process.waitForFinished(20_000)


def test_garbage_on_the_socket_is_refused(first: InstanceServer, qtbot: Any) -> None:
    client = connect_client()
    with qtbot.assertNotEmitted(first.request_received):
        client.sendall(b'{"args": ["--no-such-option"]}\n')
        assert answer_from(client, qtbot).strip() == b"error"


def test_a_request_sent_in_pieces_is_read_whole(first: InstanceServer, qtbot: Any) -> None:
    client = connect_client()
    with qtbot.waitSignal(first.request_received, timeout=5000) as received:
        client.sendall(b'{"args": ["--top')
        QCoreApplication.processEvents()  # the first piece is read on its own
        client.sendall(b'ic", "diagnosis"]}\n')
    assert received.args[0] == LaunchRequest(topic="diagnosis")
    assert answer_from(client, qtbot).strip() == b"ok"


def test_only_this_user_may_talk_to_the_socket(first: InstanceServer) -> None:
    assert os.stat(socket_name()).st_mode & 0o777 == 0o600


def test_closing_removes_the_socket_file(first: InstanceServer) -> None:
    first.close()
    assert not os.path.exists(socket_name())


def test_a_stale_socket_left_by_a_crash_does_not_block_the_start(qapp: object) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(socket_name())  # bound, never listened on, then abandoned
    stale.close()
    assert os.path.exists(socket_name())
    try:
        assert claim_or_hand_over(LaunchRequest()) is HandOver.FIRST
        server = InstanceServer()
        assert server.listen()
        server.close()
    finally:
        single_instance.release()


def test_a_crashed_first_instance_leaves_no_lock(qapp: object) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from backease_desktop.launch import LaunchRequest\n"
            "from backease_desktop.platform.single_instance import claim_or_hand_over\n"
            "print(claim_or_hand_over(LaunchRequest()).value, flush=True)\n"
            "sys.stdin.read()\n",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "first"
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    try:
        assert claim_or_hand_over(LaunchRequest()) is HandOver.FIRST
    finally:
        single_instance.release()


@pytest.mark.parametrize(
    ("args", "request_"),
    [
        ([], LaunchRequest()),
        (["--tray"], LaunchRequest(tray=True)),
        (["--routine", "desk-break"], LaunchRequest(routine="desk-break")),
        (["--break-interval", "1h"], LaunchRequest(break_interval_s=3600.0)),
    ],
)
def test_request_reads_back_from_its_arguments(args: list[str], request_: LaunchRequest) -> None:
    assert request_from_args(request_.to_args()) == request_
    assert request_from_args(args) == request_


def test_request_with_a_bad_interval_is_none() -> None:
    assert request_from_args(["--break-interval", "3s"]) is None


def test_a_launch_that_connects_and_says_nothing_is_dropped(
    first: InstanceServer, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "CLIENT_TIMEOUT_MS", 0)
    client = connect_client()
    assert answer_from(client, qtbot) == b""  # closed by the server, with nothing said


def test_a_failing_accept_does_not_spin(first: InstanceServer, qtbot: Any) -> None:
    # Out of file descriptors, accept() fails while the listener stays readable.
    listener = first._listener
    assert listener is not None
    attempts: list[int] = []

    class Exhausted:
        def accept(self) -> None:
            attempts.append(1)
            raise OSError(errno.EMFILE, "Too many open files")

    first._listener = Exhausted()  # type: ignore[assignment]
    try:
        client = connect_client()
        for _ in range(50):
            QCoreApplication.processEvents()
        assert 1 <= len(attempts) <= 2
        client.close()
    finally:
        first._listener = listener


def test_the_socket_file_goes_when_the_app_quits(tmp_path: Path) -> None:
    script = (
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from backease_desktop.launch import LaunchRequest\n"
        "from backease_desktop.platform.single_instance import *\n"
        "app = QCoreApplication([])\n"
        "assert claim_or_hand_over(LaunchRequest()) is HandOver.FIRST\n"
        "server = InstanceServer()\n"
        "assert server.listen()\n"
        "print(socket_name(), flush=True)\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"XDG_RUNTIME_DIR": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == tmp_path
    assert not path.exists()
