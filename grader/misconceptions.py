"""Misconception catalogs: naming the mistake a student made, not just "values differ".

A catalog (`assignments/<ex>/misconceptions.py`) holds small wrong implementations of one
contract function, each with a name and advice:

    @misconception("forward", "x @ W1 instead of x @ W1.T",
                   "W1 is stored as (n_hidden, n_in), like nn.Linear.weight: use x @ W1.T.")
    def forward(x, W1, b1, W2, b2):
        return torch.relu(x @ W1 + b1) @ W2 + b2

When a value or gradient check fails, the grader runs every catalog version of that function
on the same inputs (here, in the trusted process: catalogs are instructor code) and, when
one reproduces the student's result, the feedback names it. `grade verify` also turns every
entry into a mutant (the reference with that one function replaced) and fails unless the
check suite catches it and names it.

Entries run seeded as the worker runs every call. A function that returns an nn.Module is
matched by the model's layers and numbers (`_same_model`): the student's model stays in the
worker, which is asked for its state_dict.
"""

from __future__ import annotations

import ast
import inspect
import math
import random
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import torch

from grader.core.loader import load_module
from grader.core.recorded_mistakes import MISTAKES, MistakeBook, RecordedModel, being_recorded
from grader.core.session import CallRecord

CATALOG = "misconceptions.py"


@dataclass
class Misconception:
    """One entry of a catalog, as `@misconception` recorded it: the contract `function` it
    replaces, its `name` and `advice` (the feedback: "This looks like a known mistake: <name>.
    <advice>"), the wrong `implementation`, and how a failure is matched to it."""

    function: str  # the contract function it replaces
    name: str
    advice: str
    implementation: object
    feedback_contains: str | None  # for mistakes found by a diagnosis, not by matching values
    matchable: bool  # False when running it on the same inputs says nothing (ex4's training)

    @property
    def source(self) -> str:
        """The implementation renamed to the contract function, for building a mutant."""
        tree = ast.parse(textwrap.dedent(inspect.getsource(self.implementation)))
        node = tree.body[0]
        node.decorator_list = []
        node.name = self.function
        return ast.unparse(node)

    def verdict(self) -> str:
        return f"This looks like a known mistake: {self.name}. {self.advice}"


def misconception(function: str, name: str, advice: str, *, feedback_contains: str | None = None,
                  matchable: bool = True):
    """Mark a function of `assignments/<ex>/misconceptions.py` as a known wrong version of the
    contract function `function` (the decorated function's own name does not matter), with
    the `name` the feedback gives it and the `advice` that follows.

    The entry must be self-contained (only Python, torch and math): the grader calls it in the
    catalog's module to name a student's mistake, and `grade verify` pastes its source, renamed
    to `function`, at the end of the reference to make a mutant, so neither the reference's
    helpers nor the catalog's are there in both places. A mistake that leaves the numbers
    right (a model sharing memory with its arguments, a cache) is named through the words of
    the check that finds it: give those as `feedback_contains` and set `matchable=False`."""

    def mark(implementation):
        implementation.misconception = Misconception(function, name, advice, implementation,
                                                     feedback_contains, matchable)
        return implementation

    return mark


def load_catalog(folder: Path) -> list[Misconception]:
    """The exercise's catalog; in a student release, which has none, the answers `grade release`
    recorded from it (grader/core/recorded_mistakes.py), or nothing."""
    path = Path(folder) / CATALOG
    if not path.exists():
        return _recorded_catalog(Path(folder))
    module = load_module(f"grader_catalog_{Path(folder).name}", path)
    entries = [v.misconception for v in vars(module).values() if hasattr(v, "misconception")]
    return sorted(entries, key=lambda m: m.implementation.__code__.co_firstlineno)


def _recorded_catalog(folder: Path) -> list[Misconception]:
    recording = being_recorded(folder)  # grade release, recording this folder's catalog
    if recording is not None:
        return recording
    if not (folder / MISTAKES).is_file():
        return []
    return [Misconception(e["function"], e["name"], e["advice"], implementation, e["feedback_contains"], e["matchable"])
            for e, implementation in MistakeBook(folder / MISTAKES).implementations()]


# ---------------------------------------------------------------- matching


def _close(a, b) -> bool:
    """Does a catalog result reproduce the student's result? (tolerant, type-aware)"""
    from grader.expect import tolerances

    if isinstance(a, (torch.nn.Module, RecordedModel)):  # RecordedModel: a model as a release recorded it
        return _same_model(a, b)
    if isinstance(b, torch.Tensor):
        if type(a) is not torch.Tensor or a.shape != b.shape or a.dtype != b.dtype:
            return False
        if not b.is_floating_point():
            return bool(torch.equal(a.to(b.dtype), b))
        rtol, atol = tolerances(b.detach(), None, None)
        a64, b64 = a.detach().to(torch.float64), b.detach().to(torch.float64)
        # Non-finite entries must be equal (nan with nan, inf with inf of the same sign): a tolerance
        # relative to an infinite value would call any two infinities close, and inf - inf is nan.
        finite = torch.isfinite(a64) & torch.isfinite(b64)
        same = (torch.isnan(a64) & torch.isnan(b64)) | (a64 == b64)
        close = (a64 - b64).abs() <= atol * 10 + rtol * 10 * b64.abs()
        return bool(torch.where(finite, close, same).all())
    if isinstance(a, torch.Tensor):
        return False
    if isinstance(b, bool) or isinstance(a, bool):
        return type(a) is type(b) and a == b
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-6) or (math.isnan(a) and math.isnan(b))
    if isinstance(b, (list, tuple)) and isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(b, dict) and isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in b)
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def _model_contents(value) -> tuple[str, list] | None:
    """A model as far as matching goes: its layers (its repr, as the worker shows it) and its
    numbers (state_dict values, in order). A student's model stays in the worker (a `Remote`):
    its state_dict is asked for there. None for anything else."""
    from grader.core.handles import Remote

    if isinstance(value, torch.nn.Module):
        return repr(value)[:300], list(value.state_dict().values())
    if isinstance(value, RecordedModel):  # what a catalog entry built, as a student release recorded it
        return value.text, list(value.state)
    if isinstance(value, Remote) and value.is_module:
        state = value.method("state_dict")
        return (value.text, list(state.values())) if isinstance(state, dict) else None
    return None


def _same_model(model: torch.nn.Module, other) -> bool:
    """Same layers holding the same numbers: what a catalog model must share with the student's
    model (or the reference's) to reproduce it. Matching a model by what it holds, not by its
    outputs on the check's inputs, needs no knowledge of the check; a model the check changed
    after build time (trained it, say) is then simply not recognised."""
    mine, theirs = _model_contents(model), _model_contents(other)
    return mine is not None and theirs is not None and mine[0] == theirs[0] \
        and len(mine[1]) == len(theirs[1]) and all(_close(a, b) for a, b in zip(mine[1], theirs[1]))


@contextmanager
def _seeded_like_the_worker():
    """The worker seeds torch and random with 0 before every call (worker._seed): a catalog
    entry runs seeded the same way, so a layer left at its random initial values is reproduced
    too. The grader's own random state is left as it was."""
    state = random.getstate()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        random.seed(0)
        try:
            yield
        finally:
            random.setstate(state)


def _outcome(function, args, kwargs):
    """(value, args after the call) or ("raised", type, message), on copies of the inputs."""
    copies = [a.detach().clone() if isinstance(a, torch.Tensor) else a for a in args]
    try:
        with _seeded_like_the_worker():
            return function(*copies, **kwargs), copies
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc)[:2000]), None


def _matches(entry: Misconception, call: CallRecord, reference) -> bool:
    from grader.checks import reference_grads

    args, kwargs = call["args"], call["kwargs"]
    value, after = _outcome(entry.implementation, args, kwargs)
    expected = _outcome(reference, args, kwargs)[0] if reference is not None else None
    if "raised" in call:  # the student's code raised: does this mistake raise the same?
        kind, message, own_raise = call["raised"]
        reference_raised = isinstance(expected, tuple) and expected[:1] == ("raised",)
        # An error an operation raised (a shape error) must match word for word: its type alone
        # would name any shape mistake. The student's own `raise` has their own words.
        return isinstance(value, tuple) and value[:1] == ("raised",) and value[1] == kind \
            and (value[2] == message or (own_raise and not reference_raised))
    if isinstance(value, tuple) and value[:1] == ("raised",):
        return False
    if "args_after" in call:  # judged on what it did to its inputs
        changed = any(isinstance(a, torch.Tensor) and not torch.equal(a, b) for a, b in zip(args, after))
        return changed and _close(value, call["value"]) and all(
            _close(x, y) for x, y in zip(after, call["args_after"]) if isinstance(y, torch.Tensor))
    if call.get("grads") is not None and isinstance(call["grads"], str):  # no autograd graph came back
        graded = [a.detach().clone().requires_grad_(i in call["wrt"]) if isinstance(a, torch.Tensor) else a
                  for i, a in enumerate(args)]
        out = entry.implementation(*graded)
        return not getattr(out, "requires_grad", False) and _close(out, call["value"])
    if expected is not None and not (isinstance(expected, tuple) and expected[:1] == ("raised",)) \
            and _close(value, expected) and call.get("grads") is None:
        return False  # behaves like the reference on these inputs: it cannot explain this failure
    if call.get("grads") is None:
        return _close(value, call["value"])
    value, grads = reference_grads(entry.implementation, args, call["wrt"], call.get("grad_output"))
    return _close(value, call["value"]) and all(
        (g is None and s is None) or (g is not None and s is not None and _close(g, s))
        for g, s in zip(grads, call["grads"]))


def _consistent(entry: Misconception, history: list[CallRecord]) -> bool:
    """Does the entry behave like the student on the student's other calls of that function?"""
    from grader.core.handles import Remote

    for call in history:
        if call["function"] != entry.function or "value" not in call or call.get("grads") is not None:
            continue
        if isinstance(call["value"], Remote):  # a model from an earlier check may have changed since
            continue
        outcome = _outcome(entry.implementation, call["args"], call["kwargs"])
        if outcome[:2] == ("raised", "MissingFixture"):
            continue  # a student release that did not record the entry on these inputs: no evidence
        if len(outcome) == 3:  # it raised
            return False
        if not _close(outcome[0], call["value"]):
            return False
    return True


def identify(catalog: list[Misconception], calls: list[CallRecord], reference=None,
             history: list[CallRecord] = ()) -> Misconception | None:
    """The catalog entry that reproduces what the student's function did, if any.

    `calls` are the student calls made during the failing check, latest first: each with
    the function name, arguments, and what came back (value, gradients, inputs afterwards,
    or the exception raised). `history` holds the student's earlier calls in this grading:
    an entry must also agree with those. An entry that behaves like the reference on the
    failing inputs explains nothing and is passed over."""
    for call in calls:
        for entry in catalog:
            if entry.function != call["function"] or not entry.matchable:
                continue
            try:
                ref_function = getattr(reference, entry.function, None) if reference is not None else None
                if _matches(entry, call, ref_function) and _consistent(entry, history):
                    return entry
            except Exception:  # a catalog entry that cannot run on these inputs does not match
                continue
    return None
