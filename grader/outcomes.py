"""Exceptions that end a check, each mapped to one verdict by the plugin.

check50-style: a failing check raises `CheckFailure` carrying what was expected, what
came back and advice; the others describe what the student's code did in the worker.
"""

from __future__ import annotations


class CheckFailure(AssertionError):
    """The submission's answer is wrong. `message` is the one line a student reads first."""

    def __init__(self, message: str, *, expected=None, actual=None, help: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.actual = actual
        self.help = help

    def text(self) -> str:
        parts = [self.message]
        if self.help:
            parts.append(self.help)
        return "\n".join(parts)


class StudentProblem(Exception):
    """Something the student's code did (raised, hung, crashed), not a wrong value."""

    status = "failed"

    def text(self) -> str:
        return str(self)


class StudentRaised(StudentProblem):
    def __init__(self, call: str, error: dict):
        self.call = call
        self.type = error.get("type", "Exception")
        self.mro = error.get("mro", [])
        self.message = error.get("message", "")
        self.where = error.get("where", "")
        super().__init__(self.text())

    def is_a(self, exception_name: str) -> bool:
        return exception_name in self.mro

    @property
    def by_own_raise(self) -> bool:
        """Raised by a `raise` statement of the student's (not by an operation on bad inputs)."""
        return self.where.split(": ", 1)[-1].lstrip().startswith("raise")

    @property
    def out_of_memory(self) -> bool:
        return self.type == "MemoryError" or "can't allocate memory" in self.message

    def blocked_by_sandbox(self) -> str | None:
        """What the sandbox stopped, when the exception says so; else None."""
        if self.out_of_memory:
            return "exceeded the memory limit (4 GiB)"
        if "[Errno 13] Permission denied" in self.message:
            path = self.message.split("Permission denied", 1)[1].strip(": ")
            return f"tried to read or write outside its folder{' (' + path + ')' if path else ''}: the sandbox blocked it"
        if self.is_a("OSError") and "[Errno 1] Operation not permitted" in self.message:
            return "tried something the sandbox forbids (starting a process, signalling another process): blocked"
        if self.is_a("OSError") and "[Errno 101] Network is unreachable" in self.message:
            return "tried to use the network: the sandbox has none"
        return None

    def text(self) -> str:
        blocked = self.blocked_by_sandbox()
        if blocked:
            return f"{self.call} {blocked}"
        first_line = self.message.strip().splitlines()[0] if self.message.strip() else ""
        text = f"{self.call} raised {self.type}" + (f": {first_line[:300]}" if first_line else "")
        if self.where:
            text += f" ({self.where})"
        return text + self._known_cause()

    def _known_cause(self) -> str:
        """A beginner's slip that the message alone does not explain."""
        code = self.where.split(": ", 1)[-1]
        if "bitwise_xor" in self.message or ("^" in code and "xor" in self.message.lower()):
            return ". In Python `^` is bitwise XOR, not a power: write `x**2`, not `x^2`."
        return ""


class NotImplementedYet(StudentProblem):
    def __init__(self, function: str):
        self.function = function
        super().__init__(f"`{function}` is not implemented yet (it still raises NotImplementedError)")


class MissingName(StudentProblem):
    def __init__(self, name: str, filename: str, suggestions: list[str]):
        self.function = name
        hint = f"; found {', '.join(f'`{s}`' for s in suggestions)}" if suggestions else ""
        super().__init__(f"no `{name}` in {filename}{hint}")


class StudentTimeout(StudentProblem):
    status = "timeout"

    def __init__(self, seconds: float, during: str):
        super().__init__(f"timed out after {seconds:g} s {during}".rstrip())


class TimedOutBefore(StudentProblem):
    """A function that already ran out of time is not given the time again."""

    status = "skipped"

    def __init__(self, function: str):
        self.function = function
        super().__init__(f"skipped: `{function}` timed out in an earlier check")


class WorkerCrashed(StudentProblem):
    status = "error"

    def __init__(self, description: str, during: str):
        super().__init__(f"the submission {description} {during}".rstrip())


class ExerciseTimeUp(StudentProblem):
    status = "timeout"

    def __init__(self, seconds: float):
        super().__init__(f"not run: the exercise's {seconds:g} s time limit was used up")


class LoadFailed(Exception):
    """The student's module could not be loaded at all: one verdict for the exercise."""
