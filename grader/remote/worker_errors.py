"""An exception in the worker, described for the grader (this module runs in the worker).

The grader decides from fields, not from an exception's words: where in the student's file
it was raised, by which function, whether it is the stub's `raise NotImplementedError` or a
`raise` of the student's own, a name the module lacks. This is the one place that reads an
exception's message, and only torch's: its allocator failing and `^` meeting floats, which
torch says no other way. The worker's own refusals (`Refused`, a `sys.exit` while the module
was imported) are described apart.
"""

from __future__ import annotations

import builtins
import traceback

from grader.remote import protocol, wire


class Refused(Exception):
    """A request that cannot be served (unknown name, bad target)."""


class ExitAtImport(Exception):
    """The student's module called sys.exit while it was imported."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def describe(exc: BaseException, filename: str, module) -> protocol.ErrorInfo:
    """`exc` as the grader reads it; `filename`: the student's file (its notebook cells are
    named after it); `module`: the student's module, once it was imported."""
    if isinstance(exc, ExitAtImport):
        return {"type": "SystemExit", "mro": ["SystemExit"], "message": f"sys.exit({exc.code!r})",
                "where": "", "exit_at_import": True, "not_implemented": False}
    if isinstance(exc, (Refused, wire.WireError)):
        return protocol.refused(str(exc))
    try:
        message = str(exc)
    except Exception:
        message = "<unprintable message>"
    error = {
        "type": _class_name(type(exc)),
        "mro": [_class_name(c) for c in type(exc).__mro__],
        "message": message[:2000],
        "where": _where(exc, filename),
        "function": _student_function(exc, filename),
        "not_implemented": _raised_as_placeholder(exc, filename),
        "own_raise": _raised_by_student(exc, filename),
        # torch says only in words that its allocator failed, or that `^` (XOR) met floats:
        # this is the one place that reads a message, and only torch's.
        "out_of_memory": isinstance(exc, MemoryError)
        or (isinstance(exc, RuntimeError) and "can't allocate memory" in message),
        "xor_as_power": "bitwise_xor" in message
        or ("^" in _where(exc, filename).split(": ", 1)[-1] and "xor" in message.lower()),
    }
    if isinstance(exc, OSError):
        error["errno"] = exc.errno
        error["path"] = str(exc.filename)[:300] if exc.filename is not None else ""
    if isinstance(exc, AttributeError) and module is not None and getattr(exc, "obj", None) is module:
        error["missing_name"] = str(exc.name)  # a name the student's module lacks
    return error


def _raised_by_student(exc: BaseException, filename: str) -> bool:
    """Raised by a `raise` statement in the student's file (not by an operation on bad inputs)."""
    frames = _student_frames(exc, filename)
    return bool(frames) and (frames[-1].line or "").lstrip().startswith("raise")


def _raised_as_placeholder(exc: BaseException, filename: str) -> bool:
    """A `raise NotImplementedError` of the student's own (a stub still to fill in), not one
    that torch raised from inside an operation (`x ^ 2` on floats)."""
    if not isinstance(exc, NotImplementedError):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    innermost = frames[-1] if frames else None
    return innermost is not None and innermost.filename.startswith(filename) \
        and (innermost.line or "").lstrip().startswith("raise")


def _student_frames(exc: BaseException, filename: str):
    return [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(filename)]


def _student_function(exc: BaseException, filename: str) -> str | None:
    frames = _student_frames(exc, filename)
    return frames[-1].name if frames and frames[-1].name != "<module>" else None


def _where(exc: BaseException, filename: str) -> str:
    """'line 12, in forward' for the deepest frame inside the student's file."""
    frames = _student_frames(exc, filename)
    if not frames:
        return ""
    last = frames[-1]
    text = f"line {last.lineno}, in {last.name}" if last.name != "<module>" else f"line {last.lineno}"
    if last.filename != filename:  # a notebook cell
        text = f"{last.filename.removeprefix(filename).strip()}, {text}"
    if last.line:
        text += f": {last.line.strip()[:120]}"
    return text


def _class_name(cls: type) -> str:
    """An exception class's name as the grader decides from it: a class of the student's that
    takes a built-in's name (`class ValueError(TypeError)`) is named with its module, so that
    it is not taken for the built-in."""
    name = getattr(cls, "__name__", "?")
    if hasattr(builtins, name) and getattr(builtins, name) is not cls:
        return f"{getattr(cls, '__module__', '?')}.{name}"
    return name
