"""Tensors compared bit for bit, and where they differ (this module runs in the worker).

The rules compare an argument before and after a call by its bits: -0.0 against 0.0 and NaN
payloads count (an answer with a replay's is first found different by its bits, then judged
within rounding, rules_answers.py). These helpers find the first element
that differs and show it (its value and its index), for rules_arguments.py and
rules_answers.py.

It depends on torch only: the zygote loads it before any student.
"""

from __future__ import annotations

import torch


def _int_view(t: torch.Tensor) -> torch.Tensor:
    """The tensor's bytes, one row per element (for bit-for-bit comparison)."""
    flat = t.reshape(-1)
    if flat.dtype == torch.bool:
        flat = flat.view(torch.uint8)
    return flat.view(torch.uint8).reshape(flat.numel(), -1) if flat.numel() else flat.view(torch.uint8)


_INTS = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def bits(t: torch.Tensor) -> torch.Tensor:
    """The same elements as integers of the same size (a view, whatever the strides)."""
    if t.dtype == torch.complex128:
        t = torch.view_as_real(t)
    elif t.dtype == torch.bool:
        return t.view(torch.uint8)
    return t.view(_INTS[t.element_size()])


def first_difference(before: torch.Tensor, after: torch.Tensor) -> int | None:
    """The flat index of the first element whose bits differ, or None when all are equal."""
    if before.numel() == 0:
        return None
    try:
        if torch.equal(bits(before), bits(after)):  # the common case, without a copy
            return None
    except (KeyError, RuntimeError):
        pass
    a, b = _int_view(before.contiguous()), _int_view(after.contiguous())
    if torch.equal(a, b):
        return None
    return int((a != b).any(dim=1).nonzero()[0, 0])


def number_at(t: torch.Tensor, index: int):
    """The element at flat position `index`, as a plain number (or its text)."""
    value = t.reshape(-1)[index].item()
    return value if isinstance(value, (bool, int, float)) else str(value)


def values_equal(before: torch.Tensor, after: torch.Tensor) -> bool:
    """Equal as numbers (-0.0 == 0.0; NaN where NaN was)."""
    if before.is_floating_point() or before.is_complex():
        return bool(((before == after) | (before.isnan() & after.isnan())).all())
    return bool(torch.equal(before, after))


def index_of(shape, flat: int) -> list[int]:
    """The index in a tensor of `shape` of its element at flat position `flat`."""
    index = []
    for size in reversed(list(shape)):
        index.append(flat % size if size else 0)
        flat = flat // size if size else 0
    return list(reversed(index))
