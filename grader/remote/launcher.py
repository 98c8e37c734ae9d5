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
from dataclasses import dataclass
from pathlib import Path

from grader.remote.sandbox import Limits

GRADER_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage

# Load only the `grader` package from its own folder: the course folder beside it (with
# the reference solutions and checks) must not be importable from the worker. A later `import
# grader` (a check's worker function, once the worker has taken the grader's modules out of
# sys.modules) finds that same folder first, not whichever grader site-packages installs (a
# checkout run uninstalled beside an installed one: the sandbox lets the worker read only this one).
_BOOTSTRAP = (
    "import importlib.util, sys\n"
    "d = sys.argv[2]\n"
    "def spec(): return importlib.util.spec_from_file_location("
    "'grader', d + '/__init__.py', submodule_search_locations=[d])\n"
    "class ThisGrader:\n"
    "    @staticmethod\n"
    "    def find_spec(name, path=None, target=None): return spec() if name == 'grader' else None\n"
    "sys.meta_path.insert(0, ThisGrader)\n"
    "s = spec(); m = importlib.util.module_from_spec(s); sys.modules['grader'] = m; s.loader.exec_module(m)\n"
    "from grader.remote import zygote; zygote.main()\n"
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
        _kill_group(self.pid)
        if wait:
            self.exit_status = self.zygote.reap(self.pid)
        else:
            self.zygote.release(self.pid)
            self.exit_status = -1
        self.sock.close()
        self._reader.join(timeout=2)
        self._scratch.cleanup()
        return self.exit_status


@dataclass
class _Order:
    """A worker asked of the zygote; its pid is known once the zygote's reply is read."""

    limits: Limits
    warm: bool  # forked from a fully warmed-up zygote (see zygote._warm_up_the_rest)
    sock: socket.socket
    read_fd: int
    scratch: tempfile.TemporaryDirectory
    pid: int | None = None

    def abandon(self) -> None:
        """Free the grader's side of a worker that will never be used."""
        self.sock.close()
        os.close(self.read_fd)
        self.scratch.cleanup()


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


class Zygote:
    """The grader's handle on one zygote.

    With `spare=True` (the default) it keeps one worker forked and confined ahead of time:
    `spawn` hands it over at once and orders the next, so the ~10 ms of forking a torch
    process and confining it happen while the grader is busy with something else."""

    def __init__(self, spare: bool = True):
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen | None = None
        self._keep_spare = spare
        self._spare: _Order | None = None
        self._unanswered: list[_Order] = []  # the zygote answers in order

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

    def wait_ready(self) -> "Zygote":
        """Block until the zygote has imported torch (a job slot does, before its first student)."""
        with self._lock:
            self._await_ready()
        return self

    # ------------------------------------------------------------ the control socket (lock held)

    def _await_ready(self) -> None:
        if self._control is None:
            raise LaunchError("the zygote is not running")
        if not self._ready:
            try:
                self._control.settimeout(120)
                self._control.recv(1 << 16)
            except OSError as exc:
                raise LaunchError(f"the zygote stopped answering: {exc}") from exc
            self._ready = True

    def _send(self, message: dict, fds: list[int] = ()) -> None:
        self._await_ready()
        try:
            self._control.settimeout(60)
            socket.send_fds(self._control, [json.dumps(message).encode()], list(fds))
        except OSError as exc:
            raise LaunchError(f"the zygote stopped answering: {exc}") from exc

    def _receive(self) -> dict:
        try:
            data = self._control.recv(1 << 16)
        except OSError as exc:
            raise LaunchError(f"the zygote stopped answering: {exc}") from exc
        if not data:
            raise LaunchError("the zygote exited")
        return json.loads(data)

    def _settle(self) -> None:
        """Read the replies still owed for workers ordered earlier."""
        while self._unanswered:
            order = self._unanswered[0]
            reply = self._receive()
            order.pid = int(reply["pid"])
            order.warm = order.warm or bool(reply.get("warm"))  # warmed up while idle
            self._unanswered.pop(0)

    def _call(self, message: dict) -> dict:
        self._settle()
        self._send(message)
        return self._receive()

    def _order(self, limits: Limits, warm: bool) -> _Order:
        """Ask for a worker without waiting for the answer."""
        grader_end, worker_end = socket.socketpair()
        read_fd, write_fd = os.pipe()
        # A plain temporary name: the worker's folder must not say "grader" (a submission that
        # behaves well only when graded would look for it).
        scratch = tempfile.TemporaryDirectory()
        order = _Order(limits, warm, grader_end, read_fd, scratch)
        try:
            self._send({"op": "spawn", "limits": limits.to_dict(), "scratch": scratch.name, "warm": warm},
                       [worker_end.fileno(), write_fd])
        except LaunchError:
            order.abandon()
            raise
        finally:
            worker_end.close()
            os.close(write_fd)
        self._unanswered.append(order)
        return order

    def _discard(self, order: _Order) -> None:
        self._settle()  # its pid
        _kill_group(order.pid)
        self._call({"op": "release", "pid": order.pid})
        order.abandon()

    # ------------------------------------------------------------ what the grader asks

    def spawn(self, limits: Limits, warm: bool = False) -> WorkerProcess:
        """A worker with these limits; `warm`: forked only once the zygote is fully warmed up
        (a worker whose student code runs under a watch must not import torch's lazy modules)."""
        with self._lock:
            self._settle()  # the spare's reply says whether the zygote had warmed up by then
            order, self._spare = self._spare, None
            if order is not None and (order.limits != limits or (warm and not order.warm)):
                self._discard(order)
                order = None
            if order is None:
                order = self._order(limits, warm)
            self._settle()
            if self._keep_spare:
                self._spare = self._order(limits, warm)  # forked while this worker is busy
        output = CappedOutput()
        reader = threading.Thread(target=_drain, args=(order.read_fd, output), daemon=True)
        reader.start()
        return WorkerProcess(self, order.pid, order.sock, output, reader, order.scratch)

    def reap(self, pid: int) -> int:
        with self._lock:
            return int(self._call({"op": "reap", "pid": pid})["status"])

    def release(self, pid: int) -> None:
        with self._lock:
            self._call({"op": "release", "pid": pid})

    def close(self) -> None:
        with self._lock:
            spare, self._spare = self._spare, None
            if self._control is not None:
                self._control.close()
                self._control = None
            if self._process is not None:
                # A torch interpreter's orderly exit takes ~1 s; its workers die with it.
                self._process.kill()
                self._process.wait()
                self._process = None
            if spare is not None:
                spare.abandon()
            self._unanswered.clear()

    def __enter__(self) -> "Zygote":
        return self.start() if self._control is None else self

    def __exit__(self, *exc) -> None:
        self.close()


def _drain(fd: int, output: CappedOutput) -> None:
    with os.fdopen(fd, "rb", buffering=0) as stream:
        while chunk := stream.read(1 << 16):
            output.feed(chunk)
