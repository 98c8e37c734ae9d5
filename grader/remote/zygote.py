"""The zygote: a clean interpreter that imported torch once and forks one worker per request.

Started by `launcher.Zygote` as a fresh `python -I` process, so it never holds the grader's
state (expected values, references, checks). Forking it costs milliseconds where starting
a fresh interpreter and importing torch costs most of a second.

Control protocol (SOCK_SEQPACKET, one JSON object per packet):
  {"op": "spawn", "limits": {...}, "scratch": dir} + fds [worker socket, stdout pipe]
      -> {"pid": pid}
  {"op": "reap", "pid": pid} -> {"status": waitpid status}   (the grader kills first)
  {"op": "release", "pid": pid} -> {}   (killed, status not wanted: reaped when it is gone)
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

import torch

from grader.remote import sandbox, worker

IDLE_BEFORE_WARMING = 0.3  # seconds without a request before the rest of the warm-up


def _warm_up() -> None:
    # One thread: a child forked after torch's thread pool ran with more threads hangs.
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    # Run once here what every worker would otherwise initialise on its own (the first
    # matmul backward alone costs ~0.4 s): workers inherit it for free.
    for dtype in (torch.float32, torch.float64):
        x = torch.randn(4, 3, dtype=dtype, requires_grad=True)
        w = torch.randn(5, 3, dtype=dtype, requires_grad=True)
        y = torch.relu(x @ w.T + 1) @ torch.randn(5, 2, dtype=dtype)
        torch.autograd.grad(((y - 1) ** 2).mean() + (y - 1).abs().mean(), [x, w])


def _warm_up_the_rest() -> None:
    # The first optimizer imports ~800 modules (~1 s: torch._dynamo, sympy...), which many
    # torch functions also import on first use (torch.broadcast_shapes does). Done when the
    # zygote is idle, not before it is ready: `grade ex3` need not wait for it. A worker that
    # will run under a watch gets it before it is forked (`warm`): importing under the
    # watch's profile hook is ~25x slower, enough to time a check out.
    model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    for optimizer in (torch.optim.SGD(model.parameters(), lr=0.01), torch.optim.Adam(model.parameters())):
        loss = torch.nn.functional.mse_loss(model(torch.randn(8, 1)), torch.randn(8, 1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.broadcast_shapes((2, 1), (1, 3))


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(request: dict, fds: list[int]) -> int:
    worker_fd, stdout_fd = fds
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            _die_with_parent()  # a zygote killed with its job slot takes its workers along
            if os.getppid() != zygote:
                os._exit(70)
            layers = sandbox.confine(request["limits"], [worker_fd], stdout_fd, request["scratch"])
            worker.run(socket.socket(fileno=worker_fd), layers)
        finally:
            os._exit(70)
    os.close(worker_fd)
    os.close(stdout_fd)
    return pid


def _reap_released(released: set[int]) -> None:
    """Collect the exit of workers nobody waits for, without blocking."""
    for pid in list(released):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            released.discard(pid)


def serve(control: socket.socket) -> None:
    children: set[int] = set()
    released: set[int] = set()
    try:
        warm = False
        while True:
            if children and not warm:  # idle after its first workers: later ones inherit it
                idle = not select.select([control], [], [], IDLE_BEFORE_WARMING)[0]
                if idle:
                    _warm_up_the_rest()
                    warm = True
            data, fds, _flags, _addr = socket.recv_fds(control, 1 << 16, 4)
            if not data:
                return
            _reap_released(released)
            request = json.loads(data)
            if request["op"] == "spawn":
                if request.get("warm") and not warm:
                    _warm_up_the_rest()
                    warm = True
                pid = _spawn(request, fds)
                children.add(pid)
                reply = {"pid": pid, "warm": warm}
            elif request["op"] == "reap":
                pid = int(request["pid"])
                _, status = os.waitpid(pid, 0) if pid in children else (pid, -1)
                children.discard(pid)
                reply = {"status": status}
            elif request["op"] == "release":
                pid = int(request["pid"])
                if pid in children:
                    children.discard(pid)
                    released.add(pid)
                _reap_released(released)
                reply = {}
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            control.send(json.dumps(reply).encode())
    finally:
        for pid in children | released:
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
