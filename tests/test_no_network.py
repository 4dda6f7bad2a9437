"""The guard in conftest.py works: no test can reach the network, local sockets still work."""

from __future__ import annotations

import socket

import pytest

# conftest.NetworkBlocked, matched by its message (conftest modules are not for importing).
BLOCKED = (RuntimeError,)
MESSAGE = "must make no network connection"


def test_connecting_to_the_loopback_address_is_refused():
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(BLOCKED, match=MESSAGE),
    ):
        sock.connect(("127.0.0.1", 9))


def test_connect_ex_and_create_connection_are_refused_too():
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock,
        pytest.raises(BLOCKED, match=MESSAGE),
    ):
        sock.connect_ex(("127.0.0.1", 9))
    with pytest.raises(BLOCKED, match=MESSAGE):
        socket.create_connection(("localhost", 80), timeout=1)
    with pytest.raises(BLOCKED, match=MESSAGE):
        socket.create_connection(("::1", 80), timeout=1)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no local sockets here")
def test_local_sockets_still_work(tmp_path):
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            conn, _ = server.accept()
            with conn:
                client.sendall(b"hi")
                assert conn.recv(2) == b"hi"
