"""Starting, watching and stopping worker processes, from the grader's side.

`Zygote` owns one clean interpreter that forks workers on request (see `zygote.py`);
`WorkerProcess` is one forked worker: its socket, its captured output, its exit status.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from grader.sandbox import Limits

GRADER_DIR = Path(__file__).resolve().parent

# Load only the `grader` package from its own folder: the course folder beside it (with
# the reference solutions and checks) must not be importable from the worker.
_BOOTSTRAP = (
    "import importlib.util, sys\n"
    "d = sys.argv[2]\n"
    "spec = importlib.util.spec_from_file_location('grader', d + '/__init__.py', submodule_search_locations=[d])\n"
    "m = importlib.util.module_from_spec(spec); sys.modules['grader'] = m; spec.loader.exec_module(m)\n"
    "from grader import zygote; zygote.main()\n"
)

# The worker sees none of the grader's environment (tokens, paths, settings).
_WORKER_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")


class LaunchError(Exception):
    """The zygote could not be started or stopped answering."""


class CappedOutput:
    """Keeps the head and tail of a stream and counts what was cut from the middle."""

    def __init__(self, head: int = 4096, tail: int = 4096):
        self.head_limit, self.tail_limit = head, tail
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            self.tail += chunk
            del self.tail[: max(0, len(self.tail) - self.tail_limit)]

    def text(self) -> str:
        cut = self.total - len(self.head) - len(self.tail)
        middle = f"\n... [{cut} bytes of output cut] ...\n" if cut > 0 else ""
        return (bytes(self.head).decode("utf-8", "replace") + middle
                + bytes(self.tail).decode("utf-8", "replace"))


def describe_exit(status: int) -> str:
    """A waitpid status in words a student understands."""
    if status < 0:
        return "stopped"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        names = {signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "aborted",
                 signal.SIGBUS: "bus error", signal.SIGFPE: "floating-point exception",
                 signal.SIGILL: "illegal instruction", signal.SIGKILL: "killed",
                 signal.SIGXCPU: "CPU time limit"}
        name = names.get(sig) or signal.Signals(sig).name
        return f"crashed ({name})"
    if os.WIFEXITED(status):
        return f"exited with code {os.WEXITSTATUS(status)}"
    return "stopped"


class WorkerProcess:
    def __init__(self, zygote: "Zygote", pid: int, sock: socket.socket, output: CappedOutput,
                 reader: threading.Thread, scratch: tempfile.TemporaryDirectory):
        self.zygote = zygote
        self.pid = pid
        self.sock = sock
        self.output = output
        self._reader = reader
        self._scratch = scratch
        self.exit_status: int | None = None

    def stop(self, wait: bool = True) -> int:
        """Kill the worker and everything in its process group; return its wait status.

        `wait=False` (a worker that said goodbye): the zygote reaps it later, so the grader
        does not wait the ~10 ms the kernel takes to tear down a torch process."""
        if self.exit_status is not None:
            return self.exit_status
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
        if wait:
            self.exit_status = self.zygote.reap(self.pid)
        else:
            self.zygote.release(self.pid)
            self.exit_status = -1
        self.sock.close()
        self._reader.join(timeout=2)
        self._scratch.cleanup()
        return self.exit_status


class Zygote:
    def __init__(self):
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen | None = None

    def start(self) -> "Zygote":
        """Start the zygote in the background; `spawn` waits for it to be ready."""
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {k: os.environ[k] for k in _WORKER_ENV_KEEP if k in os.environ}
        env.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0",
                   PYTHONDONTWRITEBYTECODE="1")
        debug = os.environ.get("GRADER_DEBUG")
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOTSTRAP, str(child.fileno()), str(GRADER_DIR)],
            pass_fds=[child.fileno()], env=env, cwd=tempfile.gettempdir(),
            stdin=subprocess.DEVNULL, stdout=None if debug else subprocess.DEVNULL,
            stderr=None if debug else subprocess.DEVNULL, start_new_session=True)
        child.close()
        self._control = parent
        self._ready = False
        return self

    def _request(self, message: dict, fds: list[int] = ()) -> dict:
        with self._lock:
            if self._control is None:
                raise LaunchError("the zygote is not running")
            try:
                if not self._ready:
                    self._control.settimeout(120)
                    self._control.recv(1 << 16)
                    self._ready = True
                self._control.settimeout(60)
                socket.send_fds(self._control, [json.dumps(message).encode()], list(fds))
                data = self._control.recv(1 << 16)
            except OSError as exc:
                raise LaunchError(f"the zygote stopped answering: {exc}") from exc
            if not data:
                raise LaunchError("the zygote exited")
            return json.loads(data)

    def spawn(self, limits: Limits) -> WorkerProcess:
        grader_end, worker_end = socket.socketpair()
        read_fd, write_fd = os.pipe()
        scratch = tempfile.TemporaryDirectory(prefix="grader-scratch-")
        try:
            reply = self._request({"op": "spawn", "limits": limits.to_dict(), "scratch": scratch.name},
                                  [worker_end.fileno(), write_fd])
        finally:
            worker_end.close()
            os.close(write_fd)
        output = CappedOutput()
        reader = threading.Thread(target=_drain, args=(read_fd, output), daemon=True)
        reader.start()
        return WorkerProcess(self, reply["pid"], grader_end, output, reader, scratch)

    def reap(self, pid: int) -> int:
        return int(self._request({"op": "reap", "pid": pid})["status"])

    def release(self, pid: int) -> None:
        self._request({"op": "release", "pid": pid})

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._process is not None:
            # Workers are already stopped; a torch interpreter's orderly exit takes ~1 s.
            self._process.kill()
            self._process.wait()
            self._process = None

    def __enter__(self) -> "Zygote":
        return self.start() if self._control is None else self

    def __exit__(self, *exc) -> None:
        self.close()


def _drain(fd: int, output: CappedOutput) -> None:
    with os.fdopen(fd, "rb", buffering=0) as stream:
        while chunk := stream.read(1 << 16):
            output.feed(chunk)
