"""Exceptions that end a check, each mapped to one verdict by the plugin.

check50-style: a failing check raises `CheckFailure` carrying what was expected, what
came back and advice; the others describe what the student's code did in the worker.
"""

from __future__ import annotations

import errno

from grader.core.results import Status


class DtypeFound(str):
    """A dtype failure's `actual`: the dtype's name that came back (a str, as before), which also
    remembers whether the values, cast, would have matched. It travels with `actual`, so a check
    that re-raises a failure with the same `actual` (property checks do) keeps the verdict."""

    def __new__(cls, name: str, *, values_match: bool):
        found = super().__new__(cls, name)
        found.values_match = values_match
        return found


class CheckFailure(AssertionError):
    """The submission's answer is wrong. `message` is the one line a student reads first."""

    def __init__(self, message: str, *, expected=None, actual=None, help: str | None = None,
                 stub: bool = False):
        super().__init__(message)
        self.stub = stub  # the answer is still the stub's placeholder: the exercise is not started
        self.message = message
        self.expected = expected
        self.actual = actual
        self.help = help

    @property
    def dtype_only(self) -> bool:
        """Wrong only in its dtype: the values, cast, match (the dependency rule reads this)."""
        return isinstance(self.actual, DtypeFound) and self.actual.values_match

    @property
    def dtype_problem(self) -> tuple[str, str] | None:
        """(dtype returned, dtype expected) of a dtype-only failure; None otherwise."""
        return (str(self.actual), str(self.expected)) if self.dtype_only else None

    def text(self) -> str:
        parts = [self.message]
        if self.help:
            parts.append(self.help)
        return "\n".join(parts)


class StudentProblem(Exception):
    """Something the student's code did (raised, hung, crashed), not a wrong value."""

    status = Status.FAILED

    def text(self) -> str:
        return str(self)


class StudentRaised(StudentProblem):
    """The student's code raised an exception in `call` (in the worker): its class's name
    (`type`), its message (`message`) and where (`where`). A check that lets it propagate fails
    with the error and the student's line that raised it; `expect_raises` returns it when it
    was expected."""

    def __init__(self, call: str, error: dict):
        self.call = call
        self.type = error.get("type", "Exception")
        self.mro = error.get("mro", [])
        self.message = error.get("message", "")
        self.where = error.get("where", "")
        self.errno = error.get("errno")  # for an OSError: what the system refused
        self.path = error.get("path", "")
        self.missing_name = error.get("missing_name")  # an AttributeError for a name the module lacks
        self._own_raise = bool(error.get("own_raise"))
        self._out_of_memory = bool(error.get("out_of_memory"))
        self._xor_as_power = bool(error.get("xor_as_power"))
        super().__init__(self.text())

    def is_a(self, exception_name: str) -> bool:
        """Is it an `exception_name` ("ValueError"), a subclass of one included?"""
        return exception_name in self.mro

    @property
    def by_own_raise(self) -> bool:
        """Raised by a `raise` statement of the student's (not by an operation on bad inputs)."""
        return self._own_raise

    @property
    def out_of_memory(self) -> bool:
        return self._out_of_memory

    def blocked_by_sandbox(self) -> str | None:
        """What the sandbox stopped, read from the error's type and errno; else None."""
        if self.out_of_memory:
            return "exceeded the memory limit (4 GiB)"
        if self.errno == errno.EACCES:
            where = f" ({self.path})" if self.path else ""
            return f"tried to read or write outside its folder{where}: the sandbox blocked it"
        if self.errno == errno.EPERM:
            return "tried something the sandbox forbids (starting a process, signalling another process): blocked"
        if self.errno == errno.ENETUNREACH:
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
        if self._xor_as_power:
            return ". In Python `^` is bitwise XOR, not a power: write `x**2`, not `x^2`."
        return ""


class NotImplementedYet(StudentProblem):
    """A function still raises the stub's NotImplementedError: the check ends as "not
    implemented yet", not as a failure."""

    def __init__(self, function: str):
        self.function = function
        super().__init__(f"`{function}` is not implemented yet (it still raises NotImplementedError)")


class MissingName(StudentProblem):
    def __init__(self, name: str, filename: str, suggestions: list[str]):
        self.function = name
        hint = f"; found {', '.join(f'`{s}`' for s in suggestions)}" if suggestions else ""
        super().__init__(f"no `{name}` in {filename}{hint}")


class StudentTimeout(StudentProblem):
    """The student's code ran out of time (the check's time limit, in CPU seconds of its worker,
    grader.core.timebudget): the check ends as timed out. `waited`: the wall-clock backstop
    ended it instead, after (wall seconds, CPU seconds) in which the code computed little."""

    status = Status.TIMEOUT

    def __init__(self, seconds: float, during: str, waited: tuple[float, float] | None = None):
        self.seconds, self.waited = seconds, waited
        if waited is None:
            super().__init__(f"timed out after {seconds:g} s {during}".rstrip())
        else:
            wall, cpu = waited
            super().__init__(f"timed out {during}: it had not finished after {wall:.0f} s, in which it computed for "
                             f"only {cpu:.1f} s (is it sleeping, or waiting for something that never comes?)")

    def during(self, during: str) -> "StudentTimeout":
        """The same timeout, said to have happened `during` something else (the student's own
        call rather than the grader's helper that made it)."""
        return StudentTimeout(self.seconds, during, self.waited)


class TimedOutBefore(StudentProblem):
    """A function that already ran out of time is not given the time again."""

    status = Status.SKIPPED

    def __init__(self, function: str):
        self.function = function
        super().__init__(f"skipped: `{function}` timed out in an earlier check")


class WorkerCrashed(StudentProblem):
    status = Status.ERROR

    def __init__(self, description: str, during: str):
        super().__init__(f"the submission {description} {during}".rstrip())


class ExerciseTimeUp(StudentProblem):
    status = Status.TIMEOUT

    def __init__(self, seconds: float):
        super().__init__(f"not run: the exercise's {seconds:g} s time limit was used up")


class LoadFailed(Exception):
    """The student's module could not be loaded at all: one verdict for the exercise."""
