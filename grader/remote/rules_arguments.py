"""The rule "inputs stay as given": a call's arguments before and after (this module runs in the worker).

Around every call of a contract function (the grader's own calls and those a check's worker
function makes through `module.<name>`), each tensor argument, nested in lists, tuples and
dicts too, and each parameter and buffer of an `nn.Module` argument, is compared before and
after: values bit for bit (so -0.0 against 0.0 and NaN payloads count), dtype, shape,
strides, `requires_grad`, `retains_grad`, `.grad` and the version counter (`x.add_(0.0)`
leaves equal values but bumps it). An exercise lets a function change an argument where its
contract says so (`[rules]` in exercise.toml: ex9's `train` changes `model`). A write undone
before the call returns is seen at the dispatcher instead (rules_writes.py).

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import inspect

import torch
import torch.nn as nn

from grader.remote.rules_bits import bits, first_difference, index_of, number_at, values_equal

MAX_LEAVES = 256  # tensors looked at in one call's arguments


class TensorLeaf:
    """One tensor argument (or nested in one) as it was before the call."""

    __slots__ = ("path", "tensor", "meta", "requires_grad", "retains_grad", "version", "bits", "grad", "_same")

    def __init__(self, path: str, t: torch.Tensor):
        self.path, self.tensor = path, t
        self.meta = (t.dtype, t.shape, t.stride(), t.storage_offset())
        self.requires_grad = t.requires_grad
        self.retains_grad = t.retains_grad
        self.version = t._version
        self.bits = t.detach().clone(memory_format=torch.contiguous_format)
        grad = t.grad if t.is_leaf else None
        self.grad = None if grad is None else grad.detach().clone(memory_format=torch.contiguous_format)
        try:
            self._same = bits(self.bits)
        except (KeyError, RuntimeError):
            self._same = None

    def _unchanged(self, t: torch.Tensor) -> bool:
        """The common case, at little cost: nothing about the tensor changed."""
        if self._same is None or self.grad is not None or t._version != self.version \
                or t.requires_grad != self.requires_grad or t.retains_grad != self.retains_grad \
                or (t.dtype, t.shape, t.stride(), t.storage_offset()) != self.meta:
            return False
        if t.is_leaf and t.grad is not None:
            return False
        return t.numel() == 0 or torch.equal(self._same, bits(t.detach()))

    def changes(self) -> list[dict]:
        t, out = self.tensor, []
        if self._unchanged(t):
            return out
        dtype, shape, stride, offset = self.meta

        def change(what: str, before, after, **more) -> None:
            out.append({"argument": self.path, "change": what, "before": before, "after": after, **more})

        if t.dtype != dtype:
            change("dtype", str(dtype), str(t.dtype))
        elif t.shape != shape:
            change("shape", list(shape), list(t.shape))
        else:
            if t.stride() != stride or t.storage_offset() != offset:
                change("strides", list(stride), list(t.stride()))
            now = t.detach()
            index = first_difference(self.bits, now)
            if index is not None:
                change("values", number_at(self.bits, index), number_at(now, index),
                       index=index_of(shape, index), values_equal=values_equal(self.bits, now),
                       versions=[self.version, t._version])
            elif t._version != self.version:
                change("version", self.version, t._version, values_equal=True)
        if bool(t.requires_grad) != self.requires_grad:
            change("requires_grad", self.requires_grad, bool(t.requires_grad))
        if bool(t.retains_grad) != self.retains_grad:
            change("retains_grad", self.retains_grad, bool(t.retains_grad))
        grad = t.grad if t.is_leaf else None
        if (grad is None) != (self.grad is None):
            change("grad", "None" if self.grad is None else "a tensor", "None" if grad is None else "a tensor")
        elif grad is not None:
            same = grad.shape == self.grad.shape and grad.dtype == self.grad.dtype \
                and first_difference(self.grad, grad.detach()) is None
            if not same:
                change("grad", "a tensor", "a different tensor")
        return out


class ModuleLeaf:
    """An nn.Module argument: its parameters and buffers, by name."""

    def __init__(self, path: str, module: nn.Module):
        self.path, self.module = path, module
        self.held = dict(module_tensors(module))
        self.leaves = [TensorLeaf(f"{path}.{name}", t) for name, t in self.held.items()][:MAX_LEAVES]

    def changes(self) -> list[dict]:
        now = dict(module_tensors(self.module))
        if set(now) != set(self.held):
            gone, new = sorted(set(self.held) - set(now)), sorted(set(now) - set(self.held))
            return [{"argument": self.path, "change": "parameters", "before": gone, "after": new}]
        out = []
        for name, t in self.held.items():
            if now[name] is not t:
                out.append({"argument": f"{self.path}.{name}", "change": "replaced", "before": "", "after": ""})
        replaced = {c["argument"] for c in out}
        for leaf in self.leaves:
            if leaf.path not in replaced:
                out += leaf.changes()
        return out


def module_tensors(module: nn.Module):
    """A module's parameters and buffers, by name (shared ones under each of their names)."""
    try:
        yield from module.named_parameters(remove_duplicate=False)
        yield from module.named_buffers(remove_duplicate=False)
    except Exception:  # a student's module that breaks named_parameters: nothing to compare
        return


def collect_leaves(value, path: str, out: list, seen: set, depth: int = 0) -> None:
    """Add to `out` a TensorLeaf or ModuleLeaf for every tensor and module in `value` (named from `path`)."""
    if len(out) >= MAX_LEAVES or depth > 8:
        return
    if isinstance(value, torch.Tensor):
        out.append(TensorLeaf(path, value))
    elif isinstance(value, nn.Module):
        if id(value) not in seen:
            seen.add(id(value))
            out.append(ModuleLeaf(path, value))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(list(value)[:MAX_LEAVES]):
            collect_leaves(item, f"{path}[{i}]", out, seen, depth + 1)
    elif isinstance(value, dict):
        for key, item in list(dict.items(value))[:MAX_LEAVES]:
            collect_leaves(item, f"{path}[{key!r}]", out, seen, depth + 1)


def argument_leaves(names: list[str], args, kwargs, may_change: set) -> list:
    """A TensorLeaf or ModuleLeaf for what each argument of a call (by its name in `names`)
    holds, but those the call may change (`may_change`; "*": all of them)."""
    leaves: list = []
    if "*" in may_change:
        return leaves
    seen: set = set()
    for name, value in zip(names, [*args, *kwargs.values()]):
        if name not in may_change:
            collect_leaves(value, name, leaves, seen)
    return leaves


def bytes_of(value, depth: int = 0) -> int:
    """The bytes of the storages of the tensors in `value`."""
    if isinstance(value, torch.Tensor):
        return value.untyped_storage().nbytes()
    if depth < 8 and isinstance(value, (list, tuple)):
        return sum(bytes_of(v, depth + 1) for v in value)
    if depth < 8 and isinstance(value, dict):
        return sum(bytes_of(v, depth + 1) for v in dict.values(value))
    return 0


_SIGNATURES: dict[int, tuple[object, list[str], str | None]] = {}


def parameter_names(function, count: int, keywords) -> list[str]:
    """The names of a call's arguments, from the function's signature: "x", "W1", "args[2]"."""
    known = _SIGNATURES.get(id(function))
    if known is None or known[0] is not function:
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            parameters = []
        known = (function, [p.name for p in parameters if p.kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                                     inspect.Parameter.POSITIONAL_OR_KEYWORD)],
                 next((p.name for p in parameters if p.kind == inspect.Parameter.VAR_POSITIONAL), None))
        _SIGNATURES[id(function)] = known
    _, positional, star = known
    names = [positional[i] if i < len(positional) else f"{star}[{i - len(positional)}]" if star
             else f"argument {i + 1}" for i in range(count)]
    return names + [str(k) for k in keywords]
