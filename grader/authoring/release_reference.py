"""Recording the reference for a student release: every answer the public checks asked of it.

`RecordingReference` stands in for the reference module while `grade release` grades through the
public checks: each call's answer (or the error it raised, ValueError for bad shapes) and each
gradient is stored under `call_key` in `assignments/<ex>/fixtures.bin`, which the release's
`RecordedReference` (grader/core/recorded.py) answers from. Its `observer` (a MistakeRecorder,
release_mistakes.py) is shown every call, and every call a check made of the student's code, so
that the catalog is recorded on the same arguments.
"""

from __future__ import annotations

from pathlib import Path

from grader.core.recorded import RAISED, REPLAYABLE_ERRORS, call_key
from grader.remote import wire


class _RecordingFunction:
    def __init__(self, owner: "RecordingReference", name: str, function):
        self.owner, self.name, self.function = owner, name, function
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        key = call_key("call", self.name, list(args), kwargs)
        if self.owner.observer is not None:  # before the call: the reference may change its arguments
            self.owner.observer.observe(self.name, args, kwargs)
        try:
            value = self.function(*args, **kwargs)
        except Exception as exc:  # an expected error (ValueError for bad shapes) is an answer too
            if type(exc).__name__ not in REPLAYABLE_ERRORS:
                raise
            self.owner.store(key, {RAISED: type(exc).__name__, "message": str(exc)})
            raise
        self.owner.store(key, value)
        return value

    def recorded_grads(self, args, wrt, grad_output):
        from grader.checks import reference_grads

        if self.owner.observer is not None:
            self.owner.observer.observe_grads(self.name, args, wrt, grad_output)
        value = reference_grads(self.function, args, wrt, grad_output)
        self.owner.store(call_key("grads", self.name, list(args), list(wrt), grad_output), list(value))
        return value


class RecordingReference:
    """Wraps the reference module and remembers every answer it gave. `observer` (a
    MistakeRecorder) is shown every call first, to record the catalog on the same arguments.
    `strict`: an answer that cannot be recorded is an error (the release could not replay
    it); while mutants are graded it is only left out."""

    def __init__(self, module, observer=None):
        self._module = module
        self.observer = observer
        self.strict = True
        self.records: dict[str, object] = {}
        self.callables: set[str] = set()

    def store(self, key: str, value) -> None:
        try:
            wire.encode_message({"value": value})
        except wire.WireError as exc:
            if not self.strict:
                return
            raise ValueError(f"a public check asked the reference for a value that cannot be recorded "
                             f"({exc}); compute it in the check instead") from None
        self.records[key] = value

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if callable(value):
            self.callables.add(name)
            return _RecordingFunction(self, name, value)
        self.store(call_key("value", name), value)
        return value

    def answer_quietly(self, name: str, args, kwargs) -> None:
        """Record the reference's answer on these arguments, as the matcher asks for it (seeded,
        on copies), without showing the call to the observer again."""
        from grader.misconceptions import _outcome

        observer, self.observer = self.observer, None
        try:
            _outcome(getattr(self, name), list(args), dict(kwargs))
        finally:
            self.observer = observer

    def observe_student_calls(self, calls) -> None:
        """The calls a check made of the student's functions (the plugin shows them after each
        check): the catalog is recorded on their arguments too, which the reference may never
        have been asked about (a check that only expects an error)."""
        if self.observer is None:
            return
        for call in calls:
            if "wrt" in call:
                self.observer.observe_grads(call["function"], call["args"], call["wrt"], call.get("grad_output"))
            else:
                self.observer.observe(call["function"], call["args"], call.get("kwargs") or {})

    def save(self, path: Path) -> None:
        path.write_bytes(wire.encode_message({"records": self.records, "callables": sorted(self.callables)}))
