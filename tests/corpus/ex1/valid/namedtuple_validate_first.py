"""VALID: matmul_shape returns a typing.NamedTuple (m, p) (a namedtuple is a tuple, as the contract's Types rule says); reshape_shape validates every size before any arithmetic, so (0,) into (-2, -1) raises."""

from typing import NamedTuple

PREDICTED_SHAPES = {"a": [3, 5], "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


class MatmulShape(NamedTuple):
    rows: int
    cols: int


def matmul_shape(a, b):
    (m, n), (k, p) = a, b
    if n != k:
        raise ValueError(f"inner sizes differ: {n} (a) vs {k} (b)")
    return MatmulShape(m, p)


def broadcast_shape(a, b):
    width = max(len(a), len(b))
    a = (1,) * (width - len(a)) + tuple(a)
    b = (1,) * (width - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"sizes {x} and {y} do not broadcast")
    return tuple(out)


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    for size in new_shape:
        if size < -1:
            raise ValueError(f"invalid size {size}")
    if new_shape.count(-1) > 1:
        raise ValueError("at most one -1")
    total = 1
    for size in shape:
        total *= size
    known = 1
    for size in new_shape:
        if size != -1:
            known *= size
    if -1 not in new_shape:
        if known != total:
            raise ValueError(f"{total} elements cannot become {known}")
        return new_shape
    if known == 0:
        raise ValueError("the -1 is ambiguous next to a 0")
    if total % known:
        raise ValueError(f"{total} elements do not divide into rows of {known}")
    return tuple(total // known if size == -1 else size for size in new_shape)
