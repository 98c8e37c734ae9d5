"""VALID: PREDICTED_SHAPES built with a dict comprehension over plain tuples; the functions use guard clauses in a different order (count of -1 before negative sizes, element count before inference) and functools.reduce for products; every raise is a ValueError as required, and the matmul message names exactly the two inner sizes. Checked against PyTorch's own broadcasting / reshape on random shapes, including every example in the stub.
"""
from functools import reduce
from operator import mul

PREDICTED_SHAPES = {k: v for k, v in zip("abcdef", [(3, 5), (3, 4), (3, 4), (3, 4), (6, 2), (12,)])}


def _prod(sizes):
    return reduce(mul, sizes, 1)


def matmul_shape(a, b):
    a, b = tuple(a), tuple(b)
    if a[-1] != b[0]:
        raise ValueError("inner sizes differ: %d vs %d" % (a[-1], b[0]))
    return a[:1] + b[1:]


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
    if len(a) < len(b):
        a, b = b, a
    offset = len(a) - len(b)
    out = list(a[:offset])
    for x, y in zip(a[offset:], b):
        if x == y:
            out.append(x)
        elif x == 1 or y == 1:
            out.append(x * y)  # the one that is not 1 (0 included)
        else:
            raise ValueError(f"shapes cannot broadcast: {x} against {y}")
    return tuple(out)


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    if sum(1 for s in new_shape if s == -1) > 1:
        raise ValueError("more than one -1")
    if min(new_shape, default=0) < -1:
        raise ValueError("negative size")
    total = _prod(shape)
    if -1 not in new_shape:
        if _prod(new_shape) != total:
            raise ValueError("element counts differ")
        return new_shape
    known = _prod(s for s in new_shape if s != -1)
    if known == 0:
        raise ValueError("cannot infer -1 next to a size 0")
    if total % known != 0:
        raise ValueError("element counts differ")
    return tuple(total // known if s == -1 else s for s in new_shape)
