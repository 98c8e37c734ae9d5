"""VALID: uses functools.reduce, operator.mul and itertools.zip_longest over reversed shapes, with type hints throughout."""

from __future__ import annotations

import functools
import itertools
import operator
from typing import Sequence

Shape = tuple[int, ...]

PREDICTED_SHAPES: dict[str, Shape] = dict(
    a=(3, 5), b=(3, 4), c=(3, 4), d=(3, 4), e=(6, 2), f=(12,)
)


def _numel(shape: Sequence[int]) -> int:
    return functools.reduce(operator.mul, shape, 1)


def matmul_shape(a: Sequence[int], b: Sequence[int]) -> Shape:
    m, n = a
    n2, p = b
    if n != n2:
        raise ValueError("inner sizes differ: %d vs %d" % (n, n2))
    return m, p


def _merge(x: int, y: int) -> int:
    if x == y or x == 1 or y == 1:
        return y if x == 1 else x
    raise ValueError(f"incompatible sizes {x} and {y}")


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> Shape:
    pairs = itertools.zip_longest(reversed(tuple(a)), reversed(tuple(b)), fillvalue=1)
    return tuple(reversed([_merge(x, y) for x, y in pairs]))


def reshape_shape(shape: Sequence[int], new_shape: Sequence[int]) -> Shape:
    new_shape = tuple(new_shape)
    if operator.countOf(new_shape, -1) > 1:
        raise ValueError("more than one -1 in " + repr(new_shape))
    if not all(d >= -1 for d in new_shape):
        raise ValueError("sizes must be >= 0 (or a single -1)")
    total = _numel(shape)
    known = _numel(d for d in new_shape if d != -1)
    if -1 not in new_shape:
        if known == total:
            return new_shape
        raise ValueError(f"{total} elements cannot become {known}")
    q, r = divmod(total, known) if known else (0, 1)
    if r:
        raise ValueError(f"cannot infer the -1 for {tuple(shape)} -> {new_shape}")
    return tuple(q if d == -1 else d for d in new_shape)
