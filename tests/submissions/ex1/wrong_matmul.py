from itertools import zip_longest
from math import prod

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError(f"cannot multiply: inner dimensions {a[1]} and {b[0]} differ")
    return (a[1], b[1])


def broadcast_shape(a, b):
    out = []
    for x, y in zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"sizes {x} and {y} are incompatible")
    return tuple(out[::-1])


def reshape_shape(shape, new_shape):
    new_shape = list(new_shape)
    total = prod(shape)
    if new_shape.count(-1) > 1:
        raise ValueError("can only specify one unknown dimension")
    if -1 in new_shape:
        rest = prod(s for s in new_shape if s != -1)
        if rest == 0 or total % rest != 0:
            raise ValueError("shape does not fit")
        new_shape[new_shape.index(-1)] = total // rest
    if prod(new_shape) != total:
        raise ValueError(f"cannot reshape {total} elements into {tuple(new_shape)}")
    return tuple(new_shape)
