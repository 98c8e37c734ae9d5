"""The `grade` command's side of the background grading server (the server is `server.py`).

`grade ex3` first asks a server that already holds torch, a zygote and the collected
checks (~0.2 s instead of ~1.6 s); if none is running it starts one and lets it grade this
first request. Whatever goes wrong on the way (no safe place for the socket, a socket of
another user or of a dead process, a server of another version, a full disk, a crash
mid-grade) ends in `None`: the caller grades in-process, never with a wrong grade.

Where its files live (`serverfiles`), the fingerprints a stale server is found by
(`fingerprints`) and the messages (`serverwire`) are modules of their own.

Imports nothing heavy: this runs before torch is loaded, in every `grade` invocation.
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from grader.serve.fingerprints import engine_fingerprint
from grader.serve.serverfiles import Place, private_dir, read_key, readable_by_workers
# ServerUnavailable: used by grader.cli (and grader.jupyter) too, as serverlink.ServerUnavailable
from grader.serve.serverwire import PROTOCOL, ServerUnavailable, peer, receive, send

IDLE_SECONDS = 900  # a server stops by itself after this long without a request
START_SECONDS = 10  # how long a new server may take to listen


class ServerSuiteError(Exception):
    """The server could not run the check suites: the course is broken, not the server."""


# ---------------------------------------------------------------- whether, and for how long


def enabled() -> bool:
    """GRADER_SERVER=0 turns the server off (tests, CI, debugging): grading stays in-process."""
    return os.environ.get("GRADER_SERVER", "1") not in ("0", "off", "no", "false")


def idle_seconds() -> float:
    try:
        return float(os.environ.get("GRADER_SERVER_IDLE", IDLE_SECONDS))
    except ValueError:
        return IDLE_SECONDS


# ---------------------------------------------------------------- reaching a server


def connect(place: Place) -> socket.socket | None:
    """A connection to the running server, or None when there is none (no socket, or one
    left by a dead process). Refuses a server run by another user."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(2)
        sock.connect(str(place.socket))
    except (FileNotFoundError, ConnectionRefusedError):
        sock.close()
        return None
    except OSError as exc:
        sock.close()
        raise ServerUnavailable(f"cannot reach the server: {exc.strerror or exc}") from None
    _pid, uid = peer(sock)
    if uid != os.geteuid():
        sock.close()
        raise ServerUnavailable(f"the server at {place.socket} runs as another user (uid {uid})", tell=True)
    return sock


def start(place: Place) -> socket.socket:
    """Start a server (the lock keeps two `grade` commands from starting two) and connect."""
    if readable_by_workers(place.folder):
        raise ServerUnavailable(f"{place.folder} can be read by graded code: no server there (its key would "
                                "leak)", tell=True)
    with open(place.lock, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sock = connect(place)  # another `grade` may have started one while this one waited
        if sock is not None:
            return sock
        try:
            place.socket.unlink()  # a dead server's socket
        except FileNotFoundError:
            pass
        _launch(place)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            sock = connect(place)
            if sock is not None:
                return sock
            time.sleep(0.01)
    raise ServerUnavailable(f"the server did not start within {START_SECONDS} s (see {place.log})")


def _launch(place: Place) -> None:
    """The server process, in a session of its own (a terminal's Ctrl-C is not for it)."""
    with open(place.log, "wb") as log:  # the last server's words only
        subprocess.Popen([sys.executable, "-m", "grader.serve.server", str(place.socket), str(idle_seconds()),
                          engine_fingerprint()],
                         stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd="/",
                         start_new_session=True, close_fds=True)


def stop_process(pid: int) -> None:
    """End a server that cannot be asked (another version, or not answering)."""
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass


# ---------------------------------------------------------------- what `grade` asks


def grade(course_root: Path, exercises: list[str], folder: Path, required_layers: tuple,
          timeout: float) -> list:
    """Grade on the server (starting one if needed): the ExerciseResults, or
    ServerUnavailable (grade in-process instead) or ServerSuiteError (the course is broken)."""
    try:
        return _grade(course_root, exercises, folder, required_layers, timeout)
    except OSError as exc:  # a full disk, a folder that vanished, a socket error: grade in-process
        raise ServerUnavailable(f"the server could not be used: {exc.strerror or exc}") from None


def _grade(course_root: Path, exercises: list[str], folder: Path, required_layers: tuple,
           timeout: float) -> list:
    from grader.core.results import ExerciseResult

    place = Place(private_dir())
    request = {"op": "grade", "protocol": PROTOCOL, "engine": engine_fingerprint(), "course": str(course_root),
               "exercises": exercises,
               "folder": str(folder.resolve()), "required_layers": list(required_layers)}
    for _attempt in range(2):  # a stale server is replaced once
        sock = connect(place) or start(place)
        with sock:
            server_pid, _uid = peer(sock)
            try:
                send(sock, dict(request, key=read_key(place.key)))
            except OSError as exc:
                raise ServerUnavailable(f"the server did not take the request: {exc.strerror or exc}") from None
            reply = receive(sock, timeout + START_SECONDS * 6)  # a new server imports torch first
        status = reply.get("status")
        if status == "stale" or reply.get("protocol") != PROTOCOL:
            stop_process(server_pid)  # it stops by itself when it can; this is for older ones
            _wait_gone(server_pid)
            continue
        if status == "ok":
            try:
                return [ExerciseResult.from_json(r) for r in reply["results"]]
            except (KeyError, TypeError, ValueError):
                raise ServerUnavailable("the server's results are not understood") from None
        if status == "suite_error":
            raise ServerSuiteError(str(reply.get("message", "")))
        if status == "refused":  # our key and the server's differ: not a server of ours to trust
            stop_process(server_pid)
            raise ServerUnavailable("the server refused this grade's key", tell=True)
        raise ServerUnavailable(str(reply.get("message") or f"the server answered {status!r}"))
    raise ServerUnavailable("the server kept reporting it is out of date")


def running(pid: int) -> bool:
    """Whether the process runs (an exited one that nobody reaped yet, a zombie, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError as exc:
            return exc.errno != errno.ESRCH
        return True


def _wait_gone(pid: int, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.02)


def _ask(op: str) -> tuple[int, dict] | None:
    """Send `op` to the running server: (its pid, its reply), or None when none runs. A
    server that does not answer replies {"status": "not answering"}."""
    place = Place(private_dir())
    sock = connect(place)
    if sock is None:
        return None
    with sock:
        pid, _uid = peer(sock)
        try:
            send(sock, {"op": op, "protocol": PROTOCOL, "key": read_key(place.key)})
            return pid, receive(sock, 5)
        except (OSError, ServerUnavailable) as exc:
            return pid, {"status": "not answering", "message": str(exc)}


def status() -> dict | None:
    """What the running server says of itself, or None when none runs."""
    asked = _ask("status")
    if asked is None:
        return None
    pid, reply = asked
    reply.setdefault("pid", pid)
    return reply


def stop() -> int | None:
    """Stop the running server (it finishes the grade in hand first); its pid, or None."""
    asked = _ask("stop")
    if asked is None:
        return None
    pid, reply = asked
    if reply.get("status") != "stopping":  # not answering, or a version that does not know `stop`
        stop_process(pid)
    _wait_gone(pid, 30)
    return pid
