"""The rule "calls are independent": each function's first call replayed (this module runs in the worker).

The first call of each function that returned is kept as an `Example` (a pristine copy of
its arguments, its answer, the random state and settings it ran under). `replay` calls it
again after all the checks: with fresh equal arguments (carrying a `.grad` where they had
none), with the very same objects again (a
function of plain values, cheap to call, until it was called eight times in all), and with
the same objects holding new values (after the answer for those values was computed on fresh
objects). Caches keyed on `id()`, `functools.lru_cache` (fresh copies of a function argument
cannot be hashed, as any callable may be), mutable default arguments and counters show as a
different answer. Then, if it answered alike so far, on non-contiguous views of the same
values, and with the same objects given other values while their version counters stay put
(what Python's reuse of freed memory would do to a cache keyed on ids and versions).

The fresh replay also runs under a watch of writes into the arguments (rules_writes.py).
The functions here take the module's `ContractRules` (rules.py): replays are calls under its
rules, and their findings are noted with it. It depends on torch and the standard library
only: the zygote loads it before any student.
"""

from __future__ import annotations

import random
import types

import torch

from grader.remote.rules_answers import Raised, difference, fingerprint
from grader.remote.rules_copies import Copier, give_grads, has_new_values, has_tensor, usable_example, write_into
from grader.remote.rules_reuse import Placement, fresh, other_values
from grader.remote.rules_settings import read_settings, restore_settings
from grader.remote.rules_writes import ArgumentWrites, argument_storages

# A function whose arguments are plain values (no tensor, no model: cheap to call) is replayed
# until it has been called this often in all (a counter that goes wrong after a few calls shows).
MIN_CALLS = 8


class Example:
    """The first call of a function that returned: what went in, what came out, and under what."""

    def __init__(self, args, kwargs, rng, settings, labels: list[str], callables: list[str]):
        self.args, self.kwargs = args, kwargs  # pristine copies
        self.rng, self.settings = rng, settings
        self.answer = None  # its fingerprint, once the call returned
        self.labels = labels  # the arguments' names
        self.callables = callables  # the arguments that are functions (given unhashable in replays)


def example_of(names: list[str], args, kwargs) -> Example | None:
    """A call about to run, as an example (its answer still to come), or None when it cannot
    be one: an empty tensor among its arguments (a new value would change nothing), or
    arguments the engine cannot copy."""
    if not usable_example([args, kwargs]):
        return None
    try:
        copier = Copier(fresh=False)
        return Example(copier.copy(list(args)), copier.copy(dict(kwargs)),
                       (torch.get_rng_state(), random.getstate()), read_settings(), names,
                       [n for n, a in zip(names, [*args, *kwargs.values()]) if isinstance(a, types.FunctionType)])
    except Exception:  # NotCopyable, or a copy that failed: no example from this call
        return None


def replay(rules, name: str, function) -> bool:
    """Call the function's example again, every way (see the module's docstring).
    False when there is no example in this worker."""
    example = rules.examples.get(name)
    if example is None or example.answer is None:
        return False
    torch_rng, python_rng = torch.get_rng_state(), random.getstate()
    rules.replaying = True
    try:
        before = len(rules.reported)
        call = f"{name}({', '.join(example.labels)})"
        _replay_alike(rules, name, function, example, call)
        if len(rules.reported) == before:  # answered alike so far: now on views (one finding is enough)
            _replay_on_views(rules, name, function, example, call)
        if len(rules.reported) == before:
            _replay_freed(rules, name, function, example, call)
        reusable = rules.reusable.get(name)
        if len(rules.reported) == before and reusable is not None:
            _replay_reused(rules, name, function, reusable, call)
    except Exception:  # the engine's own failure (the student's errors are answers, in _answer)
        pass
    finally:
        rules.replaying = False
        torch.set_rng_state(torch_rng)
        random.setstate(python_rng)
        restore_settings(rules.baseline)
    return True


def _answer(rules, example: Example, run, writes: ArgumentWrites | None = None):
    """The answer of `run()`, one replayed call, as a fingerprint: run with the example's random
    state and settings (and under `writes`, if given), the baseline's settings put back after."""
    torch.set_rng_state(example.rng[0])
    random.setstate(example.rng[1])
    restore_settings(example.settings)
    if writes is not None:
        writes.mode.__enter__()
    try:
        value = run()
    except Exception as exc:  # the replay's answer is the error (KeyboardInterrupt, SystemExit pass)
        return fingerprint(Raised(exc))
    finally:
        if writes is not None:
            writes.mode.close()
        restore_settings(rules.baseline)
    try:
        return fingerprint(value)
    except Exception:  # an answer the engine cannot read back: compared with nothing
        return ("unreadable",)


def _observed(rules, name: str, function, example: Example, args, kwargs, writes=None):
    """One replayed call under the rules (its arguments and settings judged, its arguments kept alive)."""
    return _answer(rules, example, lambda: rules.observe(name, function, args, kwargs,
                                                         lambda: function(*args, **kwargs)), writes)


def _direct(rules, name: str, function, example: Example, args, kwargs):
    """One replayed call outside the rules' bookkeeping (its arguments are not kept alive)."""

    def run():
        previous, rules.current = rules.current, name
        try:
            return function(*args, **kwargs)
        finally:
            rules.current = previous

    return _answer(rules, example, run)


def _replay_alike(rules, name: str, function, example: Example, call: str) -> None:
    """Fresh equal arguments, the same objects again, the same objects holding new values."""

    def judge(how: str, first, again) -> None:
        try:
            found = difference(first, again)
        except Exception:  # answers the engine cannot compare: no finding
            return
        if found is not None:
            rules.note({"rule": "independent", "function": name, "call": call, "how": how,
                        "callables": example.callables, **found})

    def prepared(make):
        """The engine's own part of a step (copies, values written in): None when it cannot."""
        try:
            return make()
        except Exception:
            return None

    fresh = Copier(fresh=True)
    copied = prepared(lambda: (fresh.copy(example.args), fresh.copy(example.kwargs)))
    if copied is None:
        return
    args, kwargs = copied
    prepared(lambda: give_grads(example.labels, args, kwargs, rules.may_change.get(name, set())))
    watched = argument_storages(example.labels, args, kwargs, rules.may_change.get(name, set()))
    writes = ArgumentWrites(watched) if watched and "arguments" not in rules.skip.get(name, ()) else None
    judge("fresh", example.answer, _observed(rules, name, function, example, args, kwargs, writes))
    if writes is not None and writes.found:
        argument, op = writes.found
        rules.note({"rule": "arguments", "function": name, "call": call, "argument": argument,
                    "change": "written", "before": "", "after": op})
    repeats = 1 if has_new_values([example.args, example.kwargs], functions=False) \
        else max(1, min(6, MIN_CALLS - rules.calls.get(name, 0)))
    for _ in range(repeats):
        if prepared(lambda: write_into([args, kwargs], [example.args, example.kwargs])):
            judge("repeat", example.answer, _observed(rules, name, function, example, args, kwargs))
    if not has_new_values([example.args, example.kwargs]):
        return
    changed = Copier(fresh=False, transform=True)
    other = Copier(fresh=True)
    new = prepared(lambda: (changed.copy(example.args), changed.copy(example.kwargs)))
    if new is None:
        return
    new_args, new_kwargs = new
    copies = prepared(lambda: (other.copy(new_args), other.copy(new_kwargs)))
    if copies is None:
        return
    answer = _observed(rules, name, function, example, *copies)
    try:
        if answer[0] == "raised" or difference(example.answer, answer) is None:
            return  # the new values change nothing (or are outside what the function takes)
    except Exception:
        return
    if prepared(lambda: write_into([args, kwargs], [new_args, new_kwargs])):
        judge("recycled", answer, _observed(rules, name, function, example, args, kwargs))


def _replay_on_views(rules, name: str, function, example: Example, call: str) -> None:
    """The example again with its tensors as non-contiguous views of the same values (the
    contract: views, non-contiguous and expanded tensors are ordinary inputs). `.view(-1)`
    raises on them, `x.data = x.data.contiguous()` re-points the caller's tensor (the
    argument check sees its strides change). Values may differ in the last bits (another
    memory order sums in another order): only an error, a type or a shape is a finding."""
    if not has_tensor([example.args, example.kwargs]):
        return
    try:
        views = Copier(fresh=True, views=True)
        args, kwargs = views.copy(example.args), views.copy(example.kwargs)
    except Exception:
        return
    again = _observed(rules, name, function, example, args, kwargs)
    try:
        found = difference(example.answer, again, close=True)
    except Exception:
        return
    if found is not None:
        rules.note({"rule": "independent", "function": name, "call": call, "how": "views", **found})


def _replay_freed(rules, name: str, function, example: Example, call: str) -> None:
    """New tensors made where freed ones had been get the old ids, and a version counter of
    0 again: a cache keyed on ids, versions included, then answers for values that are
    gone. Python's reuse of memory cannot be forced, so it is played deterministically: the
    same objects given other values without their version counters moving. Called outside
    the rules' bookkeeping (the other replays judge arguments and settings)."""
    if not has_tensor([example.args, example.kwargs]):
        return
    try:
        changed = Copier(fresh=False, transform=True)
        other_args, other_kwargs = changed.copy(example.args), changed.copy(example.kwargs)
        fresh = Copier(fresh=True)
        wanted = _direct(rules, name, function, example, fresh.copy(other_args), fresh.copy(other_kwargs))
        if wanted[0] == "raised" or difference(example.answer, wanted) is None:
            return  # the other values change nothing (or are outside what the function takes)
        same = Copier(fresh=True)
        args, kwargs = same.copy(example.args), same.copy(example.kwargs)
        _direct(rules, name, function, example, args, kwargs)
        if not write_into([args, kwargs], [other_args, other_kwargs], bump=False):
            return
        found = difference(wanted, _direct(rules, name, function, example, args, kwargs))
    except Exception:
        return
    if found is not None:
        rules.note({"rule": "independent", "function": name, "call": call, "how": "freed", **found})


def _replay_reused(rules, name: str, function, example: Example, call: str) -> None:
    """Plain arguments (numbers, tuples and lists of them): a call on new objects, which are
    freed, then objects holding other values made at their ids (rules_reuse.py). A cache keyed
    on id() answers for the freed values. Called outside the rules' bookkeeping."""
    values = [*example.args, *example.kwargs.values()]
    positional, keys = len(example.args), list(example.kwargs)

    def called(objects):
        return _direct(rules, name, function, example, objects[:positional], dict(zip(keys, objects[positional:])))

    def ids_of_a_call() -> list[int]:
        objects = [fresh(v) for v in values]
        called(objects)
        return [id(v) for v in objects]  # freed when this returns: nothing else holds them

    try:
        for first_only in (False, True):  # other values the function takes, and answers otherwise for
            other = [other_values(v, first_only) for v in values]
            asked = [fresh(v) for v in other]  # kept alive: their ids must not be the ones reused below
            wanted = called(asked)
            if wanted[0] != "raised" and difference(example.answer, wanted) is not None:
                break
        else:
            return
        placement = Placement(other)  # ready before the free: nothing may take a freed address
        ids = ids_of_a_call()
        placed = placement.at(ids)
        if placed is None:
            return  # Python did not hand those ids back: nothing to judge
        found = difference(wanted, called(placed))
    except Exception:
        return
    if found is not None:
        rules.note({"rule": "independent", "function": name, "call": call, "how": "reused", **found})
