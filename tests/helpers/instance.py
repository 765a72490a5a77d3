"""This test process as the running BackEase's single-instance server, and a raw client on
its socket, as a second launch (or something hostile) would talk to it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from backease_desktop.launch import LaunchRequest
from backease_desktop.platform import single_instance
from backease_desktop.platform.single_instance import (
    HandOver,
    InstanceServer,
    claim_or_hand_over,
    socket_name,
)


@contextmanager
def first_instance() -> Iterator[InstanceServer]:
    """The claim and a listening server for the block; both given up after it."""
    assert claim_or_hand_over(LaunchRequest()) is HandOver.FIRST
    server = InstanceServer()
    assert server.listen()
    try:
        yield server
    finally:
        server.close()
        single_instance.release()


def connect_client() -> socket.socket:
    """A non-blocking connection to the running instance's socket."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(socket_name())
    client.setblocking(False)
    return client


def answer_from(client: socket.socket, qtbot: Any) -> bytes:
    """What the first instance answers before it closes the connection, read while its event
    loop runs."""
    answered = bytearray()

    def closed_after_answer() -> bool:
        try:
            chunk = client.recv(100)
        except BlockingIOError:
            return False
        answered.extend(chunk)
        return not chunk

    qtbot.waitUntil(closed_after_answer, timeout=5000)
    return bytes(answered)
