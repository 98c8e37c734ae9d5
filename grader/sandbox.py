"""Confinement applied inside a freshly forked worker, before any student code runs.

Issue #3 hardens this into a full sandbox; the grader core relies only on `confine()`
being called in the child and on the worker leading its own process group.
"""

from __future__ import annotations

import os
import resource
import signal
from dataclasses import dataclass, asdict

GIB = 1024**3


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 4 * GIB  # address space; torch at one thread fits well inside
    file_bytes: int = 64 * 1024**2  # largest file the worker may write
    open_files: int = 256

    def to_dict(self) -> dict:
        return asdict(self)


def confine(limits: dict, keep_fds: list[int], stdout_fd: int, scratch: str) -> None:
    """Run in the worker right after fork: own session, stdio, scratch dir, rlimits."""
    os.setsid()  # own process group: the grader kills the whole group on timeout
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(stdout_fd, 1)
    os.dup2(stdout_fd, 2)
    keep = sorted({0, 1, 2, *keep_fds})
    _close_all_except(keep)
    os.chdir(scratch)
    os.environ["HOME"] = scratch
    os.environ["TMPDIR"] = scratch
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized writes fail with EFBIG instead
    for name, value in (("RLIMIT_AS", limits["memory_bytes"]), ("RLIMIT_FSIZE", limits["file_bytes"]),
                        ("RLIMIT_NOFILE", limits["open_files"]), ("RLIMIT_CORE", 0)):
        _set_limit(getattr(resource, name), value)


def _set_limit(which: int, value: int) -> None:
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        pass


def _close_all_except(keep: list[int]) -> None:
    previous = -1
    for fd in keep + [1 << 16]:
        if fd - previous > 1:
            os.closerange(previous + 1, fd)
        previous = fd
