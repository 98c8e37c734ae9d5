"""A function's answers compared across calls (this module runs in the worker).

A replayed call (rules_replay.py) must answer as the first call did. `fingerprint` takes what
an answer is (tensors copied, modules by their state, containers item by item, an error by
its type and message) and `difference` says where two fingerprints first differ, as the
finding shows it.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import math
import sys

import torch
import torch.nn as nn

from grader.remote.rules_bits import first_difference, index_of, number_at


class Raised:
    """An error raised by a call, as its answer."""

    def __init__(self, exc: BaseException):
        self.type = type(exc).__name__
        try:
            self.message = str(exc)[:200]
        except Exception:
            self.message = ""


def fingerprint(value, depth: int = 0):
    """What an answer is, for comparison with another call's: tensors copied, modules by their
    state, containers item by item, other objects by their type."""
    if isinstance(value, Raised):
        return ("raised", value.type, value.message)
    if depth > 8:
        return ("deep",)
    if isinstance(value, torch.Tensor):
        return ("tensor", str(value.dtype), tuple(value.shape), bool(value.requires_grad),
                value.detach().clone(memory_format=torch.contiguous_format))
    if isinstance(value, nn.Module):
        try:
            state = [(k, fingerprint(v, depth + 1)) for k, v in value.state_dict().items()]
        except Exception:
            state = []
        return ("module", type(value).__qualname__, state)
    if isinstance(value, (list, tuple)):  # a namedtuple or a list subclass: its own name with it
        kind = "list" if isinstance(value, list) else "tuple"
        return (kind, [fingerprint(v, depth + 1) for v in list(value)[:100_000]], type(value).__qualname__)
    if isinstance(value, dict):
        return ("dict", [(repr(k)[:80], fingerprint(v, depth + 1)) for k, v in list(dict.items(value))[:1000]])
    if isinstance(value, float):
        return ("float", value)
    if value is None or isinstance(value, (bool, int, str, complex)):
        return (type(value).__name__, value)
    return ("object", type(value).__qualname__)


def _short(fp) -> object:
    kind = fp[0]
    if kind == "tensor":
        return f"a tensor of shape {tuple(fp[2])} ({fp[1].replace('torch.', '')})"
    if kind == "raised":
        return f"{fp[1]}: {fp[2]}" if fp[2] else fp[1]
    if kind in ("float", "int", "bool", "str", "NoneType"):
        return fp[1]
    if kind in ("list", "tuple"):
        return f"a {kind} of {len(fp[1])}"
    if kind == "module":
        return f"a {fp[1]}"
    return f"a {fp[1] if kind == 'object' else kind}"


# Floating-point values that differ by less than this many units in the last place of the
# answer's largest value are equal: a library may round differently from call to call in one
# process (MKL's LAPACK, e.g. torch.linalg.lstsq, with its own workspace), and a value that
# should be 0 then differs in all its digits (a bias of 5.6438e-08 once, 5.6416e-08 again, in a
# model whose buffers are near 100). The state the rule looks for (a cache, a counter, a mutable
# default) changes an answer by far more.
ROUNDING_ULPS = 16


def rounding(fp) -> float:
    """How far two answers' floating-point values may differ by rounding alone: ROUNDING_ULPS
    units in the last place of the answer's largest finite value, in its coarsest floating dtype
    (Python floats beside float32 tensors came from float32 work, `.item()`; float64 if none)."""
    largest, eps = 0.0, 0.0

    def walk(fp, depth: int) -> None:
        nonlocal largest, eps
        kind = fp[0] if isinstance(fp, tuple) and fp else None
        if depth > 8 or kind is None:
            return
        if kind == "tensor" and fp[4].is_floating_point():
            eps = max(eps, torch.finfo(fp[4].dtype).eps)
            if fp[4].numel():
                largest = max(largest, float(fp[4].abs().nan_to_num(0.0, 0.0, 0.0).max()))
        elif kind == "float" and math.isfinite(fp[1]):
            largest = max(largest, abs(fp[1]))
        elif kind in ("list", "tuple"):
            for value in fp[1]:
                walk(value, depth + 1)
        elif kind in ("dict", "module"):
            for _, value in fp[1] if kind == "dict" else fp[2]:
                walk(value, depth + 1)

    walk(fp, 0)
    return ROUNDING_ULPS * (eps or sys.float_info.epsilon) * largest


def difference(first, again, path: str = "", close: bool = False, noise: float | None = None) -> dict | None:
    """Where two fingerprints differ first: {"path", "kind", "first", "again"}; None if equal.
    Floating-point values that differ by rounding at the scale of the whole first answer
    (`noise`: `rounding(first)`) are equal. With `close`, they only need to agree to a relative
    1e-4 (and NaN where NaN): what another memory order may change."""
    if noise is None:
        noise = rounding(first)

    def found(kind: str, a, b) -> dict:
        return {"path": path, "kind": kind, "first": a, "again": b}

    if "unreadable" in (first[0], again[0]):
        return None
    if first[0] != again[0]:
        kind = "raised" if again[0] == "raised" else "type"
        return found(kind, _short(first), _short(again))
    kind = first[0]
    if kind == "tensor":
        if first[1] != again[1]:
            return found("dtype", first[1], again[1])
        if first[2] != again[2]:
            return found("shape", list(first[2]), list(again[2]))
        if first[3] != again[3]:
            return found("requires_grad", first[3], again[3])
        index = first_difference(first[4], again[4])
        if index is not None and first[4].is_floating_point():
            a, b = first[4].double(), again[4].double()
            own = float(a.abs().nan_to_num(0, 0, 0).max()) if a.numel() else 0.0
            near = torch.isclose(a, b, rtol=1e-4 if close else 0.0, atol=max(1e-4 * own if close else 0.0, noise),
                                 equal_nan=True)
            bad = (~near).flatten().nonzero()
            index = int(bad[0]) if len(bad) else None
        if index is None:
            return None
        return dict(found("value", number_at(first[4], index), number_at(again[4], index)),
                    index=index_of(first[2], index))
    if kind == "float":
        a, b = first[1], again[1]
        if (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b)):
            return None
        if math.isclose(a, b, rel_tol=1e-4 if close else 0.0, abs_tol=max(1e-12 if close else 0.0, noise)):
            return None
        return found("value", a, b)
    if kind in ("list", "tuple"):
        if first[2] != again[2]:
            return found("type", first[2], again[2])
        if len(first[1]) != len(again[1]):
            return found("length", len(first[1]), len(again[1]))
        for i, (a, b) in enumerate(zip(first[1], again[1])):
            d = difference(a, b, f"{path}[{i}]", close, noise)
            if d:
                return d
        return None
    if kind in ("dict", "module"):
        items_a, items_b = (first[1], again[1]) if kind == "dict" else (first[2], again[2])
        if kind == "module" and first[1] != again[1]:
            return found("type", first[1], again[1])
        if [k for k, _ in items_a] != [k for k, _ in items_b]:
            return found("keys", [k for k, _ in items_a][:10], [k for k, _ in items_b][:10])
        for (k, a), (_, b) in zip(items_a, items_b):
            d = difference(a, b, f"{path}[{k}]" if kind == "dict" else f"{path}.{k}", close, noise)
            if d:
                return d
        return None
    if kind == "raised":
        return None if first[1:] == again[1:] else found("raised", _short(first), _short(again))
    if first[1:] != again[1:]:
        return found("value", _short(first), _short(again))
    return None
