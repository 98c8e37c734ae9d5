"""Recording a catalog for a student release: what each known mistake returns, not its code.

`grade release` ships no catalog (its entries are near-solutions) but the matcher still needs
to know what each entry would have returned on the student's inputs. A `MistakeRecorder` stands
in for the catalog while the public checks run at release time: its entries are the catalog's,
each with a `RecordingImplementation` that runs the real entry and stores the answer
(`grader.core.recorded_mistakes` reads them back in the release). What gets recorded:

- every call the checks make of the reference: each entry of that function on the same
  arguments (`observe`, called by the recording reference), so a student's call on a public
  check's input finds every entry's answer;
- every call the matcher makes while the checks grade each catalog entry as a mutant: the
  entries on the student's calls, the shrunk inputs of the property checks, the other calls an
  entry must agree with, and the checks' own computations with an entry (`known_mistakes`).

Only answers recorded this way exist in the release; a student's call on any other input finds
none, and no entry explains it (as when an entry cannot run on the inputs).
"""

from __future__ import annotations

from pathlib import Path

import torch

from grader.checks import reference_grads
from grader.core.recorded import MissingFixture
from grader.core.recorded_mistakes import RAISED, RecordedModel, entry_key, fingerprint, save_book
from grader.misconceptions import Misconception, _outcome
from grader.remote import wire


def _recordable(value) -> bool:
    try:
        wire.encode_message({"value": value})
    except (wire.WireError, TypeError, ValueError, RecursionError):
        return False
    return True


def _copied(value):
    """Arguments as they are now (a check may change them afterwards)."""
    if isinstance(value, torch.Tensor):  # as the matcher will key it: requires_grad too
        return value.detach().clone().requires_grad_(value.requires_grad)
    if isinstance(value, (list, tuple)):
        return type(value)(_copied(v) for v in value)
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def _raised(exc: Exception) -> dict:
    return {RAISED: type(exc).__name__, "message": str(exc)[:2000]}  # as the matcher compares them


class RecordingImplementation:
    """A catalog entry's implementation at release time: runs it, and records what it did."""

    def __init__(self, recorder: "MistakeRecorder", index: int, entry: Misconception):
        self.recorder, self.index, self.entry = recorder, index, entry
        self.__name__ = entry.function

    def _key(self, kind: str, *parts) -> str | None:
        try:
            return entry_key(self.index, kind, *parts)
        except MissingFixture:  # arguments that cannot be recorded (a model): nothing to look up by
            return None

    def __call__(self, *args, **kwargs):
        key = self._key("call", self.entry.function, list(args), kwargs)
        before = [a.detach().clone() if isinstance(a, torch.Tensor) else None for a in args]
        try:
            value = self.entry.implementation(*args, **kwargs)
        except Exception as exc:
            self.recorder.store(key, _raised(exc))
            raise
        # Only arguments the entry changed are stored: the others are the same as the key says.
        after = [a.detach() if b is not None and isinstance(a, torch.Tensor) and not torch.equal(a, b) else None
                 for a, b in zip(args, before)]
        shown = RecordedModel.of(value).to_record() if isinstance(value, torch.nn.Module) else value
        self.recorder.store(key, {"value": shown, "after": after if any(a is not None for a in after) else [],
                                  "graph": isinstance(value, torch.Tensor) and value.requires_grad})
        return value

    def recorded_grads(self, args, wrt, grad_output):
        key = self._key("grads", self.entry.function, list(args), list(wrt), grad_output)
        try:
            value, grads = reference_grads(self.entry.implementation, args, wrt, grad_output)
        except Exception as exc:
            self.recorder.store(key, _raised(exc))
            raise
        self.recorder.store(key, {"value": value, "grads": list(grads)})
        return value, grads

    def replay(self, computation):
        key = self._key("run", fingerprint(computation))
        try:
            value = computation(self.entry)
        except Exception as exc:
            self.recorder.store(key, _raised(exc))
            raise
        self.recorder.store(key, {"value": value})
        return value


class MistakeRecorder:
    """An exercise's catalog while the release is built: `entries` replace the catalog."""

    def __init__(self, catalog: list[Misconception]):
        self.records: dict[str, dict] = {}
        self._pending: list[tuple] = []  # (kind, function, args, kwargs or (wrt, grad_output)) observed
        self.entries = [Misconception(e.function, e.name, e.advice, RecordingImplementation(self, i, e),
                                      e.feedback_contains, e.matchable) for i, e in enumerate(catalog)]

    def store(self, key: str | None, outcome: dict) -> None:
        if key is not None and key not in self.records and _recordable(outcome):
            self.records[key] = outcome

    def observe(self, function: str, args, kwargs) -> None:
        """Run every matchable entry of `function` on these arguments, as the matcher would:
        later (`flush`), on copies, so that the check asking does not pay for it in its time."""
        if any(entry.function == function and entry.matchable for entry in self.entries):
            self._pending.append(("call", function, _copied(args), _copied(kwargs)))

    def observe_grads(self, function: str, args, wrt, grad_output) -> None:
        if any(entry.function == function and entry.matchable for entry in self.entries):
            self._pending.append(("grads", function, _copied(args), (list(wrt), _copied(grad_output))))

    def flush(self, reference=None) -> None:
        """Run what was observed. `reference` (the RecordingReference) answers the plain calls
        too: the matcher asks it, to pass over an entry that behaves like it."""
        pending, self._pending = self._pending, []
        for kind, function, args, more in pending:
            if kind == "call" and reference is not None:
                reference.answer_quietly(function, args, more)
            for entry in self.entries:
                if entry.function != function or not entry.matchable:
                    continue
                if kind == "call":
                    _outcome(entry.implementation, list(args), dict(more))  # records it
                    continue
                wrt = more[0]
                _outcome(entry.implementation, list(args), {})  # the matcher runs the plain call first
                try:
                    entry.implementation.recorded_grads(args, *more)
                except Exception:
                    pass  # recorded as raising
                # When the student's result has no autograd graph, the matcher calls the entry on
                # arguments that require grad (misconceptions._matches): that call too.
                graded = [a.detach().clone().requires_grad_(i in wrt) if isinstance(a, torch.Tensor) else a
                          for i, a in enumerate(args)]
                try:
                    entry.implementation(*graded)
                except Exception:
                    pass  # recorded as raising

    def save(self, path: Path) -> None:
        described = [{"function": e.function, "name": e.name, "advice": e.advice,
                      "feedback_contains": e.feedback_contains, "matchable": e.matchable} for e in self.entries]
        save_book(path, described, self.records)
