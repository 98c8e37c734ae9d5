"""The `student` fixture: the student's module as a check sees it.

`StudentProxy` reads the module's names (a function comes back as a `StudentFunction`, any
other name as its value) and runs a check's own worker functions beside it; every call runs
in the session's worker and only plain values come back (tensors, numbers, strings, tuples,
lists, dicts; anything else as a `Remote` handle). Each call of a contract function is
recorded (`CallRecord`) for the misconception matcher.
"""

from __future__ import annotations

import difflib

from grader.core.handles import call_label, describe_arg, wire_args, worker_function
from grader.core.outcomes import MissingName, NotImplementedYet, StudentRaised
from grader.core.session import CallRecord, StudentSession
from grader.remote import protocol


def _record(function: str, args, kwargs=None, **outcome) -> CallRecord:
    return CallRecord(function=function, args=args, kwargs=kwargs or {}, **outcome)


def _raised(raised: StudentRaised) -> tuple[str, str, bool]:
    return raised.type, raised.message, raised.by_own_raise


class StudentFunction:
    """A function of the student's module; calling it runs it in the worker."""

    def __init__(self, session: StudentSession, name: str):
        self.session = session
        self.name = name

    def __call__(self, *args, **kwargs):
        """Call it in the worker with these arguments (plain values: tensors, numbers, strings,
        lists, tuples, dicts; a check's `@worker_function` too). Returns its value (an object
        that cannot travel, an nn.Module say, as a `Remote` handle); raises `StudentRaised` when
        it raised. The call is recorded for the misconception matcher and the rule checks."""
        label = call_label(self.name, args, kwargs)
        try:
            value = self.session.call(self.name, wire_args(args), kwargs, label=label)["value"]
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
            label = call_label(self.name, args, {})
            try:
                reply = self.session.call(self.name, wire_args(args), label=label)
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
        reply = self.session.call_many(self.name, [wire_args(args) for args in calls], label=label)
        return _outcomes(self.name, calls, reply["results"], lambda args: call_label(self.name, args, {}))

    def with_inputs(self, *args):
        """Call it and also get back its arguments as they were after the call: (value, the
        arguments after it), for `expect_unchanged` or for a function whose contract is to
        change its arguments (a training step)."""
        label = call_label(self.name, args, {})
        reply = self.session.call(self.name, wire_args(args), label=label, return_args=True)
        self.session.calls.append(_record(self.name, args, value=reply["value"], args_after=reply["args"]))
        return reply["value"], reply["args"]

    def with_grad(self, *args, wrt: list[int], grad_output=None):
        """Call it and backpropagate `grad_output` through the result in the worker.

        Returns (value, grads) where grads holds one tensor (or None when unused) per index
        in `wrt`, or the string "not_connected" when the result has no autograd graph.
        """
        label = call_label(self.name, args, {})
        reply = self.session.call(self.name, wire_args(args), label=label,
                                  grad={"wrt": list(wrt), "grad_output": grad_output})
        grads = reply["grads"]
        if isinstance(grads, dict):
            grads = grads.get("error", "not_connected")
        self.session.calls.append(_record(self.name, args, value=reply["value"], grads=grads, wrt=list(wrt),
                                          grad_output=grad_output))
        return reply["value"], grads


class StudentProxy:
    """The `student` fixture: the student's module, seen from the grader.

    `student.fn` is a `StudentFunction` for a function (or class) of the module, which runs in
    the worker when called; any other name gives its value (`student.MORE_OUTLIER_SENSITIVE`),
    or a `Remote` handle when the value cannot travel. A name the module lacks fails the check
    with the names the student may have meant."""

    def __init__(self, session: StudentSession):
        object.__setattr__(self, "_session", session)

    @property
    def names(self) -> dict[str, str]:
        """The module's top-level names and what each is: "function" (anything callable, classes
        included), "module" or "value"."""
        return dict(self._session.names)

    @property
    def filename(self) -> str:
        """The submission's file name, as the student knows it ("ex10.py")."""
        return self._session.submission.filename

    def has(self, name: str) -> bool:
        """Does the module define `name`? (`student.name` of a missing name fails the check, with
        the names it may have meant.)"""
        return name in self._session.names

    def forbidden_calls(self, functions: list[str]) -> list[str]:
        """Forbidden calls the worker saw `functions` make while they ran, whatever route reached
        them, one text each ("attention called torch.nn.functional.scaled_dot_product_attention"):
        `[watch] guarded` in exercise.toml names the functions watched, `forbidden` what they
        must not call. Only calls made by this grading's checks so far are seen: call
        every watched function first (let the check depend on one that does)."""
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
        """A check's own `@worker_function` as a function of the student's: called with the
        arguments after `module`, with `many` for `for_all` (a property on inputs the worker
        function builds or wraps)."""
        return CheckFunction(self, function)

    def run(self, function: worker_function, *args):
        """Run a check's own `@worker_function` in the worker as `function(module, *args)`, where
        `module` is the student's module, and return its value (plain values travel back).
        Raises `StudentRaised` when it raised; `run_in_worker` names the student's call then."""
        label = f"{function.__name__}({', '.join(describe_arg(a) for a in args)})"
        try:
            return self._session.call(function.source, wire_args(args), label=label, with_module=True)["value"]
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
        reply = self.session.call_many(self.function.source, [wire_args(args) for args in calls], label=label,
                                       with_module=True)
        return _outcomes(self.function.__name__, calls, reply["results"], lambda args: f"{self.function.__name__}(...)")
