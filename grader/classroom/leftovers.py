"""Temporary folders a run owns, and sweeping the ones a killed run left behind.

The temporary folders `grade batch` makes (a job slot's, where zips are unpacked and workers
keep their scratch; a cluster worker's parcel folder) keep plain temporary names: a worker's
folder must not say "grader" (a submission that behaves well only when graded would look for
it). Who owns them is written down instead, in `<tmp>/grader-owned-<uid>/<pid>.<start>`: one
line per folder, the owner being the process id and its start time (from /proc, so a reused
pid is not taken for the owner). A run removes its folders on every exit it sees (normal end,
an error, Ctrl-C, SIGTERM, SIGHUP); SIGKILL it cannot see, so every run first sweeps the
folders of owners that are gone. Only folders of this user inside the temporary folder, and
written down, are ever removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def _registry(parent: Path) -> Path:
    folder = parent / f"grader-owned-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _record(parent: Path, pid: int) -> Path:
    return _registry(parent) / f"{pid}.{_start_time(pid) or 0}"


def owned_folder(kind: str = "", pid: int | None = None) -> Path:
    """A new temporary folder (a plain name), written down as owned by process `pid` (default: this one)."""
    parent = Path(tempfile.gettempdir())
    folder = Path(tempfile.mkdtemp(dir=parent))
    for _ in range(5):  # another run may drop the owners' folder between its mkdir and this open
        try:
            with open(_record(parent, os.getpid() if pid is None else pid), "a", encoding="utf-8") as record:
                record.write(f"{folder}\n")
            break
        except FileNotFoundError:
            continue
    return folder


def release(folder: Path | str, pid: int | None = None) -> None:
    """Remove an owned folder and its line."""
    shutil.rmtree(folder, ignore_errors=True)
    parent = Path(folder).parent
    record = _record(parent, os.getpid() if pid is None else pid)
    try:
        lines = [line for line in record.read_text(encoding="utf-8").splitlines() if line != str(folder)]
    except OSError:
        return
    if lines:
        record.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    else:
        record.unlink(missing_ok=True)
        _drop_if_empty(record.parent)


def _drop_if_empty(registry: Path) -> None:
    """The owners' folder goes with its last line: a finished run leaves nothing behind."""
    try:
        registry.rmdir()
    except OSError:  # not empty (another run of this user), or gone already
        pass


def _alive(name: str) -> bool:
    pid, _, start = name.partition(".")
    if not pid.isdigit():
        return True  # not ours to judge
    actual = _start_time(int(pid))
    return actual is not None and (start in ("", "0") or str(actual) == start)


def sweep(parent: str | None = None) -> list[str]:
    """Remove the folders written down for owners that are gone; return them."""
    base = Path(parent or tempfile.gettempdir())
    registry = base / f"grader-owned-{os.getuid()}"
    removed = []
    try:
        records = list(registry.iterdir())
    except OSError:
        return removed
    for record in records:
        if _alive(record.name):
            continue
        try:
            lines = record.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            folder = Path(line)
            try:
                info = folder.lstat()
            except OSError:
                continue
            if folder.parent != base or folder.is_symlink() or info.st_uid != os.getuid():
                continue  # only a folder of this user, directly in the temporary folder
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(str(folder))
        record.unlink(missing_ok=True)
    _drop_if_empty(registry)
    return removed
