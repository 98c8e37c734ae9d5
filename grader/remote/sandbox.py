"""Confinement applied inside a freshly forked worker, before any student code runs.

Layers, each applied when this machine supports it (see docs/security.md):
  rlimits   address space, file size, open files, CPU time, no core dumps
  netns     a network namespace of its own: no interface but a downed loopback
  tmpfs     its scratch folder is a size-capped tmpfs in a mount namespace of its own
  landlock  reads only of the Python installation, reads and writes only of its scratch
            folder; no TCP; no signals to processes outside the sandbox
  seccomp   no new processes (threads only), no signals to other processes, no ptrace,
            no mounts or namespace changes, no UNIX sockets and no connect() at all
The worker also leads its own process group, so the grader kills everything at once.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import struct
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

GIB = 1024**3
GRADER_DIR = Path(__file__).resolve().parents[1]  # grader/, above this subpackage


@dataclass(frozen=True)
class Limits:
    memory_bytes: int = 4 * GIB  # address space; torch at one thread fits well inside
    file_bytes: int = 64 * 1024**2  # largest file the worker may write
    open_files: int = 256
    cpu_seconds: int = 600  # backstop only: the grader's wall-clock deadline comes first
    scratch_bytes: int = 256 * 1024**2  # all files together, when a size-capped tmpfs is possible
    required_layers: tuple[str, ...] = ()  # --require-sandbox: refuse to run without them
    skipped_layers: tuple[str, ...] = ()  # for benchmarks only: measure what each layer costs

    def to_dict(self) -> dict:
        return asdict(self)


ALL_LAYERS = ("netns", "tmpfs", "landlock", "seccomp", "rlimits")

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def confine(limits: dict, keep_fds: list[int], stdout_fd: int, scratch: str) -> list[str]:
    """Run in the worker right after fork. Returns the layers that are in force."""
    os.setsid()  # own process group: the grader kills the whole group on timeout
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(stdout_fd, 1)
    os.dup2(stdout_fd, 2)
    _close_all_except(sorted({0, 1, 2, *keep_fds}))  # Landlock does not cover open fds
    os.chdir(scratch)
    os.environ.clear()
    os.environ.update(HOME=scratch, TMPDIR=scratch, PATH="/usr/bin:/bin", OMP_NUM_THREADS="1")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversized writes fail with EFBIG instead
    layers = []
    skip = set(limits.get("skipped_layers", ()))
    if "netns" not in skip and _enter_network_namespace():
        layers.append("netns")
    if "tmpfs" not in skip and _private_scratch(scratch, limits["scratch_bytes"]):
        layers.append("tmpfs")
    if "landlock" not in skip and _landlock(scratch):
        layers.append("landlock")
    if "seccomp" not in skip and _seccomp(os.getpid()):
        layers.append("seccomp")
    _rlimits(limits)
    layers.append("rlimits")
    return layers


# ---------------------------------------------------------------- rlimits


def _rlimits(limits: dict) -> None:
    for name, value in (("RLIMIT_AS", limits["memory_bytes"]), ("RLIMIT_FSIZE", limits["file_bytes"]),
                        ("RLIMIT_NOFILE", limits["open_files"]), ("RLIMIT_CPU", limits["cpu_seconds"]),
                        ("RLIMIT_CORE", 0)):
        which = getattr(resource, name)
        _soft, hard = resource.getrlimit(which)
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


# ---------------------------------------------------------------- network namespace

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def _enter_network_namespace() -> bool:
    if _libc.unshare(CLONE_NEWNET) == 0:
        return True
    # Unprivileged: a user namespace first makes the network namespace possible.
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return False
    try:
        for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                           ("/proc/self/gid_map", f"{gid} {gid} 1")):
            with open(path, "w") as handle:
                handle.write(text)
    except OSError:
        pass
    return True


# ---------------------------------------------------------------- scratch on a capped tmpfs

CLONE_NEWNS = 0x00020000
MS_REC, MS_PRIVATE, MS_NOSUID, MS_NODEV = 0x4000, 0x40000, 0x2, 0x4


def _private_scratch(scratch: str, size: int) -> bool:
    """Mount a size-capped tmpfs over the scratch folder in a mount namespace of its own,
    so that many small files cannot fill the grader's disk."""
    if _libc.unshare(CLONE_NEWNS) != 0:
        return False
    if _libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return False
    options = f"size={size},mode=0700".encode()
    if _libc.mount(b"tmpfs", scratch.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options) != 0:
        return False
    os.chdir(scratch)  # the new mount hides the old directory
    return True


# ---------------------------------------------------------------- Landlock

_LANDLOCK_CREATE_RULESET, _LANDLOCK_ADD_RULE, _LANDLOCK_RESTRICT_SELF = 444, 445, 446
_READ = 1 | 4 | 8  # execute, read file, read dir
_WRITE_ALL_ABI1 = 2 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048 | 4096


def landlock_abi() -> int:
    abi = _libc.syscall(_LANDLOCK_CREATE_RULESET, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    return abi if abi > 0 else 0


def _fs_rights(abi: int) -> int:
    rights = _READ | _WRITE_ALL_ABI1
    if abi >= 2:
        rights |= 1 << 13  # REFER
    if abi >= 3:
        rights |= 1 << 14  # TRUNCATE
    if abi >= 5:
        rights |= 1 << 15  # IOCTL_DEV
    return rights


def readable_roots() -> list[str]:
    """The Python installation and system libraries, never a course folder: not the one
    beside grader/ (a source checkout), nor the one a wheel carries inside it (grader/_course)."""
    course_root = GRADER_DIR.parent
    bundled = GRADER_DIR / "_course"
    candidates = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, "/usr", "/lib",
                  "/lib64", "/bin", "/etc/ld.so.cache", "/etc/localtime", "/dev/urandom", str(GRADER_DIR)}
    candidates.update(p for p in sys.path if p)
    roots = []
    for path in sorted(candidates):
        resolved = Path(path).resolve()
        if not resolved.exists():
            continue
        if course_root == resolved or course_root.is_relative_to(resolved) and resolved != Path(sys.prefix).resolve():
            continue  # an ancestor of the course folder would expose references and checks
        if resolved.is_relative_to(course_root) and not resolved.is_relative_to(GRADER_DIR) and \
                "site-packages" not in resolved.parts and not _is_venv(resolved, course_root):
            continue
        roots.extend(_all_but(resolved, bundled))
    return sorted(set(roots))


def _all_but(root: Path, hidden: Path) -> list[str]:
    """`root` as Landlock rules that leave out `hidden` (rules only allow, so a folder holding
    `hidden` is replaced by its other entries, one level at a time down to it)."""
    if root == hidden:
        return []
    if not (hidden.exists() and hidden.is_relative_to(root)):
        return [str(root)]
    rules = []
    for entry in root.iterdir():
        entry = entry.resolve()  # a venv's lib64 -> lib would otherwise open the whole of lib again
        if entry.exists():
            rules.extend(_all_but(entry, hidden) if hidden.is_relative_to(entry) else [str(entry)])
    return rules


def _is_venv(path: Path, course_root: Path) -> bool:
    """A virtual environment inside the course folder (CI creates one there) is fine to read."""
    for parent in [path, *path.parents]:
        if parent == course_root:
            return False
        if (parent / "pyvenv.cfg").exists():
            return True
    return False


def _landlock(scratch: str) -> int:
    abi = landlock_abi()
    if not abi:
        return 0
    handled_fs = _fs_rights(abi)
    handled_net = 3 if abi >= 4 else 0  # bind and connect TCP: none allowed
    scoped = 1 | 2 if abi >= 6 else 0  # abstract UNIX sockets and signals outside the sandbox
    attr = struct.pack("QQQ", handled_fs, handled_net, scoped)
    size = 8 if abi < 4 else (16 if abi < 6 else 24)
    buffer = ctypes.create_string_buffer(attr[:size], size)
    ruleset = _libc.syscall(_LANDLOCK_CREATE_RULESET, buffer, ctypes.c_size_t(size), 0)
    if ruleset < 0:
        return 0
    try:
        rules = [(path, _READ) for path in readable_roots()]
        rules += [(scratch, handled_fs), ("/dev/null", _READ | 2), ("/proc/self", _READ)]
        for path, rights in rules:
            _add_path_rule(ruleset, path, rights & handled_fs)
        if _libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return 0
        if _libc.syscall(_LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def _add_path_rule(ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(os.path.realpath(path), os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            rights &= 1 | 2 | 4 | (1 << 14) | (1 << 15)  # file rights only on a file
        rule = struct.pack("=Qi", rights, fd)
        buffer = ctypes.create_string_buffer(rule, len(rule))
        _libc.syscall(_LANDLOCK_ADD_RULE, ruleset, 1, buffer, 0)  # LANDLOCK_RULE_PATH_BENEATH
    finally:
        os.close(fd)


# ---------------------------------------------------------------- seccomp

# (audit arch, {name: number}) for the architectures we know; elsewhere seccomp is skipped.
_SYSCALLS = {
    "x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435, "kill": 62, "tkill": 200,
                            "tgkill": 234, "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
                            "mount": 165, "umount2": 166, "unshare": 272, "setns": 308, "pivot_root": 155,
                            "chroot": 161, "bpf": 321, "perf_event_open": 298, "kexec_load": 246,
                            "init_module": 175, "finit_module": 313, "reboot": 169, "pidfd_open": 434,
                            "pidfd_send_signal": 424, "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297,
                            "socket": 41, "connect": 42, "socketpair": 53}),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435, "kill": 129, "tkill": 130, "tgkill": 131,
                             "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "mount": 40,
                             "umount2": 39, "unshare": 97, "setns": 268, "pivot_root": 41, "chroot": 51,
                             "bpf": 280, "perf_event_open": 241, "kexec_load": 104, "init_module": 105,
                             "finit_module": 273, "reboot": 142, "pidfd_open": 434, "pidfd_send_signal": 424,
                             "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240, "socket": 198, "socketpair": 199,
                             "connect": 203}),
}
_CLONE_THREAD = 0x00010000
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_EPERM, _ENOSYS = 1, 38
_AF_UNIX = 1


def _bpf(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k & 0xFFFFFFFF)


def seccomp_program(pid: int) -> bytes | None:
    arch = _SYSCALLS.get(platform.machine())
    if arch is None:
        return None
    audit_arch, nr = arch
    LD_W_ABS, JEQ, JSET, RET = 0x20, 0x15, 0x45, 0x06
    deny = _RET_ERRNO | _EPERM
    prog = [
        _bpf(LD_W_ABS, 0, 0, 4),  # arch
        _bpf(JEQ, 1, 0, audit_arch),
        _bpf(RET, 0, 0, deny),  # another ABI (x32, i386): refuse everything
        _bpf(LD_W_ABS, 0, 0, 0),  # syscall number
    ]
    body: list[bytes] = []
    # clone3: pretend it does not exist, so libc falls back to clone (whose flags we can read)
    body += [_bpf(JEQ, 0, 1, nr["clone3"]), _bpf(RET, 0, 0, _RET_ERRNO | _ENOSYS)]
    # clone: threads only
    body += [_bpf(JEQ, 0, 4, nr["clone"]), _bpf(LD_W_ABS, 0, 0, 16), _bpf(JSET, 1, 0, _CLONE_THREAD),
             _bpf(RET, 0, 0, deny), _bpf(RET, 0, 0, _RET_ALLOW)]
    # kill: only itself (pid, 0 = its own group, -pid = its group as well)
    body += [_bpf(JEQ, 0, 6, nr["kill"]), _bpf(LD_W_ABS, 0, 0, 16), _bpf(JEQ, 2, 0, pid),
             _bpf(JEQ, 1, 0, 0), _bpf(JEQ, 0, 1, -pid), _bpf(RET, 0, 0, _RET_ALLOW), _bpf(RET, 0, 0, deny)]
    # Local sockets: the worker's own socket is inherited before confinement, so it never needs
    # a new one. Without this, Landlock and the network namespace leave UNIX-socket connect()
    # open, and a submission could reach the user's grading server or any other local daemon.
    body += [_bpf(JEQ, 0, 4, nr["socket"]), _bpf(LD_W_ABS, 0, 0, 16), _bpf(JEQ, 0, 1, _AF_UNIX),
             _bpf(RET, 0, 0, deny), _bpf(RET, 0, 0, _RET_ALLOW)]
    body += [_bpf(JEQ, 0, 4, nr["socketpair"]), _bpf(LD_W_ABS, 0, 0, 16), _bpf(JEQ, 0, 1, _AF_UNIX),
             _bpf(RET, 0, 0, deny), _bpf(RET, 0, 0, _RET_ALLOW)]
    # tgkill: only threads of itself
    body += [_bpf(JEQ, 0, 4, nr["tgkill"]), _bpf(LD_W_ABS, 0, 0, 16), _bpf(JEQ, 0, 1, pid),
             _bpf(RET, 0, 0, _RET_ALLOW), _bpf(RET, 0, 0, deny)]
    for name in ("connect", "fork", "vfork", "tkill", "ptrace", "process_vm_readv", "process_vm_writev", "mount",
                 "umount2", "unshare", "setns", "pivot_root", "chroot", "bpf", "perf_event_open", "kexec_load",
                 "init_module", "finit_module", "reboot", "pidfd_open", "pidfd_send_signal", "rt_sigqueueinfo",
                 "rt_tgsigqueueinfo"):
        if name in nr:
            body += [_bpf(JEQ, 0, 1, nr[name]), _bpf(RET, 0, 0, deny)]
    body.append(_bpf(RET, 0, 0, _RET_ALLOW))
    # Every path that loads an argument ends in RET, so the syscall number stays in the
    # accumulator for the blocks that follow.
    return b"".join(prog + body)


def _seccomp(pid: int) -> bool:
    program = seccomp_program(pid)
    if program is None:
        return False
    if _libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        return False
    filters = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.cast(filters, ctypes.c_void_p))
    return _libc.prctl(22, 2, ctypes.byref(fprog), 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER


def available_layers() -> list[str]:
    """What this machine can apply, for the report line (probed without applying)."""
    layers = []
    if sys.platform.startswith("linux"):
        layers += ["netns", "tmpfs"]  # confirmed per worker; an unprivileged machine may refuse them
        if landlock_abi():
            layers.append("landlock")
        if platform.machine() in _SYSCALLS:
            layers.append("seccomp")
    layers.append("rlimits")
    return layers
