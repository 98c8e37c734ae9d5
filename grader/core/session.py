"""The grader's side of one graded exercise: a worker running the student's module.

`StudentSession` loads the module in a worker, forwards calls with a deadline, and starts a
fresh worker when the last one died or was killed. `StudentProxy` is what checks receive as
the `student` fixture: attribute access reads the student's module, calls run in the worker,
and only plain values come back (tensors, numbers, strings, tuples, lists, dicts). Objects
that cannot travel (an `nn.Module`) come back as `Remote` handles.
"""

from __future__ import annotations

import difflib
import inspect
import socket
import textwrap
import time
from typing import TypedDict

from grader.remote import protocol, wire
from grader.remote.launcher import WorkerProcess, Zygote, describe_exit
from grader.core.outcomes import (LoadFailed, MissingName, NotImplementedYet, StudentRaised,
                             StudentTimeout, TimedOutBefore, WorkerCrashed)
from grader.remote.sandbox import Limits
from grader.core.submission import Submission


class CallRecord(TypedDict, total=False):
    """One call of a contract function during a check, as the misconception matcher reads it
    (misconceptions.identify): what went in, and what came back or was raised."""

    function: str
    args: tuple | list
    kwargs: dict
    value: object  # absent when the call raised
    raised: tuple[str, str, bool]  # (type, message, raised by the student's own `raise`)
    args_after: list  # with_inputs: the arguments as they were after the call
    grads: object  # with_grad: one tensor (or None) per `wrt`, or "not_connected"
    wrt: list[int]
    grad_output: object


class RulesSeen:
    """What the workers of one exercise reported about the contract's rules (protocol.RulesReport),
    kept across workers (a crash or a timeout starts a new one): each breach once, in order."""

    def __init__(self):
        self.violations: list[dict] = []
        self._keys: set[str] = set()
        self.returned: set[str] = set()  # contract functions that returned a value at least once
        self.placeholders: set[str] = set()  # ... that raised the stub's NotImplementedError
        self.replayed: set[str] = set()  # ... whose first call was replayed (calls independent)

    def absorb(self, report) -> None:
        if not isinstance(report, dict):
            return
        for violation in report.get("violations") or []:
            if not isinstance(violation, dict):
                continue
            key = repr(sorted((k, repr(v)) for k, v in violation.items()
                              if k not in ("before", "after", "index", "versions", "first", "again", "label")))
            if key not in self._keys:
                self._keys.add(key)
                self.violations.append(violation)
        self.returned.update(str(name) for name in report.get("returned") or [])
        self.placeholders.update(str(name) for name in report.get("placeholders") or [])

    def of(self, function: str | None, rules: tuple[str, ...]) -> list[dict]:
        return [v for v in self.violations if v.get("function") == function and v.get("rule") in rules]


def _record(function: str, args, kwargs=None, **outcome) -> CallRecord:
    return CallRecord(function=function, args=args, kwargs=kwargs or {}, **outcome)


def _raised(raised: StudentRaised) -> tuple[str, str, bool]:
    return raised.type, raised.message, raised.by_own_raise


class worker_function:
    """Decorator for a check's own function that must run inside the worker.

    The function still works locally (to compute the expected value with the reference),
    and travels to the worker as source code: ex2's `gradient(fn, x, y)` is called with
    functions the student has never seen. It may use `torch`, `nn`, `F` and `math` only.
    """

    def __init__(self, function):
        self.function = function
        self.__name__ = function.__name__
        source = textwrap.dedent(inspect.getsource(function))
        lines = source.splitlines()
        while lines and lines[0].lstrip().startswith("@"):
            lines.pop(0)
        self.source = wire.FunctionSource(function.__name__, "\n".join(lines) + "\n")

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)


class StudentSession:
    def __init__(self, zygote: Zygote, submission: Submission, limits: Limits,
                 check_time_limit: float, watch: dict | None = None, rules: protocol.Rules | None = None):
        self.zygote = zygote
        self.watch = dict(watch or {})  # what the worker watches (the exercise's [watch] table)
        self.rules_config = rules  # the contract's rules the worker applies (None: none)
        self.rules = RulesSeen()  # what it saw
        self.forbidden_uses: set[tuple[str, str]] = set()  # (function, forbidden call) the worker saw
        self.integrity: list[tuple[str, str]] = []  # (event, where): reaches into the worker it refused
        self.proven: set[str] = set()  # functions a passed value/gradient/convergence check called
        self.submission = submission
        self.limits = limits
        self.check_time_limit = check_time_limit
        self.worker: WorkerProcess | None = None
        self.generation = 0  # bumps on every new worker; handles from older ones are dead
        self.names: dict[str, str] = {}
        self.sandbox: list[str] = []  # the confinement layers in force in the worker
        self.deadline: float | None = None
        self.deadline_seconds = check_time_limit
        self.output_chunks: list[str] = []
        self.calls: list[CallRecord] = []  # contract-function calls of the current check, for diagnosis
        self.timed_out: set[str] = set()  # functions that ran out of time once: not called again
        self.memo: dict = {}  # StudentFunction.cached: (worker generation, call key) -> value

    # ------------------------------------------------------------ lifecycle

    def start(self, seconds: float) -> None:
        """Load the module in a first worker. Raises LoadFailed with the student's verdict."""
        # The zygote's own torch import (seconds on a loaded machine) is not the student's time.
        self.zygote.wait_ready()
        self.set_deadline(seconds)
        try:
            self._ensure_worker(during="while importing " + self.submission.filename)
        except (StudentTimeout, WorkerCrashed) as exc:
            raise LoadFailed(str(exc)) from exc
        except StudentRaised as exc:
            raise LoadFailed(_import_error_text(self.submission.filename, exc)) from exc

    def set_deadline(self, seconds: float) -> None:
        self.deadline_seconds = seconds
        self.deadline = time.monotonic() + seconds

    def close(self) -> None:
        if self.worker is not None:
            said_goodbye = False
            try:
                wire.send(self.worker.sock, protocol.EXIT)
                reply = wire.recv(self.worker.sock, deadline=time.monotonic() + 1.0, make_handle=self._handle)
                said_goodbye = bool(reply.get("bye"))
            except (OSError, EOFError, wire.WireError):
                pass
            self._retire(wait=not said_goodbye)

    def captured_output(self) -> str:
        if self.worker is not None:
            self.output_chunks.append(self.worker.output.text())
            self.worker.output.head.clear()
            self.worker.output.tail.clear()
            self.worker.output.total = 0
        return "".join(self.output_chunks)

    def _retire(self, wait: bool = True) -> int:
        worker, self.worker = self.worker, None
        status = worker.stop(wait)
        text = worker.output.text()
        if text:
            self.output_chunks.append(text)
        return status

    def _ensure_worker(self, during: str) -> WorkerProcess:
        if self.worker is not None:
            return self.worker
        self.worker = self.zygote.spawn(self.limits, warm=bool(self.watch))
        self.generation += 1
        reply = self._exchange(protocol.load(self.submission.source, self.submission.cells, self.submission.filename,
                                             self.submission.module, self.limits.required_layers, self.watch,
                                             self.rules_config),
                               during=during)
        self.rules.absorb(reply.get("rules"))
        self._note_integrity(reply)
        if not reply["ok"]:
            error = reply["error"]
            self._retire()
            if error.get("type") == protocol.REFUSED:
                raise LoadFailed(error["message"])
            if error.get("exit_at_import"):
                raise WorkerCrashed(f"exited during import ({error['message']})", "")
            raise StudentRaised(f"importing {self.submission.filename}", error)
        self.names = reply["names"]
        self.sandbox = reply.get("sandbox", [])
        return self.worker

    # ------------------------------------------------------------ requests

    def _exchange(self, message: dict, during: str) -> dict:
        worker = self.worker
        try:
            wire.send(worker.sock, message)
            reply = wire.recv(worker.sock, deadline=self.deadline, make_handle=self._handle)
            problem = protocol.reply_problem(reply)
            if problem:
                raise wire.WireError(problem)
            return reply
        except socket.timeout:
            self._retire()
            raise StudentTimeout(self.deadline_seconds, during) from None
        except (EOFError, OSError):
            status = self._retire()
            raise WorkerCrashed(describe_exit(status), during) from None
        except wire.WireError as exc:
            self._retire()
            raise WorkerCrashed(f"sent a reply the grader refused ({exc})", during) from None

    def _note_integrity(self, reply: dict) -> None:
        for finding in protocol.integrity_findings(reply):
            if finding not in self.integrity and len(self.integrity) < protocol.MAX_INTEGRITY_FINDINGS:
                self.integrity.append(finding)

    def _handle(self, ref: wire.HandleRef) -> "Remote":
        return Remote(self, ref, self.generation)

    def request(self, message: dict, label: str) -> dict:
        """Send one request; return the reply's fields or raise the student's problem."""
        during = f"in {label}"
        self._ensure_worker(during)
        reply = self._exchange(message, during)
        self.forbidden_uses.update((str(f), str(label)) for f, label in reply.get("forbidden") or [])
        self.rules.absorb(reply.get("rules"))
        self._note_integrity(reply)
        if reply["ok"]:
            return reply
        error = reply["error"]
        if error.get("not_implemented"):
            raise NotImplementedYet(error.get("function") or label.split("(")[0])
        if error.get("type") == protocol.REFUSED:
            raise RuntimeError(f"the worker refused a request: {error['message']}")
        raise StudentRaised(label, error)

    def call(self, target, args=(), kwargs=None, *, label: str, grad=None, return_args=False,
             with_module=False) -> dict:
        if isinstance(target, str) and target in self.timed_out:
            raise TimedOutBefore(target)
        try:
            return self._call(target, args, kwargs, label=label, grad=grad, return_args=return_args,
                              with_module=with_module)
        except StudentTimeout:
            if isinstance(target, str):
                self.timed_out.add(target)
            raise

    def call_many(self, target, calls: list[list], *, label: str, with_module: bool = False) -> dict:
        if isinstance(target, str) and target in self.timed_out:
            raise TimedOutBefore(target)
        try:
            return self.request(protocol.call_many(target, calls, with_module=with_module), label)
        except StudentTimeout:
            if isinstance(target, str):
                self.timed_out.add(target)
            raise

    def judge_rules(self, function: str | None, label: str) -> bool:
        """Ask the worker to judge the rules now (grader/core/contract.py): the module's names, and
        `function`'s first call replayed. True when it had a call to replay."""
        if function is not None and function in self.timed_out:
            raise TimedOutBefore(function)
        try:
            replayed = bool(self.request(protocol.rules(function), label).get("replayed"))
        except StudentTimeout:
            if function is not None:
                self.timed_out.add(function)
            raise
        if replayed:
            self.rules.replayed.add(function)
        return replayed

    def _call(self, target, args, kwargs, *, label, grad, return_args, with_module) -> dict:
        return self.request(protocol.call(target, args, kwargs, grad=grad, return_args=return_args,
                                          with_module=with_module), label)


def _import_error_text(filename: str, exc: StudentRaised) -> str:
    if exc.blocked_by_sandbox():
        return f"{filename}, while being imported, {exc.blocked_by_sandbox()}"
    if exc.is_a("ModuleNotFoundError") or exc.is_a("ImportError"):
        return (f"{filename} could not be imported: {exc.type}: {exc.message} ({exc.where}). "
                "Only torch, math and the standard library are available.")
    return f"{filename} raised {exc.type} while being imported: {exc.message} ({exc.where})"


def _call_label(name: str, args, kwargs) -> str:
    return f"{name}({', '.join(_describe_arg(a) for a in args)})"


def _describe_arg(value) -> str:
    import torch

    if isinstance(value, torch.Tensor):
        return f"<{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}>"
    if isinstance(value, wire.FunctionSource):
        return value.name
    if isinstance(value, worker_function):
        return value.__name__
    if isinstance(value, Remote):
        return value.type_name.rsplit(".", 1)[-1]
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _wire_args(args):
    """Check functions travel as source, remote objects as their handle."""
    out = []
    for a in args:
        if isinstance(a, worker_function):
            a = a.source
        elif isinstance(a, Remote):
            a = a._alive()
        out.append(a)
    return out


class StudentFunction:
    """A function of the student's module; calling it runs it in the worker."""

    def __init__(self, session: StudentSession, name: str):
        self.session = session
        self.name = name

    def __call__(self, *args, **kwargs):
        label = _call_label(self.name, args, kwargs)
        try:
            value = self.session.call(self.name, _wire_args(args), kwargs, label=label)["value"]
        except StudentRaised as raised:
            self.session.calls.append(_record(self.name, args, kwargs, raised=_raised(raised)))
            raise
        self.session.calls.append(_record(self.name, args, kwargs, value=value))
        return value

    def cached(self, *args, observed: bool = False):
        """Call it once per worker for these arguments, and reuse the answer in later checks
        (for slow calls such as training; the worker seeds every call, so it is the same).
        With `observed`, return (value, what the worker saw: see watch.TrainingWatch)."""
        from grader.core.recorded import call_key

        key = (self.session.generation, call_key(self.name, list(args)))
        if key not in self.session.memo:
            label = _call_label(self.name, args, {})
            try:
                reply = self.session.call(self.name, _wire_args(args), label=label)
            except StudentRaised as raised:
                self.session.calls.append(_record(self.name, args, raised=_raised(raised)))
                raise
            self.session.calls.append(_record(self.name, args, value=reply["value"]))
            self.session.memo[key] = (reply["value"], reply.get("observed"))
        value, seen = self.session.memo[key]
        return (value, seen) if observed else value

    def many(self, calls: list[list]) -> list:
        """Call it on every argument list in one round trip. Each outcome is the value, or
        the StudentRaised (NotImplementedYet for a placeholder) that call raised."""
        label = f"{self.name}(...) on {len(calls)} generated inputs"
        reply = self.session.call_many(self.name, [_wire_args(args) for args in calls], label=label)
        return _outcomes(self.name, calls, reply["results"], lambda args: _call_label(self.name, args, {}))

    def with_inputs(self, *args):
        """Call it and also get back its arguments as they were after the call."""
        label = _call_label(self.name, args, {})
        reply = self.session.call(self.name, _wire_args(args), label=label, return_args=True)
        self.session.calls.append(_record(self.name, args, value=reply["value"], args_after=reply["args"]))
        return reply["value"], reply["args"]

    def with_grad(self, *args, wrt: list[int], grad_output=None):
        """Call it and backpropagate `grad_output` through the result in the worker.

        Returns (value, grads) where grads holds one tensor (or None when unused) per index
        in `wrt`, or the string "not_connected" when the result has no autograd graph.
        """
        label = _call_label(self.name, args, {})
        reply = self.session.call(self.name, _wire_args(args), label=label,
                                  grad={"wrt": list(wrt), "grad_output": grad_output})
        grads = reply["grads"]
        if isinstance(grads, dict):
            grads = grads.get("error", "not_connected")
        self.session.calls.append(_record(self.name, args, value=reply["value"], grads=grads, wrt=list(wrt),
                                          grad_output=grad_output))
        return reply["value"], grads


class StudentProxy:
    """The `student` fixture: the student's module, seen from the grader."""

    def __init__(self, session: StudentSession):
        object.__setattr__(self, "_session", session)

    @property
    def names(self) -> dict[str, str]:
        return dict(self._session.names)

    @property
    def filename(self) -> str:
        return self._session.submission.filename

    def has(self, name: str) -> bool:
        return name in self._session.names

    def forbidden_calls(self, functions: list[str]) -> list[str]:
        """Forbidden calls the worker saw these functions make while they ran ([watch] in
        exercise.toml), whatever route reached them: "broadcast_shape called torch.…"."""
        return [f"{function} called {label}" for function, label in sorted(self._session.forbidden_uses)
                if function in functions]

    def __getattr__(self, name: str):
        session = self._session
        if name.startswith("_"):
            raise AttributeError(name)
        session._ensure_worker(f"in {name}")
        kind = session.names.get(name)
        if kind is None:
            raise self._missing(name)
        if kind == "function":
            return StudentFunction(session, name)
        return session.request(protocol.value(name), label=name)["value"]

    def _missing(self, name: str) -> MissingName:
        session = self._session
        candidates = [n for n, k in session.names.items() if k != "module"]
        suggestions = difflib.get_close_matches(name, candidates, n=2, cutoff=0.6)
        return MissingName(name, session.submission.filename, suggestions)

    def runner(self, function: worker_function) -> "CheckFunction":
        """A check's own worker function as a callable with `many`, for property checks."""
        return CheckFunction(self, function)

    def run(self, function: worker_function, *args):
        """Run a check's own function in the worker as `function(module, *args)`."""
        label = f"{function.__name__}({', '.join(_describe_arg(a) for a in args)})"
        try:
            return self._session.call(function.source, _wire_args(args), label=label, with_module=True)["value"]
        except StudentRaised as raised:
            # The check's function reached for a name the module lacks: say so as for `student.name`.
            if raised.missing_name:
                raise self._missing(raised.missing_name) from None
            raise


def _outcomes(name: str, calls: list, results: list, label_of) -> list:
    """A `call_many` reply as one outcome per call: the value, or the StudentRaised it raised.
    A placeholder still raising NotImplementedError ends the check as 'not implemented yet'."""
    outcomes = []
    for args, result in zip(calls, results):
        if "error" not in result:
            outcomes.append(result["value"])
        elif result["error"].get("not_implemented"):
            raise NotImplementedYet(result["error"].get("function") or name)
        else:
            outcomes.append(StudentRaised(label_of(args), result["error"]))
    return outcomes


class CheckFunction:
    """`student.runner(fn)`: a check's worker function, called as `fn(module, *args)`."""

    def __init__(self, proxy: StudentProxy, function: worker_function):
        self.proxy, self.function = proxy, function
        self.session = proxy._session

    def __call__(self, *args):
        return self.proxy.run(self.function, *args)

    def many(self, calls: list[list]) -> list:
        label = f"{self.function.__name__}(...) on {len(calls)} generated inputs"
        reply = self.session.call_many(self.function.source, [_wire_args(args) for args in calls], label=label,
                                       with_module=True)
        return _outcomes(self.function.__name__, calls, reply["results"], lambda args: f"{self.function.__name__}(...)")


class Remote:
    """An object that stays in the worker (an nn.Module, say). Calls run over there."""

    def __init__(self, session: StudentSession, ref: wire.HandleRef, generation: int):
        self._session = session
        self._ref = ref
        self._generation = generation
        self.type_name = ref.type_name
        self.is_module = ref.is_module
        self.is_callable = ref.is_callable
        self.text = ref.text

    def __repr__(self) -> str:
        return f"<{self.type_name} in the worker: {self.text[:80]}>"

    def _alive(self) -> wire.HandleRef:
        if self._generation != self._session.generation or self._session.worker is None:
            from grader.core.outcomes import CheckFailure

            raise CheckFailure(f"the {self.type_name} returned earlier was lost when the worker restarted")
        return self._ref

    def __call__(self, *args):
        label = f"{self.type_name}({', '.join(_describe_arg(a) for a in args)})"
        return self._session.call(self._alive(), _wire_args(args), label=label)["value"]

    def attr(self, name: str):
        return self._session.request(protocol.getattr_(self._alive(), name),
                                     label=f"{self.type_name}.{name}")["value"]

    def method(self, name: str, *args):
        bound = self.attr(name)
        if not isinstance(bound, Remote):
            from grader.core.outcomes import CheckFailure

            raise CheckFailure(f"{self.type_name}.{name} is not a method")
        return bound(*args)
