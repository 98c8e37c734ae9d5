"""VALID: errors are a custom ShapeError(ValueError) subclass (still "raises ValueError"), matmul_shape returns a namedtuple (the rules: "a namedtuple is one"), PREDICTED_SHAPES uses lists of ints (allowed for ex1), and the functions carry type annotations.
"""
from __future__ import annotations

from collections import namedtuple
from typing import Sequence, Tuple


class ShapeError(ValueError):
    """Raised when two shapes do not fit together."""


MatShape = namedtuple("MatShape", ["rows", "cols"])

PREDICTED_SHAPES = {
    "a": [3, 5],
    "b": [3, 4],
    "c": [3, 4],
    "d": [3, 4],
    "e": [6, 2],
    "f": [12],
}


def matmul_shape(a: Sequence[int], b: Sequence[int]) -> Tuple[int, ...]:
    m, n = a
    k, p = b
    if n != k:
        raise ShapeError(f"inner sizes differ: {n} (columns of the left) vs {k} (rows of the right)")
    return MatShape(m, p)


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> Tuple[int, ...]:
    a, b = tuple(a), tuple(b)
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    result = []
    for x, y in zip(a, b):
        if x == y:
            result.append(x)
        elif x == 1:
            result.append(y)
        elif y == 1:
            result.append(x)
        else:
            raise ShapeError(f"cannot broadcast {x} against {y}")
    return tuple(result)


def reshape_shape(shape: Sequence[int], new_shape: Sequence[int]) -> Tuple[int, ...]:
    total = 1
    for s in shape:
        total *= s
    new_shape = tuple(new_shape)
    wild = [i for i, s in enumerate(new_shape) if s == -1]
    if len(wild) > 1:
        raise ShapeError("only one dimension can be inferred")
    if any(s < -1 for s in new_shape):
        raise ShapeError(f"invalid size in {new_shape}")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if wild:
        if known == 0 or total % known != 0:
            raise ShapeError(f"shape {new_shape} is invalid for input of size {total}")
        out = list(new_shape)
        out[wild[0]] = total // known
        return tuple(out)
    if known != total:
        raise ShapeError(f"shape {new_shape} is invalid for input of size {total}")
    return new_shape
