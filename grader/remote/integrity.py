"""What graded code may not do to the grader's instruments (runs in the worker).

The worker is both the sandbox and the measuring instrument: the watches that see forbidden
calls, training and the contract's rules live in the same process as the student's code. A
student who reaches them (a frame up the stack, the garbage collector's list of objects, a
profile hook switched off, ctypes writing memory) can make them report anything. No measure
inside a process is safe from code that owns it; this one makes cheating cost effort, and
makes it seen.

A PEP 578 audit hook, installed before the student's module is imported (an audit hook
cannot be removed from Python), refuses with PermissionError, and records as an integrity
finding, what reaching into the worker needs, whenever graded code is on the stack:
frames of the worker (`sys._getframe`, `sys._current_frames`, a traceback's, generator's or
coroutine's frame; also through `inspect` and `traceback.walk_*`, which hand frames on),
enumerating objects (`gc.get_objects`, `get_referrers`, `get_referents`), replacing the
profile or trace hook, `ctypes`, starting processes, and importing `_thread` or `threading`
afresh (the watches wrap their thread starters, so that new threads inherit the watch). Library code that only uses a frame
for itself (namedtuple, enum, typing, dataclasses, logging's caller lookup, printing a
traceback) is left alone.

"Graded code" is code from the student's file (and notebook cells) and any code compiled at
run time outside the Python installation and the grader (`exec` of a string included);
check-supplied functions ("<check function ...>") are the grader's.

The findings are kept in this module's closure, which no Python code can reach once the
hook is installed, and the worker adds them to every reply.
"""

from __future__ import annotations

import errno
import os
import sys

# Starting a process: seccomp refuses it too; EPERM here gives the sandbox's own verdict.
PROCESSES = {"os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "subprocess.Popen",
             "pty.spawn"}
# Always refused while graded code is on the stack.
REFUSED = ("sys._current_frames", "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.setprofile",
           "sys.settrace", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
           "subprocess.Popen", "pty.spawn", "sys.remote_exec")
REFUSED_PREFIXES = ("ctypes.", "sys.monitoring", "_xxsubinterpreters", "_interpreters")
# Modules whose functions the worker's watches wrap (watch_threads.py: new threads inherit the watch):
# importing them afresh (after deleting them from sys.modules) would hand out the originals.
REIMPORT_REFUSED = {"_thread", "threading"}
FRAME_ATTRIBUTES = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back"}
# Library functions that hand frames on to their caller: their caller decides.
_HANDS_ON = {("inspect.py", None), ("traceback.py", "walk_tb"), ("traceback.py", "walk_stack"),
             ("logging/__init__.py", "currentframe"), ("logging/__init__.py", "<lambda>")}
MAX_FINDINGS = 50


def _trusted_roots() -> tuple[str, ...]:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # grader/
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, here}
    try:
        import torch

        roots.add(os.path.dirname(os.path.dirname(os.path.abspath(torch.__file__))))
    except ImportError:
        pass
    return tuple(sorted(os.path.join(os.path.realpath(r), "") for r in roots))


class Guard:
    """The hook's owner on the worker's side: which files are graded code, and the findings.
    `install` hands the hook its own references, so replacing this object's attributes later
    changes nothing the hook sees."""

    def __init__(self, trusted: tuple[str, ...] = ()):
        self._trusted = tuple(trusted)  # more files of the grader's own (a test's harness)
        self._graded: set[str] = set()
        self._findings: list[dict] = []
        self._installed = False

    def graded(self, label: str) -> None:
        """`label` (the student's file, a notebook cell) is graded code."""
        self._graded.add(label)

    def findings(self) -> list[dict]:
        return [dict(f) for f in self._findings]

    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        sys.addaudithook(_make_hook(self._graded, self._findings, _trusted_roots() + self._trusted))


def _make_hook(graded: set, findings: list, roots: tuple):
    getframe = sys._getframe
    busy = [False]

    def untrusted(code) -> bool:
        name = code.co_filename
        if name in graded:
            return True
        if name.startswith(("<check function", "<frozen ")):
            return False
        return not name.startswith(roots)

    def hands_on(code) -> bool:
        name = code.co_filename.replace(os.sep, "/")
        return any(name.endswith("/" + module) and (function is None or code.co_name == function)
                   for module, function in _HANDS_ON)

    def graded_on_stack(frame):
        # The outermost frame is the interpreter's entry point (the zygote's `python -c`
        # bootstrap, "<string>"): never the student's, who cannot start a stack of their own.
        while frame is not None and frame.f_back is not None:
            if untrusted(frame.f_code):
                return frame
            frame = frame.f_back
        return None

    def asked_by_graded_code(frame) -> bool:
        """Whether graded code asked for this (directly, or through a library that hands the
        frames it gets on to its caller)."""
        while frame is not None and hands_on(frame.f_code) and not untrusted(frame.f_code):
            frame = frame.f_back
        return frame is not None and untrusted(frame.f_code)

    def record(event: str, culprit) -> None:
        if len(findings) < MAX_FINDINGS:
            where = f"{os.path.basename(culprit.f_code.co_filename)}:{culprit.f_lineno}" if culprit else ""
            findings.append({"event": event, "where": where})

    def hook(event: str, args: tuple) -> None:
        if busy[0]:
            return
        if event == "grader.watch_handed_over":  # a watch saw graded code take hold of it
            busy[0] = True
            try:
                record(f"{args[0] if args else event}", graded_on_stack(getframe(1)))
            finally:
                busy[0] = False
            return
        frame_attribute = event == "object.__getattr__" and len(args) > 1 and args[1] in FRAME_ATTRIBUTES
        reimport = event == "import" and bool(args) and args[0] in REIMPORT_REFUSED
        if not (event in REFUSED or event.startswith(REFUSED_PREFIXES) or event == "sys._getframe"
                or frame_attribute or reimport):
            return
        busy[0] = True
        try:
            caller = getframe(1)  # the code that did what raised the event
            culprit = graded_on_stack(caller)
            if culprit is None:
                return  # the worker's own code, with no student code under it
            if event == "sys._getframe" or frame_attribute:
                if not asked_by_graded_code(caller):
                    return  # a library using a frame for itself (namedtuple, logging, printing a traceback)
                label = f"{event} ({args[1]})" if frame_attribute else event
            elif reimport:
                label = f"import {args[0]} afresh"
            else:
                label = event
            record(label, culprit)
        finally:
            busy[0] = False
        if event in PROCESSES:
            raise PermissionError(errno.EPERM, f"{label}: no new processes in graded code")
        raise PermissionError(f"{label} is not allowed in graded code (it would reach into the grader)")

    return hook


# What the grader's own worker-side code (checks' worker functions, the rules, the watches)
# calls through shared modules: graded code that replaces one (`torch.equal = lambda *a: True`)
# would make the instruments lie.
PRISTINE_MODULES = ("torch", "torch.autograd", "torch.nn.functional", "torch.optim", "math", "builtins", "copy")
# torch rebinds this itself on first use of torch._dynamo (wrapped in _disable_dynamo), and no
# instrument relies on it.
PRISTINE_EXEMPT = {"torch.manual_seed"}
PRISTINE_CLASSES = ("torch.Tensor", "torch.nn.Module", "torch.nn.Parameter", "torch.optim.Optimizer",
                    "torch.autograd.Function")


def pristine_check():
    """A function that, called after each request, returns the names of the shared functions
    graded code replaced or deleted since now (and added, on the classes: an override),
    putting the originals back. The snapshot lives in its closure, out of graded code's reach."""
    import importlib

    saved = []
    for dotted in PRISTINE_MODULES + PRISTINE_CLASSES:
        module_name, _, attribute = dotted.rpartition(".") if dotted in PRISTINE_CLASSES else (dotted, "", "")
        try:
            owner = importlib.import_module(module_name)
            owner = getattr(owner, attribute) if attribute else owner
        except (ImportError, AttributeError):
            continue
        saved.append((dotted, owner, dict(vars(owner)), isinstance(owner, type)))
    missing = object()

    def changed() -> list[str]:
        found = []
        for dotted, owner, before, is_class in saved:
            now = vars(owner)
            if len(now) == len(before) and all(now.get(k, missing) is v for k, v in before.items()):
                continue
            for key, value in before.items():
                if now.get(key, missing) is not value and f"{dotted}.{key}" not in PRISTINE_EXEMPT:
                    found.append(f"{dotted}.{key}")
                    try:
                        setattr(owner, key, value)
                    except Exception:
                        pass
            if is_class:
                for key in [k for k in now if k not in before]:
                    found.append(f"{dotted}.{key}")
                    try:
                        delattr(owner, key)
                    except Exception:
                        pass
        return found

    return changed
