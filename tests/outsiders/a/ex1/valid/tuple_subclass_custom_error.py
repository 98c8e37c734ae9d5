"""VALID: results are instances of a tuple subclass with its own __repr__, and errors are a custom ValueError subclass; the rules are applied with itertools.zip_longest over reversed shapes and functools.reduce for products."""

import functools
import itertools
import operator

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


class ShapeError(ValueError):
    """Raised when shapes do not fit together."""


class Shape(tuple):
    """A tuple of ints that prints like a shape."""

    def __repr__(self):
        return "Shape(" + ", ".join(str(s) for s in self) + ")"


def _numel(shape):
    return functools.reduce(operator.mul, shape, 1)


def matmul_shape(a, b):
    (m, n), (k, p) = a, b
    if n != k:
        raise ShapeError(f"inner sizes differ: {n} vs {k}")
    return Shape((m, p))


def broadcast_shape(a, b):
    out = []
    for x, y in itertools.zip_longest(reversed(tuple(a)), reversed(tuple(b)), fillvalue=1):
        if x != y and 1 not in (x, y):
            raise ShapeError(f"sizes {x} and {y} cannot be broadcast")
        out.append(y if x == 1 else x)
    return Shape(reversed(out))


def reshape_shape(shape, new_shape):
    new_shape = list(new_shape)
    total = _numel(shape)
    holes = [i for i, s in enumerate(new_shape) if s == -1]
    if len(holes) > 1:
        raise ShapeError("at most one -1")
    if any(s < -1 for s in new_shape):
        raise ShapeError("negative size")
    known = _numel(s for s in new_shape if s != -1)
    if holes:
        if known == 0 or total % known:
            raise ShapeError(f"{total} elements do not fit {tuple(new_shape)}")
        new_shape[holes[0]] = total // known
    elif known != total:
        raise ShapeError(f"{total} elements do not fit {tuple(new_shape)}")
    return Shape(new_shape)
