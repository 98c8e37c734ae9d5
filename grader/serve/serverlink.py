"""The `grade` command's side of the background grading server (the server is `server.py`).

`grade ex3` first asks a server that already holds torch, a zygote and the collected
checks (~0.2 s instead of ~1.6 s); if none is running it starts one and lets it grade this
first request. Whatever goes wrong on the way (no safe place for the socket, a socket of
another user or of a dead process, a server of another version, a full disk, a crash
mid-grade) ends in `None`: the caller grades in-process, never with a wrong grade.

Imports nothing heavy: this runs before torch is loaded, in every `grade` invocation.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROTOCOL = 2  # bumped whenever a request or reply changes; a server of another one is stopped
IDLE_SECONDS = 900  # a server stops by itself after this long without a request
START_SECONDS = 10  # how long a new server may take to listen
MAX_MESSAGE = 64 * 1024**2

GRADER_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage


class ServerUnavailable(Exception):
    """No server can be used this time; the message says why. `tell`: worth a note to the
    user (someone else's folder or socket), not just a busy or restarting server."""

    def __init__(self, message: str, tell: bool = False):
        super().__init__(message)
        self.tell = tell


class ServerSuiteError(Exception):
    """The server could not run the check suites: the course is broken, not the server."""


# ---------------------------------------------------------------- where and who


def enabled() -> bool:
    """GRADER_SERVER=0 turns the server off (tests, CI, debugging): grading stays in-process."""
    return os.environ.get("GRADER_SERVER", "1") not in ("0", "off", "no", "false")


def idle_seconds() -> float:
    try:
        return float(os.environ.get("GRADER_SERVER_IDLE", IDLE_SECONDS))
    except ValueError:
        return IDLE_SECONDS


def runtime_dir() -> Path:
    """The folder for this user's sockets: $GRADER_SERVER_DIR, else $XDG_RUNTIME_DIR/llm-grader,
    else <tmp>/llm-grader-<uid>."""
    chosen = os.environ.get("GRADER_SERVER_DIR")
    if chosen:
        return Path(chosen)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "llm-grader"
    return Path(tempfile.gettempdir()) / f"llm-grader-{os.geteuid()}"


def private_dir() -> Path:
    """The runtime folder, created if missing, and refused unless it is a real folder that
    only this user can enter (a folder made by someone else could hold their socket)."""
    folder = runtime_dir()
    try:
        folder.mkdir(mode=0o700, parents=False, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise ServerUnavailable(f"cannot use {folder}: {exc.strerror or exc}") from None
    import stat

    if not stat.S_ISDIR(info.st_mode):
        raise ServerUnavailable(f"{folder} is not a folder", tell=True)
    if info.st_uid != os.geteuid():
        raise ServerUnavailable(f"{folder} belongs to another user (uid {info.st_uid})", tell=True)
    if info.st_mode & 0o077:
        raise ServerUnavailable(f"{folder} can be entered by other users (mode {info.st_mode & 0o777:o})",
                                tell=True)
    return folder


@dataclass(frozen=True)
class Place:
    """The files of one server: one per Python and grader installation, so two virtual
    environments of the same user never share (or keep restarting) a server."""

    folder: Path

    @property
    def name(self) -> str:
        identity = f"{sys.executable}\0{GRADER_DIR}".encode()
        return "server-" + hashlib.sha256(identity).hexdigest()[:12]

    @property
    def socket(self) -> Path:
        return self.folder / f"{self.name}.sock"

    @property
    def lock(self) -> Path:
        return self.folder / f"{self.name}.lock"

    @property
    def log(self) -> Path:
        return self.folder / f"{self.name}.log"

    @property
    def key(self) -> Path:
        return key_path(self.socket)


def key_path(socket_path: Path) -> Path:
    """The server's secret, beside its socket: every request carries it. The uid the kernel
    reports is not enough, since graded code runs under the same uid; the secret lives in a
    folder no worker may read (mode 0700, outside every Landlock rule)."""
    return socket_path.with_suffix(".key")


def write_key(path: Path) -> str:
    """A fresh secret for a starting server, written 0600 and atomically (no reader ever
    sees half of it)."""
    import secrets

    key = secrets.token_hex(32)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    os.replace(temporary, path)
    return key


def read_key(path: Path) -> str:
    """The running server's secret: a regular file of this user's that nobody else can read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise ServerUnavailable(f"the server's key cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd) as handle:
        import stat

        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            raise ServerUnavailable(f"{path} is not a key only you can read", tell=True)
        return handle.read(256).strip()


def readable_by_workers(folder: Path) -> bool:
    """Whether graded code could read `folder` (it lies under a Landlock rule of the sandbox)."""
    from grader.remote.sandbox import readable_roots

    resolved = folder.resolve()
    return any(resolved.is_relative_to(root) for root in map(Path, readable_roots()))


def engine_fingerprint() -> str:
    """What a server's grades depend on besides the course and the submission: the grader's
    code and the Python and torch in use. A file replaced (reinstall), edited (mtime) or
    resized changes it. Stats only, no reading: ~1 ms."""
    files = sorted(GRADER_DIR.rglob("*.py")) + sorted(GRADER_DIR.rglob("*.ini")) + _torch_files() + \
        [Path(sys.executable).resolve()]
    return _stat_digest(f"{PROTOCOL}\0{sys.version}\0{sys.executable}", files)


def course_fingerprint(course_root: Path) -> str:
    """The course's checks, catalogs, references and recorded answers, as on disk now."""
    files = []
    for part in ("course.toml", "assignments", "reference"):
        path = course_root / part
        files += sorted(path.rglob("*")) if path.is_dir() else [path]
    return _stat_digest(str(course_root), [f for f in files if "__pycache__" not in f.parts])


def _stat_digest(head: str, files: list[Path]) -> str:
    digest = hashlib.sha256(head.encode())
    for path in files:
        try:
            info = path.stat()
            digest.update(f"{path}\0{info.st_ino}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{path}\0missing\n".encode())
    return digest.hexdigest()


def _torch_files() -> list[Path]:
    import importlib.util

    spec = importlib.util.find_spec("torch")  # finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return []
    return [Path(next(iter(spec.submodule_search_locations))) / "version.py"]


# ---------------------------------------------------------------- messages


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
