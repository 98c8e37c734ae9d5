"""The reference as a student release knows it: answers recorded at release time, no code.

`grade release` runs the public checks once against the reference and stores every answer
they asked for, keyed by `call_key` (the wire encoding of the call), in
`assignments/<ex>/fixtures.bin`. In the release, `Course.reference` returns a
`RecordedReference` that answers from that file, including the errors the reference raised
(ValueError for incompatible shapes, say).
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from grader.remote import wire

FIXTURES = "fixtures.bin"


class MissingFixture(Exception):
    """A check asked the recorded reference for something that was not recorded."""


# A reference call that raised one of these is recorded as raising it, and replayed so.
REPLAYABLE_ERRORS = {"ValueError": ValueError, "TypeError": TypeError, "IndexError": IndexError,
                     "ZeroDivisionError": ZeroDivisionError, "RuntimeError": RuntimeError}
RAISED = "__reference_raised__"


def call_key(*parts) -> str:
    """A stable key for a reference call: the wire encoding of its name and arguments."""

    def plain(value):
        if isinstance(getattr(value, "source", None), wire.FunctionSource):  # a check's worker_function
            return value.source
        if isinstance(value, (list, tuple)):
            return type(value)(plain(v) for v in value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    frame = wire.encode_message({"key": [plain(p) for p in parts]})
    return hashlib.sha256(frame).hexdigest()


def read_message(path: Path) -> dict:
    """A file written as one wire message (`wire.encode_message`)."""
    data = Path(path).read_bytes()
    header_len, _ = struct.unpack(">II", data[:8])
    return wire.decode_frame(data[8:8 + header_len], data[8 + header_len:])


def fresh_copy(value):
    """A recorded value as a new object each time: a check may change what it is given."""
    frame = wire.encode_message({"v": value})
    header_len, _ = struct.unpack(">II", frame[:8])
    return wire.decode_frame(frame[8:8 + header_len], frame[8 + header_len:])["v"]


class _RecordedFunction:
    def __init__(self, owner: "RecordedReference", name: str):
        self.owner, self.name = owner, name
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        value = self.owner.lookup(call_key("call", self.name, list(args), kwargs), self.name)
        if isinstance(value, dict) and RAISED in value:
            raise REPLAYABLE_ERRORS[value[RAISED]](value["message"])
        return value

    def recorded_grads(self, args, wrt, grad_output):
        return tuple(self.owner.lookup(call_key("grads", self.name, list(args), list(wrt), grad_output), self.name))


class RecordedReference:
    """The reference as a student release knows it: recorded answers, no code."""

    def __init__(self, path: Path):
        saved = read_message(path)
        self._records = saved["records"]
        self._functions = set(saved["callables"])

    def lookup(self, key: str, name: str):
        if key not in self._records:
            raise MissingFixture(f"no recorded reference value for {name}: rebuild the release")
        return fresh_copy(self._records[key])

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._functions:
            return _RecordedFunction(self, name)
        return self.lookup(call_key("value", name), name)
