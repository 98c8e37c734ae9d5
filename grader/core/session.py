"""The grader's side of one graded exercise: a worker running the student's module.

`StudentSession` loads the module in a worker, forwards requests within a time budget (the
worker's CPU time, grader.core.timebudget), and starts
a fresh worker when the last one died or was killed; it keeps what the workers reported
(the contract's rules, forbidden calls, refused reaches into the worker) across workers, and
the calls of the current check (`CallRecord`). Checks reach it through the `student` fixture
(`grader.core.student`); objects that stay in the worker come back as `Remote` handles
(`grader.core.handles`).
"""

from __future__ import annotations

import socket
import time
from typing import TypedDict

from grader.core.handles import Remote
from grader.core.outcomes import (LoadFailed, NotImplementedYet, StudentRaised, StudentTimeout, TimedOutBefore,
                                  WorkerCrashed)
from grader.core.submission import Submission
from grader.core.timebudget import TimeBudget
from grader.remote import protocol, wire
from grader.remote.launcher import WorkerProcess, Zygote, describe_exit
from grader.remote.sandbox import Limits


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
        self.budget = TimeBudget(check_time_limit)  # the current check's (set_deadline)
        self.cpu_before = 0.0  # CPU seconds the workers used in earlier budgets of this session
        self.waited_before = 0.0  # seconds spent waiting for replies in earlier budgets (timebudget.py)
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
        """Give the next requests `seconds` of the worker's CPU time between them."""
        self.cpu_before += self.budget.cpu_used
        self.waited_before += self.budget.waited
        self.budget = TimeBudget(seconds)

    def forget_attempt(self, timed_out_before: set[str]) -> None:
        """Forget an attempt at a check that is measured again (plugin.py): the functions it timed
        out and the CPU time it used (the current budget, not yet folded in). What the worker was
        seen doing (forbidden calls, refused reaches into the grader) stays: the second attempt
        does it again, and a submission may not hide it behind a timeout."""
        self.timed_out = set(timed_out_before)
        self.budget = TimeBudget(self.budget.seconds)

    def start_next_worker(self, seconds: float) -> None:
        """Start and load the next worker now, with `seconds` of its own (the exercise's time, not
        a check's: a check measured again is not charged the import the first attempt did not pay).
        A problem here is left for the check's own first call to meet and report."""
        self.set_deadline(seconds)
        try:
            self._ensure_worker(during="while importing " + self.submission.filename)
        except (StudentTimeout, WorkerCrashed, StudentRaised, LoadFailed):
            pass

    @property
    def deadline(self) -> float:
        """The current budget's wall-clock end (a safety net for loops of requests)."""
        return self.budget.wall_deadline

    @property
    def cpu_used(self) -> float:
        """CPU seconds the student's workers have used in this session."""
        return self.cpu_before + self.budget.cpu_used

    @property
    def waited(self) -> float:
        """Seconds this session has waited for its workers' replies, less their waits for a core."""
        return self.waited_before + self.budget.waited

    @property
    def time_measured(self) -> bool:
        """False where the workers' CPU time cannot be read: budgets are wall-clock then."""
        return self.budget.measured

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
            self.budget.wait_for_reply(worker.sock, worker.pid)
            reply = wire.recv(worker.sock, deadline=self.budget.reply_deadline(), make_handle=self._handle)
            problem = protocol.reply_problem(reply)
            if problem:
                raise wire.WireError(problem)
            return reply
        except socket.timeout:
            self._retire()
            waited = (self.budget.waited, self.budget.cpu_used) if self.budget.ran_out_waiting else None
            raise StudentTimeout(self.budget.seconds, during, waited=waited) from None
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
