"""VALID: shape arithmetic in a functional style (map, functools.reduce, itertools.zip_longest), shapes normalised with tuple(map(int, ...)) so torch.Size or list arguments are read like tuples without calling torch; PREDICTED_SHAPES mixes tuples and lists (both accepted)."""

import functools
import itertools
import operator

PREDICTED_SHAPES = dict(a=(3, 5), b=[3, 4], c=(3, 4), d=[3, 4], e=(6, 2), f=[12])


def _ints(shape):
    return tuple(map(int, shape))


def matmul_shape(a, b):
    (m, n), (n2, p) = _ints(a), _ints(b)
    if n != n2:
        raise ValueError("inner sizes differ: {} vs {}".format(n, n2))
    return (m, p)


def _merge(pair):
    x, y = pair
    if x == y or y == 1:
        return x
    if x == 1:
        return y
    raise ValueError("sizes {} and {} do not broadcast".format(x, y))


def broadcast_shape(a, b):
    pairs = itertools.zip_longest(reversed(_ints(a)), reversed(_ints(b)), fillvalue=1)
    return tuple(reversed(list(map(_merge, pairs))))


def reshape_shape(shape, new_shape):
    shape, new_shape = _ints(shape), _ints(new_shape)
    total = functools.reduce(operator.mul, shape, 1)
    if sum(1 for s in new_shape if s == -1) > 1:
        raise ValueError("at most one -1")
    if any(s < -1 for s in new_shape):
        raise ValueError("sizes must be >= -1")
    known = functools.reduce(operator.mul, (s for s in new_shape if s != -1), 1)
    if -1 not in new_shape:
        if known != total:
            raise ValueError("element counts differ: {} vs {}".format(total, known))
        return new_shape
    if known == 0 or total % known:
        raise ValueError("cannot infer -1: {} elements, {} known".format(total, known))
    return tuple(total // known if s == -1 else s for s in new_shape)
