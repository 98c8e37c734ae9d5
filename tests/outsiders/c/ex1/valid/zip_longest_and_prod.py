"""VALID: Shape arithmetic with itertools.zip_longest(fillvalue=1) over reversed shapes and math.prod/divmod for reshape; PREDICTED_SHAPES as lists of ints, which the contract explicitly accepts ("A tuple of ints, a torch.Size or a list of ints is accepted"). No torch anywhere; every rule of the stub (0 sizes, (), one -1, sizes < -1, ambiguous -1) is implemented and was checked against PyTorch's own broadcasting / Tensor.reshape on hundreds of random shapes.
"""
import math
from itertools import zip_longest

PREDICTED_SHAPES = {
    "a": [3, 5],
    "b": [3, 4],
    "c": [3, 4],
    "d": [3, 4],
    "e": [6, 2],
    "f": [12],
}


def matmul_shape(a, b):
    (m, n), (k, p) = a, b
    if n != k:
        raise ValueError(f"inner sizes differ: {n} vs {k}")
    return m, p


def broadcast_shape(a, b):
    result = []
    for x, y in zip_longest(reversed(tuple(a)), reversed(tuple(b)), fillvalue=1):
        if x != y and 1 not in (x, y):
            raise ValueError(f"sizes {x} and {y} are not broadcastable")
        result.append(y if x == 1 else x)
    return tuple(reversed(result))


def reshape_shape(shape, new_shape):
    new_shape = tuple(int(s) for s in new_shape)
    if any(s < -1 for s in new_shape):
        raise ValueError("sizes must be >= -1")
    holes = new_shape.count(-1)
    if holes > 1:
        raise ValueError("at most one -1")
    total = math.prod(shape)
    known = math.prod(s for s in new_shape if s != -1)
    if holes == 0:
        if known != total:
            raise ValueError(f"{total} elements do not fit {new_shape}")
        return new_shape
    if known == 0:
        raise ValueError("-1 is ambiguous or impossible next to a size 0")
    q, r = divmod(total, known)
    if r:
        raise ValueError(f"{total} elements do not fit {new_shape}")
    return tuple(q if s == -1 else s for s in new_shape)
