"""A check's time is the CPU time the student's worker used, not the wall clock.

On a busy machine (a batch beside the test suite, a class graded on a laptop, two students'
workers on one core) a worker gets a fraction of a core: a wall-clock deadline would fail a
submission that is slow only because the machine is, and the same file would score differently
from run to run (issue #22). The kernel keeps each process's CPU time (/proc/<pid>/stat, summed
over its threads; the sandbox allows no child processes), out of the student's reach.

Code that waits instead of computing (a sleep, a lock never released) uses no CPU: a wall-clock
backstop of WALL_SLACK times the budget stops it. That backstop does not count the time the worker
was ready to run but waiting for a core (its main thread's run delay, /proc/<pid>/schedstat; the
worker runs one thread): however many processes share its core, a worker that computes is stopped
by its CPU limit, and only one that sleeps by the backstop. A worker that lowers its own priority
(nice, SCHED_IDLE) to wait for cores on purpose gets its waits counted again. Where /proc is
missing (macOS), the wall clock is the budget itself, as before.
"""

from __future__ import annotations

import os
import select
import socket
import time

WALL_SLACK = 4.0  # time to sleep, beside the CPU limit, before a worker counts as stuck
POLL_SECONDS = 0.05  # how often the CPU time is read while a reply is awaited

try:
    _TICKS = os.sysconf("SC_CLK_TCK")
except (AttributeError, ValueError, OSError):
    _TICKS = 100


def _stat_fields(pid: int) -> list[bytes] | None:
    """The fields of /proc/<pid>/stat from the third (state) on, or None if unreadable."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    return data[data.rfind(b")") + 2:].split()


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of process `pid` (all its threads), or None if unknown."""
    fields = _stat_fields(pid)
    try:
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime: fields 14 and 15
    except (TypeError, IndexError, ValueError):
        return None


def _demoted(fields: list[bytes]) -> bool:
    """Whether a process runs at a lower priority than the grader's own (a higher nice, or a
    batch or idle scheduling policy): one that lowered its own priority chose to wait for cores."""
    try:
        nice, policy = int(fields[16]), int(fields[38])  # fields 19 and 41
        return nice > os.getpriority(os.PRIO_PROCESS, 0) or policy != os.sched_getscheduler(0)
    except (IndexError, ValueError, AttributeError, OSError):
        return True


def starved_seconds(pid: int) -> float | None:
    """Seconds process `pid`'s main thread has spent ready to run while waiting for a core (the
    second field of /proc/<pid>/schedstat, in nanoseconds); None where unknown, and while the
    process runs at a lower priority than the grader (then its waits are its own doing)."""
    fields = _stat_fields(pid)
    if fields is None or _demoted(fields):
        return None
    try:
        with open(f"/proc/{pid}/schedstat", "rb") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


class _Delta:
    """How much a per-process counter has grown since this was made; its last known value
    once the process is gone (a worker that has exited has no /proc entry)."""

    def __init__(self, read, pid: int):
        self.read, self.pid = read, pid
        self.start = self.last = read(pid)

    def grown(self) -> float:
        if self.start is None:  # not kept on this system
            return 0.0
        now = self.read(self.pid)
        if now is not None:
            self.last = now
        return max(self.last - self.start, 0.0)


class TimeBudget:
    """`seconds` of the worker's CPU time, spent over one or more requests (a check's calls).

    Only the time spent waiting for the worker counts, on either clock: the grader's own work
    between requests (the reference, generating inputs) is not the student's."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.cpu_used = 0.0
        self.waited = 0.0  # seconds spent waiting for replies, less the worker's wait for a core
        self.measured = True  # False once a worker's CPU time could not be read: wall clock only
        self.ran_out_waiting = False  # the backstop ended it while the worker computed little

    @property
    def wall_allowance(self) -> float:
        return self.seconds * (WALL_SLACK if self.measured else 1.0)

    @property
    def wall_deadline(self) -> float:
        """When the backstop would end a request sent now (a safety net for loops of requests)."""
        return time.monotonic() + max(self.wall_allowance - self.waited, 0.0)

    def wait_for_reply(self, sock: socket.socket, pid: int) -> None:
        """Return once `sock` has data; raise socket.timeout when the budget is spent."""
        before = cpu_seconds(pid)
        self.measured = self.measured and before is not None
        starved = _Delta(starved_seconds, pid) if self.measured else None
        poller = select.poll()
        poller.register(sock, select.POLLIN | select.POLLERR | select.POLLHUP)
        start = time.monotonic()

        def waited_here() -> float:
            wall = time.monotonic() - start
            return wall if starved is None else max(wall - starved.grown(), 0.0)

        try:
            while True:
                left = self.wall_allowance - self.waited - waited_here()
                if left <= 0:
                    self.ran_out_waiting = self.measured
                    raise socket.timeout("wall-clock backstop")
                if poller.poll(int(min(left, POLL_SECONDS) * 1000) + 1):
                    return
                now = cpu_seconds(pid) if self.measured else None
                if now is not None and self.cpu_used + now - before >= self.seconds:
                    raise socket.timeout("CPU time budget")
        finally:
            self.waited += waited_here()
            after = cpu_seconds(pid) if self.measured else None
            if after is not None and before is not None:
                self.cpu_used += max(after - before, 0.0)

    def reply_deadline(self) -> float:
        """How long reading a reply the worker has begun to send may take: what is left of the
        backstop, and at least a few seconds (a large reply is not the student's slowness)."""
        return time.monotonic() + max(self.wall_allowance - self.waited, 5.0)


__all__ = ["TimeBudget", "cpu_seconds", "starved_seconds", "WALL_SLACK"]
