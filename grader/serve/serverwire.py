"""How the `grade` command and the background grading server speak: one JSON object per line
each way over a Unix socket, whose other end the kernel names (SO_PEERCRED). Every failure on
the way is `ServerUnavailable`: the command then grades in-process.

Imports nothing heavy: this runs before torch is loaded, in every `grade` invocation.
"""

from __future__ import annotations

import json
import socket
import struct

PROTOCOL = 2  # bumped whenever a request or reply changes; a server of another one is stopped
MAX_MESSAGE = 64 * 1024**2


class ServerUnavailable(Exception):
    """No server can be used this time; the message says why. `tell`: worth a note to the
    user (someone else's folder or socket), not just a busy or restarting server."""

    def __init__(self, message: str, tell: bool = False):
        super().__init__(message)
        self.tell = tell


def send(sock: socket.socket, message: dict) -> None:
    sock.sendall(json.dumps(message).encode() + b"\n")


def receive(sock: socket.socket, timeout: float | None) -> dict:
    """One newline-terminated JSON object; ServerUnavailable on EOF, timeout or garbage."""
    sock.settimeout(timeout)
    data = bytearray()
    try:
        while not data.endswith(b"\n"):
            chunk = sock.recv(1 << 16)
            if not chunk:
                raise ServerUnavailable("the server closed the connection")
            data += chunk
            if len(data) > MAX_MESSAGE:
                raise ServerUnavailable("the server's reply is too large")
    except (TimeoutError, socket.timeout):
        raise ServerUnavailable(f"no reply within {timeout:g} s") from None
    except OSError as exc:
        raise ServerUnavailable(f"the connection failed: {exc.strerror or exc}") from None
    try:
        message = json.loads(data)
    except ValueError:
        raise ServerUnavailable("the server's reply is not understood") from None
    if not isinstance(message, dict):
        raise ServerUnavailable("the server's reply is not understood")
    return message


def peer(sock: socket.socket) -> tuple[int, int]:
    """(pid, uid) of the process at the other end, as the kernel tells it."""
    pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                         struct.calcsize("3i")))
    return pid, uid
