"""Known mistakes as a student release knows them: what each catalog entry returned, no code.

A misconception catalog (`assignments/<ex>/misconceptions.py`) is a list of near-solutions, so
`grade release` leaves it out. Instead it runs every entry on the inputs of the public checks
(and on the inputs its own mutants lead the checks to: a property check's shrinking) and stores
what each entry returned, raised, or did to its arguments, in `assignments/<ex>/mistakes.bin`,
with each entry's function, name and advice. `grader.misconceptions.load_catalog` reads that file
where there is no catalog: each entry's `implementation` is then a `RecordedImplementation`,
which answers a call by looking it up, so the matcher (`misconceptions.identify`) and the
checks' own `known_mistakes` judge a student's results as they do with the catalog itself.

Keys are `recorded.call_key`s (the wire encoding of the call), as for the recorded reference.
A call that was not recorded raises `MissingFixture`: the entry cannot explain it.
"""

from __future__ import annotations

import hashlib
import types
from contextlib import contextmanager
from pathlib import Path

import torch

from grader.core.recorded import MissingFixture, REPLAYABLE_ERRORS, call_key, fresh_copy, read_message
from grader.remote import wire

MISTAKES = "mistakes.bin"
RAISED = "__entry_raised__"
MAX_DEPTH = 6  # how deep `fingerprint` reads a computation's closure


def entry_key(index: int, kind: str, *parts) -> str:
    """The key of one recorded answer of catalog entry `index`: a call ("call", function, args,
    kwargs), its gradients ("grads", ...), or a check's own computation ("run", fingerprint)."""
    try:
        return call_key("mistake", index, kind, *parts)
    except (wire.WireError, TypeError, ValueError) as exc:  # a model, a worker handle: never recorded
        raise MissingFixture(f"cannot look up a call with these arguments ({exc})") from None


def fingerprint(value, depth: int = 0):
    """A plain, recordable stand-in for a check's computation (a closure such as `known_mistakes`'
    `run_entry`): its name and what it closes over, recursively; the same in the release as when
    recording, where the code is the same and the inputs are seeded. Containers a computation
    fills as it runs (a dict of earlier runs) are left out: only what it was given counts."""
    if depth > MAX_DEPTH:
        return "..."
    if isinstance(value, (types.FunctionType, types.MethodType)):
        function = getattr(value, "__func__", value)
        cells = [c.cell_contents for c in function.__closure__ or () if _filled(c)]
        return ["function", function.__qualname__, [fingerprint(c, depth + 1) for c in cells]]
    if isinstance(value, torch.Tensor):
        data = value.detach().contiguous()
        digest = hashlib.sha256(data.cpu().view(torch.uint8).numpy().tobytes() if data.numel() else b"").hexdigest()
        return ["tensor", str(value.dtype), list(value.shape), digest]
    if isinstance(value, torch.nn.Module):
        return ["module", repr(value)[:300], fingerprint(list(value.state_dict().values()), depth + 1)]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [fingerprint(v, depth + 1) for v in value]]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return ["object", type(value).__qualname__]  # dicts (state a run fills), modules, handles


def _filled(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:  # a closure cell not yet assigned
        return False
    return not isinstance(cell.cell_contents, dict)


class RecordedModel:
    """A model a catalog entry returned, as the matcher compares models: its layers (the text of
    its repr, as the worker shows a model) and its numbers (its state_dict's values, in order)."""

    def __init__(self, text: str, state: list):
        self.text, self.state = text, state

    @classmethod
    def of(cls, model: torch.nn.Module) -> "RecordedModel":
        return cls(repr(model)[:300], [v.detach().clone() for v in model.state_dict().values()])

    def to_record(self) -> dict:
        return {"__model__": self.text, "state": self.state}


def from_record(value):
    """A recorded value as the matcher takes it (a model as a RecordedModel)."""
    if isinstance(value, dict) and "__model__" in value:
        return RecordedModel(value["__model__"], value["state"])
    return value


_ERRORS: dict[str, type] = {}


def replayed_error(name: str, message: str) -> Exception:
    """An exception of the recorded type's name and message, as the matcher compares them."""
    kind = REPLAYABLE_ERRORS.get(name) or _ERRORS.setdefault(name, type(name, (Exception,), {}))
    return kind(message)


class RecordedImplementation:
    """A catalog entry's implementation in a student release: its recorded answers."""

    def __init__(self, book: "MistakeBook", index: int, function: str):
        self.book, self.index, self.function = book, index, function
        self.__name__ = function

    def __call__(self, *args, **kwargs):
        outcome = self.book.lookup(entry_key(self.index, "call", self.function, list(args), kwargs))
        if RAISED in outcome:
            raise replayed_error(outcome[RAISED], outcome["message"])
        # What the entry did to its arguments (an in-place update) happens to the copies it is given.
        with torch.no_grad():
            for arg, after in zip(args, outcome.get("after") or []):
                if isinstance(arg, torch.Tensor) and isinstance(after, torch.Tensor):
                    arg.set_(after.to(arg.dtype))  # its shape too: t_() transposes in place
        value = from_record(outcome["value"])
        if outcome.get("graph") and isinstance(value, torch.Tensor):
            value.requires_grad_()  # the entry kept the autograd graph (its numbers are what is compared)
        return value

    def recorded_grads(self, args, wrt, grad_output):
        """What `grader.checks.reference_grads` gave for this entry on these arguments."""
        outcome = self.book.lookup(entry_key(self.index, "grads", self.function, list(args), list(wrt), grad_output))
        if RAISED in outcome:
            raise replayed_error(outcome[RAISED], outcome["message"])
        return outcome["value"], outcome["grads"]

    def replay(self, computation):
        """What a check's own computation with this entry (`known_mistakes`' `run_entry`) gave."""
        outcome = self.book.lookup(entry_key(self.index, "run", fingerprint(computation)))
        if RAISED in outcome:
            raise replayed_error(outcome[RAISED], outcome["message"])
        return outcome["value"]


class MistakeBook:
    """An exercise's mistakes.bin: the entries (function, name, advice, ...) and their answers."""

    def __init__(self, path: Path):
        saved = read_message(path)
        self.entries: list[dict] = saved["entries"]
        self._records: dict = saved["records"]

    def lookup(self, key: str) -> dict:
        if key not in self._records:
            raise MissingFixture("this known mistake was not recorded on these inputs")
        return fresh_copy(self._records[key])

    def implementations(self) -> list[tuple[dict, RecordedImplementation]]:
        """Each entry's description with its recorded implementation, in catalog order."""
        return [(entry, RecordedImplementation(self, index, entry["function"]))
                for index, entry in enumerate(self.entries)]


def save_book(path: Path, entries: list[dict], records: dict) -> None:
    Path(path).write_bytes(wire.encode_message({"entries": entries, "records": records}))


# While `grade release` records an exercise: its folder in the release -> the catalog entries that
# record (a check module that loads its catalog itself, `load_catalog(folder)`, gets those).
_BEING_RECORDED: dict[Path, list] = {}


@contextmanager
def recording(folder: Path, entries: list):
    _BEING_RECORDED[Path(folder).resolve()] = entries
    try:
        yield
    finally:
        _BEING_RECORDED.pop(Path(folder).resolve(), None)


def being_recorded(folder: Path) -> list | None:
    """The recording catalog of `folder`, while a release is being built; else None."""
    return _BEING_RECORDED.get(Path(folder).resolve())
