"""Property checks: a contract function against the reference on inputs Hypothesis generates.

The hand-picked cases of a check suite are the book's examples and the mistakes we thought
of; a property check also reaches the edges nobody listed (a size-0 dimension, a rank gap
of two, a batch of 100, values of 10³), and when the student's function fails on one it
shrinks the failure to the smallest input it can find and shows it as a call to try.

    for_all(shape_pairs(), student.broadcast_shape, reference.broadcast_shape,
            compare=expect_tuple, describe=lambda a, b: f"broadcast_shape({a}, {b})",
            key="ex1.broadcast")

Deterministic: Hypothesis runs with a fixed seed and no example database, so every run sees
the same inputs. On the instructor's side the seed comes from the course's secret
(`course.secret`, never in a student release): a student who reads the release's checks and
runs their strategies gets other inputs than the ones that grade them, so a lookup table of
answers does not pay. A release (and a course without a secret) uses the public seed, the
one its recorded answers were made with. The on-disk cache of generated inputs is signed with
a key of the user's own (`cache.key` in the grader's config folder): a cache that does not
verify (emptied, edited) is generated again. Fast for a correct submission: the inputs are generated once per process and
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
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

import torch

from grader.remote import wire
from grader.expect import describe_type
from grader.core.outcomes import CheckFailure, StudentProblem, StudentRaised

_EXAMPLES: dict[tuple, list[tuple]] = {}  # (key, count, scope, secret) -> generated argument tuples
_EXPECTED: dict[tuple, list["Expected"]] = {}  # (key, count, scope, secret) -> the reference's answers
_SECRET: list[bytes | None] = [None]  # the course's secret for this pytest session (use_secret)
_DRAWING = "hypothesis-constants-only"  # how inputs are drawn (_only_hypothesis_constants): part of the cache key


def use_secret(secret: bytes | None) -> None:
    """Draw the inputs of the property checks that run next from `secret` (None: the public
    seed, as a student release does). Set by the runner for each pytest session."""
    _SECRET[0] = secret


def _seed_for(key: str) -> int | None:
    """The Hypothesis seed of one property: None (derandomized, public) without a secret."""
    secret = _SECRET[0]
    if secret is None:
        return None
    import hmac

    return int.from_bytes(hmac.new(secret, key.encode(), hashlib.sha256).digest()[:8], "big")


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


def _settings(count: int, shrink: bool, seeded: bool = False):
    from hypothesis import HealthCheck, Phase, Verbosity, settings

    return settings(max_examples=count, derandomize=not seeded, database=None, deadline=None,
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


def _search(strategy, count: int, test: Callable, shrink: bool, seed: int | None = None) -> None:
    """Run Hypothesis over `strategy`. One inner function serves both the collecting and the
    judging run, so both see the same sequence of inputs (derandomized, or from `seed`)."""
    from hypothesis import given
    from hypothesis import seed as seeded

    if hasattr(strategy, "build"):  # a grader.strategies.LazyStrategy
        strategy = strategy.build()

    def property_example(args):
        test(args)

    run = _settings(count, shrink, seed is not None)(given(strategy)(property_example))
    with _only_hypothesis_constants():
        (seeded(seed)(run) if seed is not None else run)()


@contextmanager
def _only_hypothesis_constants():
    """Hypothesis (since 6.13x) mixes literals of the modules loaded in the process that are not
    installed packages (its "local constants") into what it draws: the same seed would give other
    inputs in `grade ex8` than in a batch, the test suite or an editable checkout, and the on-disk
    cache and a release's recorded answers would hold whichever process drew first (issue #22).
    Draw with Hypothesis's own constants only. Private API, so guarded: an older Hypothesis has none."""
    try:
        from hypothesis.internal.conjecture import providers

        original, cache = providers._get_local_constants, providers.CONSTANTS_CACHE.cache
        empty = type(original())()
    except (ImportError, AttributeError, TypeError):
        yield
        return
    providers._get_local_constants = lambda: empty
    cache.clear()  # pools of allowed constants already made with the local ones
    try:
        yield
    finally:
        providers._get_local_constants = original
        cache.clear()


def _cache_file(key: str, count: int, origin: str | None, seed: int | None = None) -> Path | None:
    """Where generated inputs are kept between runs: they depend only on the strategy (its
    checks file), the count, the seed and the library versions, so `grade ex3` need not
    generate them again (~0.1-0.4 s per property)."""
    try:
        digest = hashlib.sha256(repr((key, count, seed, metadata.version("hypothesis"), torch.__version__,
                                      _DRAWING)).encode())
        if origin:
            digest.update(Path(origin).read_bytes())
    except (OSError, metadata.PackageNotFoundError):
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "llm-scratch-grader" / "examples"
    return root / f"{digest.hexdigest()[:32]}.bin"


_SIGNATURE = 32  # bytes of HMAC-SHA256 before the examples


def _signing_key() -> bytes | None:
    """The user's own key for signing cached inputs (made once, 0600, in the config folder, which
    no worker may read); None when it cannot be had: then nothing is cached."""
    from grader.core.trust import config_dir

    path = config_dir() / "cache.key"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        import secrets

        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except OSError:
            return None  # a read-only home, or another process is writing it: no cache this time
        with os.fdopen(fd, "wb") as handle:
            key = secrets.token_bytes(32)
            handle.write(key)
        return key
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        key = handle.read(64)
    return key if info.st_uid == os.geteuid() and not info.st_mode & 0o077 and len(key) == 32 else None


def _signature(key: bytes, path: Path, payload: bytes) -> bytes:
    import hmac

    return hmac.new(key, path.name.encode() + b"\0" + payload, hashlib.sha256).digest()


def _load(path: Path | None) -> list[tuple] | None:
    """The cached inputs, or None (no cache, one this version cannot read, or one whose
    signature does not verify: an emptied or edited cache is generated again)."""
    try:
        import hmac

        key = _signing_key()
        data = path.read_bytes()
        payload = data[_SIGNATURE:]
        if key is None or not hmac.compare_digest(data[:_SIGNATURE], _signature(key, path, payload)):
            return None
        header_len, _ = struct.unpack(">II", payload[:8])
        return [tuple(args) for args in wire.decode_frame(payload[8:8 + header_len],
                                                          payload[8 + header_len:])["examples"]]
    except (AttributeError, OSError, ValueError, KeyError, TypeError, struct.error, wire.WireError):
        return None


def _store(path: Path | None, found: list[tuple]) -> None:
    key = _signing_key() if path is not None else None
    if key is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        payload = wire.encode_message({"examples": [list(args) for args in found]})
        partial.write_bytes(_signature(key, path, payload) + payload)
        partial.replace(path)
    except (OSError, wire.WireError):
        pass  # a read-only home or an input the wire cannot carry: generate again next time


def examples(strategy, count: int, key: str, origin: str | None = None, scope: int = 0) -> list[tuple]:
    """The inputs a property is checked on: same every run, generated once and then read
    from the cache (`origin`, the checks file, is part of the cache key). `scope` tells
    imports of one checks file apart: inputs may hold its objects (ex2's functions)."""
    seed = _seed_for(key)
    cache_key = (key, count, scope, seed)
    if cache_key not in _EXAMPLES:
        path = _cache_file(key, count, origin, seed)
        found = _load(path)
        if found is None:
            found = []
            _search(strategy, count, lambda args: found.append(tuple(args)), shrink=False, seed=seed)
            _store(path, found)
        _EXAMPLES[cache_key] = found
    return _EXAMPLES[cache_key]


def for_all(strategy, student_function, reference_function, *, compare: Callable, describe: Callable,
            key: str, count: int = 60, shrink_calls: int = 150, errors_allowed: bool = False,
            explicit: tuple = ()) -> None:
    """Fail unless the student's function agrees with the reference on every generated input.

    `strategy` draws argument tuples (a `grader.strategies.composite` function called, or
    `lazy(...)`). `student_function` is `student.fn`, or `student.runner(f)` for a check's own
    `@worker_function` f; `reference_function` takes the same arguments (`reference.fn`, or a
    lambda). `compare(actual, expected_value, call)` raises CheckFailure when a returned value
    is wrong (`compare_tensors` for one tensor). `describe(*args)` writes the call as the
    student would type it: the failure shows it, so make it a call they can paste and run
    (small tensors in full: `literal`). Where the reference raises (ValueError for incompatible
    shapes), the student's function must raise the same kind of error. With `errors_allowed`, an
    error where the reference returns is accepted too (only a returned value is judged).
    `explicit` inputs (hand-picked edges) are judged first, beside the generated ones.

    `key` names the property, unique in the course ("ex10.attention"): with the course's secret
    it seeds the inputs, so every run sees the same `count` inputs. They are generated once,
    cached, and sent to the worker in one round trip. On a failure, up to `shrink_calls` more
    calls look for the smallest failing input, which the message shows with `describe`.
    """
    caller = sys._getframe(1)
    scope = id(caller.f_globals)
    inputs = [tuple(args) for args in explicit] + examples(strategy, count, key, origin=caller.f_code.co_filename,
                                                           scope=scope)
    memo = (key, count, scope, _seed_for(key))
    if memo not in _EXPECTED:
        _EXPECTED[memo] = [expected_of(reference_function, args) for args in inputs]
    expected = _EXPECTED[memo]
    outcomes = student_function.many([list(args) for args in inputs])
    if not isinstance(outcomes, list) or len(outcomes) != len(inputs):
        # Only a worker that was tampered with answers a batch short: judging the pairs that
        # came back (zip) would pass a check on no evidence at all.
        answered = len(outcomes) if isinstance(outcomes, list) else "none"
        raise CheckFailure(f"the submission's process answered {answered} of the {len(inputs)} calls it was sent "
                           "at once, so nothing could be judged: the grader's worker was interfered with",
                           expected=f"{len(inputs)} results", actual=f"{answered} results")

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
                            shrink_calls, _seed_for(key)) or first
    raise _as_failure(failure, describe(*args), len(inputs))


def _shrink(strategy, count, known, judge, student_function, reference_function, calls: int,
            seed: int | None = None):
    """The smallest failing input Hypothesis finds with at most `calls` new calls of the
    student's function (None if none is found: the first failure found is reported then).
    Bounded by calls, not seconds, so that the same submission gets the same message on any
    machine; half the check's remaining time is only a safety net (a wrong answer is not a
    timeout)."""
    from grader.core.recorded import MissingFixture  # a student release knows only recorded answers

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
        _search(strategy, count, test, shrink=True, seed=seed)
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
