"""Property checks: a contract function against the reference on inputs Hypothesis generates.

The hand-picked cases of a check suite are the book's examples and the mistakes we thought
of; a property check also reaches the edges nobody listed (a size-0 dimension, a rank gap
of two, a batch of 100, values of 10³), and when the student's function fails on one it
shrinks the failure to the smallest input it can find and shows it as a call to try.

    for_all(shape_pairs(), student.broadcast_shape, reference.broadcast_shape,
            compare=expect_tuple, describe=lambda a, b: f"broadcast_shape({a}, {b})",
            key="ex1.broadcast")

Deterministic: Hypothesis runs derandomized with no example database, so every run sees the
same inputs. Fast for a correct submission: the inputs are generated once per process and
sent to the worker in one round trip (`StudentFunction.many`); only a failure costs the
interactive calls of shrinking, bounded in time.
"""

from __future__ import annotations

import hashlib
import math
import os
import struct
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

import torch

from grader import wire
from grader.expect import describe_type
from grader.outcomes import CheckFailure, StudentProblem, StudentRaised

_EXAMPLES: dict[tuple, list[tuple]] = {}  # (key, count, scope) -> generated argument tuples
_EXPECTED: dict[tuple, list["Expected"]] = {}  # (key, count, scope) -> the reference's answers


@dataclass(frozen=True)
class Expected:
    """What the reference did on one input: returned `value`, or raised `raised` (a class name)."""

    value: object = None
    raised: str | None = None


def expected_of(reference_function, args) -> Expected:
    try:
        return Expected(value=reference_function(*args))
    except (ValueError, TypeError, IndexError, ZeroDivisionError, RuntimeError) as exc:
        return Expected(raised=type(exc).__name__)


def _settings(count: int, shrink: bool):
    from hypothesis import HealthCheck, Phase, Verbosity, settings

    return settings(max_examples=count, derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet, print_blob=False,
                    report_multiple_bugs=False,
                    phases=[Phase.generate, Phase.shrink] if shrink else [Phase.generate])


class _Found(Exception):
    """Raised inside Hypothesis's test for a failing input: Hypothesis then shrinks it."""


def _args_key(args) -> tuple:
    def one(value):
        if isinstance(value, torch.Tensor):
            return ("tensor", str(value.dtype), tuple(value.shape), value.detach().cpu().numpy().tobytes())
        if isinstance(value, (list, tuple)):
            return (type(value).__name__,) + tuple(one(v) for v in value)
        return (type(value).__name__, repr(value))

    return tuple(one(a) for a in args)


def _search(strategy, count: int, test: Callable, shrink: bool) -> None:
    """Run Hypothesis over `strategy`. One inner function serves both the collecting and the
    judging run, so both see the same derandomized sequence of inputs."""
    from hypothesis import given

    if hasattr(strategy, "build"):  # a grader.strategies.LazyStrategy
        strategy = strategy.build()

    def property_example(args):
        test(args)

    _settings(count, shrink)(given(strategy)(property_example))()


def _cache_file(key: str, count: int, origin: str | None) -> Path | None:
    """Where generated inputs are kept between runs: they depend only on the strategy (its
    checks file), the count and the library versions, so `grade ex3` need not generate them
    again (~0.1-0.4 s per property)."""
    try:
        digest = hashlib.sha256(repr((key, count, metadata.version("hypothesis"), torch.__version__)).encode())
        if origin:
            digest.update(Path(origin).read_bytes())
    except (OSError, metadata.PackageNotFoundError):
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "llm-scratch-grader" / "examples"
    return root / f"{digest.hexdigest()[:32]}.bin"


def _load(path: Path | None) -> list[tuple] | None:
    try:
        data = path.read_bytes()
        header_len, _ = struct.unpack(">II", data[:8])
        return [tuple(args) for args in wire.decode_frame(data[8:8 + header_len], data[8 + header_len:])["examples"]]
    except (AttributeError, OSError, ValueError, KeyError, TypeError, struct.error, wire.WireError):
        return None  # no cache, or one this version cannot read: generate


def _store(path: Path | None, found: list[tuple]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(wire.encode_message({"examples": [list(args) for args in found]}))
        partial.replace(path)
    except (OSError, wire.WireError):
        pass  # a read-only home or an input the wire cannot carry: generate again next time


def examples(strategy, count: int, key: str, origin: str | None = None, scope: int = 0) -> list[tuple]:
    """The inputs a property is checked on: same every run, generated once and then read
    from the cache (`origin`, the checks file, is part of the cache key). `scope` tells
    imports of one checks file apart: inputs may hold its objects (ex2's functions)."""
    cache_key = (key, count, scope)
    if cache_key not in _EXAMPLES:
        path = _cache_file(key, count, origin)
        found = _load(path)
        if found is None:
            found = []
            _search(strategy, count, lambda args: found.append(tuple(args)), shrink=False)
            _store(path, found)
        _EXAMPLES[cache_key] = found
    return _EXAMPLES[cache_key]


def for_all(strategy, student_function, reference_function, *, compare: Callable, describe: Callable,
            key: str, count: int = 60, shrink_calls: int = 150, errors_allowed: bool = False,
            explicit: tuple = ()) -> None:
    """Fail unless the student's function agrees with the reference on every generated input.

    `strategy` draws argument tuples; `compare(actual, expected_value, call)` raises
    CheckFailure when a returned value is wrong; `describe(*args)` writes the call as the
    student would type it. Where the reference raises (ValueError for incompatible shapes),
    the student's function must raise the same kind of error. With `errors_allowed`, an
    error where the reference returns is accepted too (only a returned value is judged).
    `explicit` inputs (hand-picked edges) are judged first, beside the generated ones.
    """
    caller = sys._getframe(1)
    scope = id(caller.f_globals)
    inputs = [tuple(args) for args in explicit] + examples(strategy, count, key, origin=caller.f_code.co_filename,
                                                           scope=scope)
    if (key, count, scope) not in _EXPECTED:
        _EXPECTED[(key, count, scope)] = [expected_of(reference_function, args) for args in inputs]
    expected = _EXPECTED[(key, count, scope)]
    outcomes = student_function.many([list(args) for args in inputs])

    def judge(args, actual, wanted: Expected) -> None:
        call = describe(*args)
        if wanted.raised is not None:
            if isinstance(actual, StudentRaised):
                if actual.is_a(wanted.raised):
                    return
                raise CheckFailure(f"{call} raised {actual.type}, expected {wanted.raised}"
                                   + (f": {actual.message.splitlines()[0][:200]}" if actual.message.strip() else ""),
                                   expected=wanted.raised, actual=actual.type)
            shown = repr(actual) if isinstance(actual, (tuple, list, int, float)) and len(repr(actual)) <= 60 \
                else describe_type(actual)
            raise CheckFailure(f"{call} returned {shown}, expected it to raise {wanted.raised}",
                               expected=wanted.raised, actual=shown)
        if isinstance(actual, StudentRaised):
            if errors_allowed:
                return
            raise actual
        compare(actual, wanted.value, call)

    known: dict[tuple, BaseException | None] = {}
    first = None
    for args, actual, wanted in zip(inputs, outcomes, expected):
        try:
            judge(args, actual, wanted)
            known[_args_key(args)] = None
        except (CheckFailure, StudentProblem) as failure:
            known[_args_key(args)] = failure
            first = first or (args, failure)
    if first is None:
        return
    args, failure = _shrink(strategy, count, known, judge, student_function, reference_function,
                            shrink_calls) or first
    raise _as_failure(failure, describe(*args), len(inputs))


def _shrink(strategy, count, known, judge, student_function, reference_function, calls: int):
    """The smallest failing input Hypothesis finds with at most `calls` new calls of the
    student's function (None if none is found: the first failure found is reported then).
    Bounded by calls, not seconds, so that the same submission gets the same message on any
    machine; half the check's remaining time is only a safety net (a wrong answer is not a
    timeout)."""
    from grader.recorded import MissingFixture  # a student release knows only recorded answers

    session_deadline = getattr(getattr(student_function, "session", None), "deadline", None)
    deadline = math.inf if session_deadline is None else time.monotonic() + (session_deadline - time.monotonic()) / 2
    budget = [calls]
    smallest: list = []
    stopped: list[StudentProblem] = []

    def test(args):
        args = tuple(args)
        k = _args_key(args)
        if k not in known:
            known[k] = None  # out of calls, or the reference cannot answer: counted as passing
            if budget[0] > 0 and time.monotonic() < deadline and not stopped:
                budget[0] -= 1
                try:
                    wanted = expected_of(reference_function, args)
                    try:
                        actual = student_function(*args)
                    except StudentRaised as raised:
                        actual = raised
                    judge(args, actual, wanted)
                except (CheckFailure, StudentRaised) as failure:
                    known[k] = failure
                except MissingFixture:
                    pass
                except StudentProblem as problem:  # timed out or crashed: stop shrinking here
                    stopped.append(problem)
        if known[k] is not None:
            smallest[:] = [(args, known[k])]
            raise _Found()

    try:
        _search(strategy, count, test, shrink=True)
    except _Found:
        pass
    return smallest[0] if smallest else None


def _as_failure(failure: BaseException, call: str, count: int) -> CheckFailure:
    text = failure.text() if hasattr(failure, "text") else str(failure)
    message, _, help_text = text.partition("\n")
    expected = getattr(failure, "expected", None)
    actual = getattr(failure, "actual", None)
    trailer = f"(the smallest failing input found among {count} tried"
    # A CheckFailure from `judge` was built with the call in it; a student's error names its own.
    trailer += ")" if isinstance(failure, CheckFailure) else f"; try it yourself: {call})"
    return CheckFailure(f"{message} {trailer}", expected=expected, actual=actual, help=help_text or None)


def literal(value) -> str:
    """A value as a beginner would type it: tuples as tuples, small tensors in full."""
    if isinstance(value, torch.Tensor):
        dtype = "" if value.dtype == torch.float32 else f", dtype=torch.{str(value.dtype)[6:]}"
        if value.numel() <= 6:
            return f"torch.tensor({value.tolist()!r}{dtype})"
        return f"<a {str(value.dtype)[6:]} tensor of shape {tuple(value.shape)}>"
    return repr(value)
