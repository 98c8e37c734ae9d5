"""The zygote: a clean interpreter that imported torch once and forks one worker per request.

Started by `launcher.Zygote` as a fresh `python -I` process, so it never holds the grader's
state (expected values, references, checks). Forking it costs milliseconds where starting
a fresh interpreter and importing torch costs most of a second.

Control protocol (SOCK_SEQPACKET, one JSON object per packet):
  {"op": "spawn", "limits": {...}, "scratch": dir} + fds [worker socket, stdout pipe]
      -> {"pid": pid}
  {"op": "reap", "pid": pid} -> {"status": waitpid status}   (the grader kills first)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys

import torch

from grader import sandbox, worker


def _warm_up() -> None:
    # One thread: a child forked after torch's thread pool ran with more threads hangs.
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    _ = torch.ones(8, 8) @ torch.ones(8, 8)
    layer = torch.nn.Linear(2, 2)
    layer(torch.ones(1, 2)).sum().backward()


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(request: dict, fds: list[int]) -> int:
    worker_fd, stdout_fd = fds
    pid = os.fork()
    if pid == 0:
        try:
            sandbox.confine(request["limits"], [worker_fd], stdout_fd, request["scratch"])
            worker.run(socket.socket(fileno=worker_fd))
        finally:
            os._exit(70)
    os.close(worker_fd)
    os.close(stdout_fd)
    return pid


def serve(control: socket.socket) -> None:
    children: set[int] = set()
    try:
        while True:
            data, fds, _flags, _addr = socket.recv_fds(control, 1 << 16, 4)
            if not data:
                return
            request = json.loads(data)
            if request["op"] == "spawn":
                pid = _spawn(request, fds)
                children.add(pid)
                reply = {"pid": pid}
            elif request["op"] == "reap":
                pid = int(request["pid"])
                _, status = os.waitpid(pid, 0) if pid in children else (pid, -1)
                children.discard(pid)
                reply = {"status": status}
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            control.send(json.dumps(reply).encode())
    finally:
        for pid in children:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


def main() -> None:
    _die_with_parent()
    _warm_up()
    control = socket.socket(fileno=int(sys.argv[1]))
    control.send(b'{"ready": true}')
    serve(control)


if __name__ == "__main__":
    main()
