"""The runtime folder, lock and socket checked like ssh checks its keys: a folder another
user could plant or read is refused for a fresh private one, a planted lock symlink is not
followed, and hostile messages on the socket neither crash a slot nor lock out launches."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from backease_desktop.cli import LaunchRequest
from backease_desktop.platform import single_instance
from backease_desktop.platform.single_instance import (
    HandOver,
    InstanceServer,
    claim_or_hand_over,
    lock_path,
    runtime_dir,
    socket_name,
)
from tests.helpers.instance import answer_from, connect_client, first_instance


@pytest.fixture
def short_runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder with a path short enough for a socket."""
    with tempfile.TemporaryDirectory(prefix="rt") as folder:
        monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
        yield Path(folder)


@pytest.fixture
def first(qapp: object, short_runtime: Path) -> Iterator[InstanceServer]:
    with first_instance() as server:
        yield server


def _is_private_and_ours(folder: Path) -> bool:
    info = os.lstat(folder)
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) == 0o700
    )


def test_a_runtime_folder_others_can_use_is_refused(short_runtime: Path) -> None:
    short_runtime.chmod(0o777)
    used = runtime_dir()
    assert used != short_runtime and _is_private_and_ours(used)
    assert lock_path().parent == used and Path(socket_name()).parent == used


def test_a_symlinked_runtime_folder_is_refused(short_runtime: Path, tmp_path: Path) -> None:
    link = Path(tempfile.mkdtemp(prefix="ln")) / "rt"
    link.symlink_to(short_runtime)
    os.environ["XDG_RUNTIME_DIR"] = str(link)
    used = runtime_dir()
    assert used not in (link, short_runtime) and _is_private_and_ours(used)


def test_a_fallback_folder_owned_by_another_user_is_refused(
    monkeypatch: pytest.MonkeyPatch, need_root: Callable[[str], None]
) -> None:
    need_root("chown of a folder to another user")
    base = Path(tempfile.mkdtemp(prefix="tmp"))
    planted = base / f"{single_instance.APP_ID}-{os.getuid()}"
    planted.mkdir(mode=0o700)
    os.chown(planted, 65534, 65534)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    used = runtime_dir()
    assert used != planted and _is_private_and_ours(used)


def test_a_planted_lock_symlink_is_not_followed(
    qapp: object, short_runtime: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    lock_path().symlink_to(victim)
    try:
        assert claim_or_hand_over(LaunchRequest()) is HandOver.FIRST  # starts anyway
    finally:
        single_instance.release()
    assert victim.read_text() == "keep" and lock_path().is_symlink()


def test_a_stale_path_that_is_not_a_socket_is_never_deleted(
    qapp: object, short_runtime: Path
) -> None:
    planted = Path(socket_name())
    planted.write_text("not a socket")
    server = InstanceServer()
    assert not server.listen()
    assert planted.read_text() == "not a socket"


def test_a_message_nested_60000_deep_is_refused_without_an_error(
    first: InstanceServer, qtbot: Any
) -> None:
    client = connect_client()
    client.setblocking(True)
    client.sendall(b"[" * 60_000 + b"\n")
    client.setblocking(False)
    with qtbot.assertNotEmitted(first.request_received):
        answered = answer_from(client, qtbot)
    assert answered.strip() == b"error"


def test_twenty_silent_connections_do_not_lock_out_a_launch(
    first: InstanceServer, qtbot: Any
) -> None:
    silent = []
    for _ in range(20):
        silent.append(connect_client())
        QCoreApplication.processEvents()  # accepted as they come, as by a running app
    qtbot.waitUntil(lambda: len(first._connections) >= 16, timeout=5000)
    launch = connect_client()
    with qtbot.waitSignal(first.request_received, timeout=5000) as received:
        launch.sendall(b'{"args": ["--topic", "diagnosis"]}\n')
    assert received.args[0] == LaunchRequest(topic="diagnosis")
    for client in [*silent, launch]:
        client.close()
