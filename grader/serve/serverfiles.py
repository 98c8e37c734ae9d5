"""Where a grading server's files live and who may use them: the runtime folder (a real
folder of this user's, mode 0700), one socket, lock, log and key per Python and grader
installation (`Place`), and the key every request carries (graded code runs under the same
uid, so the kernel's word on who connects is not enough).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.serve.fingerprints import GRADER_DIR
from grader.serve.serverwire import ServerUnavailable


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
