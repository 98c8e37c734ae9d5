"""Copies of a call's arguments, for replaying it (this module runs in the worker).

The rule "calls are independent" replays the first call of each function (rules_replay.py)
from a pristine copy of its arguments, taken before the call: with fresh copies of it, with
the very same objects given its values again (`write_into`), with other values (a
transformed copy) and with its tensors as non-contiguous views. A function argument is
copied as an `EngineCallable`, which cannot be hashed, as any callable may not be.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import copy
import functools
import types

import torch
import torch.nn as nn

from grader.remote.rules_arguments import module_tensors


class EngineCallable:
    """A fresh copy of a function argument: calls the function (its result times `scale`).

    It cannot be hashed, as any callable object may not be: a cache that needs hashable
    arguments (`functools.lru_cache`) fails on it where the contract accepts any function."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, function, scale: float = 1.0):
        try:
            functools.update_wrapper(self, function)
        except Exception:
            pass
        self.function, self.scale = function, scale

    def __call__(self, *args, **kwargs):
        value = self.function(*args, **kwargs)
        return value if self.scale == 1.0 else value * self.scale

    def __eq__(self, other):
        return isinstance(other, EngineCallable) and other.function is self.function and other.scale == self.scale


class _Fn:
    """A function argument, as the pristine copy of a call holds it."""

    def __init__(self, function, scale: float = 1.0):
        self.function, self.scale = function, scale


class _NotCopyable(Exception):
    pass


class Copier:
    """Copies of a call's arguments: each tensor gets a storage of its own (views of one storage
    stay views of one new storage, with the same sizes, strides and offset), modules are
    deep-copied, function arguments become `_Fn` (pristine) or `EngineCallable` (fresh).
    With `transform`, values change: floats x -> x/2 + 1/4, integers and booleans rolled by one,
    a function's result doubled. With `views`, each tensor of more than one element becomes a
    non-contiguous view (every other element of a storage of its own) holding the same values."""

    def __init__(self, *, fresh: bool, transform: bool = False, views: bool = False):
        self.fresh, self.transform, self.views = fresh, transform, views
        self.storages: dict[int, object] = {}
        self.memo: dict[int, tuple[object, object]] = {}

    def copy(self, value, depth: int = 0):
        if depth > 8:
            raise _NotCopyable("nested too deeply")
        known = self.memo.get(id(value))
        if known is not None and known[0] is value:  # the same object twice: one copy, used twice
            return known[1]
        out = self._copy(value, depth)
        self.memo[id(value)] = (value, out)  # the original kept alive: its id stays its own
        return out

    def _storage(self, t: torch.Tensor):
        storage = t.untyped_storage()
        key = storage.data_ptr()  # the originals are alive: their storages' addresses are their own
        if not key or key not in self.storages:
            new = storage.clone()
            if self.transform and new.nbytes():
                flat = torch.empty(0, dtype=t.dtype).set_(new, 0, (new.nbytes() // t.element_size(),), (1,))
                with torch.no_grad():
                    if flat.is_floating_point() or flat.is_complex():
                        flat.mul_(0.5).add_(0.25)
                    else:
                        flat.copy_(flat.roll(1))
            if not key:
                return new  # empty: nothing to share
            self.storages[key] = new
        return self.storages[key]

    def _tensor(self, t: torch.Tensor) -> torch.Tensor:
        if t.layout != torch.strided or t.device.type != "cpu" or type(t) not in (torch.Tensor, nn.Parameter) \
                or t.is_conj() or t.is_neg() or t.is_inference():
            raise _NotCopyable("tensor kind")
        if self.views and t.numel() > 1:  # a storage of its own already: no clone of t's first
            new = _non_contiguous(t.detach())
        else:
            new = torch.empty(0, dtype=t.dtype).set_(self._storage(t), t.storage_offset(), t.size(), t.stride())
        if isinstance(t, nn.Parameter):
            return nn.Parameter(new, requires_grad=t.requires_grad)
        if t.requires_grad:
            new.requires_grad_(True)
        if t.is_leaf and t.grad is not None:
            new.grad = t.grad.detach().clone()
        return new

    def _copy(self, value, depth: int):
        if isinstance(value, torch.Tensor):
            return self._tensor(value)
        if value is None or isinstance(value, (bool, int, float, complex, str, bytes, torch.dtype)):
            return value
        if isinstance(value, _Fn):
            scale = value.scale * (2.0 if self.transform else 1.0)
            return EngineCallable(value.function, scale) if self.fresh else _Fn(value.function, scale)
        if isinstance(value, types.FunctionType):
            return _Fn(value)
        if isinstance(value, tuple):
            items = [self.copy(v, depth + 1) for v in value]
            return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
        if isinstance(value, list):
            return type(value)(self.copy(v, depth + 1) for v in value)
        if isinstance(value, dict):
            out = copy.copy(value)
            for k, v in dict.items(value):
                out[k] = self.copy(v, depth + 1)
            return out
        if isinstance(value, nn.Module):
            try:
                model = copy.deepcopy(value)
            except Exception as exc:
                raise _NotCopyable("module") from exc
            if self.transform:
                with torch.no_grad():
                    for _, t in module_tensors(model):
                        if t.is_floating_point():
                            t.mul_(0.5).add_(0.25)
            return model
        raise _NotCopyable(type(value).__name__)


def _non_contiguous(t: torch.Tensor) -> torch.Tensor:
    """The values of `t` in a storage of their own, laid out so that the result is not
    contiguous and cannot be flattened by .view(-1): column-major (a transposed copy seen
    back through .mT), or else every other element of a wider storage."""
    if t.dim() >= 2:
        new = t.mT.contiguous().mT
        if not new.is_contiguous():
            return new
    holder = torch.zeros((*t.shape, 2), dtype=t.dtype).transpose(0, -1) if t.dim() else torch.zeros(2, dtype=t.dtype)
    new = holder[0].transpose(0, -1) if t.dim() >= 2 else holder[0]
    new.copy_(t)
    return new


def write_into(target, source, depth: int = 0, bump: bool = True) -> bool:
    """Give the objects of a fresh copy (`target`) the values of a pristine one (`source`), in
    place: the same objects (same ids) holding those values. False when they no longer fit.
    Without `bump`, version counters stay as they were: the objects look like new tensors
    made where freed ones had been (Python reuses the ids of freed objects)."""
    if depth > 8:
        return False
    if isinstance(target, torch.Tensor):
        if not isinstance(source, torch.Tensor) or target.shape != source.shape or target.dtype != source.dtype \
                or target.stride() != source.stride():
            return False
        mine, theirs = target.untyped_storage(), source.untyped_storage()
        if mine.nbytes() != theirs.nbytes():
            return False
        mine.copy_(theirs)
        if bump:
            torch._C._increment_version([target])  # written in place, as an in-place op would
        if target.is_leaf and target.requires_grad != source.requires_grad:
            target.requires_grad_(source.requires_grad)
        if target.is_leaf:
            target.grad = None if source.grad is None else source.grad.detach().clone()
        return True
    if isinstance(target, EngineCallable):
        if not isinstance(source, _Fn):
            return False
        target.scale = source.scale
        return True
    if isinstance(target, nn.Module):
        if not isinstance(source, nn.Module):
            return False
        mine, theirs = dict(module_tensors(target)), dict(module_tensors(source))
        if set(mine) != set(theirs):
            return False
        for name, t in mine.items():
            if t.shape != theirs[name].shape or t.dtype != theirs[name].dtype:
                return False
            with torch.no_grad():
                (t.copy_ if bump else t.data.copy_)(theirs[name])
            if t.is_leaf and t.is_floating_point():
                t.requires_grad_(theirs[name].requires_grad)
            if t.is_leaf:
                t.grad = None if theirs[name].grad is None else theirs[name].grad.detach().clone()
        for a, b in zip(target.modules(), source.modules()):
            a.training = b.training
        return True
    if isinstance(target, (list, tuple)):
        return isinstance(source, (list, tuple)) and len(target) == len(source) and \
            all(write_into(a, b, depth + 1, bump) for a, b in zip(target, source))
    if isinstance(target, dict):
        return isinstance(source, dict) and list(target) == list(source) and \
            all(write_into(target[k], source[k], depth + 1, bump) for k in target)
    return True  # numbers, strings: immutable, equal by construction


def has_new_values(value, depth: int = 0, functions: bool = True) -> bool:
    """Whether a transformed copy differs at all (a tensor, a module or, with `functions`, a
    function in it)."""
    if isinstance(value, (torch.Tensor, nn.Module)) or (functions and isinstance(value, _Fn)):
        return True
    if depth < 8 and isinstance(value, (list, tuple)):
        return any(has_new_values(v, depth + 1, functions) for v in value)
    if depth < 8 and isinstance(value, dict):
        return any(has_new_values(v, depth + 1, functions) for v in dict.values(value))
    return False


def usable_example(value, depth: int = 0) -> bool:
    """An example worth replaying: no empty tensor (a new value would change nothing)."""
    if isinstance(value, torch.Tensor):
        return value.numel() > 0
    if depth < 8 and isinstance(value, (list, tuple)):
        return all(usable_example(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return all(usable_example(v, depth + 1) for v in dict.values(value))
    return True


def has_tensor(value, depth: int = 0) -> bool:
    """Whether an argument list holds a tensor of more than one element (outside modules)."""
    if isinstance(value, torch.Tensor):
        return value.numel() > 1
    if depth < 8 and isinstance(value, (list, tuple)):
        return any(has_tensor(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return any(has_tensor(v, depth + 1) for v in dict.values(value))
    return False


def give_grads(labels: list, args, kwargs, may_change: set) -> None:
    """Give every floating leaf tensor of a fresh copy that has no `.grad` and does not require
    grad one (0.5 everywhere), and every parameter of a module argument too, but not in the
    arguments the call may change (`may_change`; "*": all): a caller's tensors may carry a
    gradient from their own backward, and "inputs stay as given" includes `.grad`, so a function
    that clears or changes it shows. A correct function never reads it: the answer stays."""
    if "*" in may_change:
        return
    for label, value in zip(labels, [*args, *kwargs.values()]):
        if label not in may_change:
            _give_grad(value)


def _give_grad(value, depth: int = 0) -> None:
    if isinstance(value, torch.Tensor):
        if value.is_leaf and value.is_floating_point() and value.grad is None and not value.requires_grad:
            value.grad = torch.full_like(value, 0.5)
    elif isinstance(value, nn.Module):
        for parameter in value.parameters():
            if parameter.is_floating_point() and parameter.grad is None:
                parameter.grad = torch.full_like(parameter, 0.5)
    elif depth < 8 and isinstance(value, (list, tuple)):
        for item in value:
            _give_grad(item, depth + 1)
    elif depth < 8 and isinstance(value, dict):
        for item in dict.values(value):
            _give_grad(item, depth + 1)
