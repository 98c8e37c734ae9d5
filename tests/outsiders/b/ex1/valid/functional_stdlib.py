"""VALID: functional style with the standard library only (math.prod, itertools.zip_longest, functools.reduce), a module-level print on import, and a __main__ self-test that does use torch (never run by an importer).
"""
import functools
import itertools
import math
import operator

print("ex1 loaded: shape arithmetic by hand")

PREDICTED_SHAPES = dict(zip("abcdef", [(3, 5), (3, 4), (3, 4), (3, 4), (6, 2), (12,)]))


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError("inner sizes differ: %d vs %d" % (a[1], b[0]))
    return (a[0], b[1])


def _merge(x, y):
    if x == y or y == 1:
        return x
    if x == 1:
        return y
    raise ValueError(f"incompatible sizes {x} and {y}")


def broadcast_shape(a, b):
    pairs = itertools.zip_longest(reversed(tuple(a)), reversed(tuple(b)), fillvalue=1)
    return tuple(reversed([_merge(x, y) for x, y in pairs]))


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    total = math.prod(shape)
    if sum(s == -1 for s in new_shape) > 1:
        raise ValueError("at most one -1")
    if min(new_shape, default=0) < -1:
        raise ValueError("sizes must be >= -1")
    known = functools.reduce(operator.mul, (s for s in new_shape if s != -1), 1)
    if -1 not in new_shape:
        if known != total:
            raise ValueError(f"{total} elements cannot become {known}")
        return new_shape
    if known == 0 or total % known:
        raise ValueError(f"{total} elements cannot be split into {new_shape}")
    return tuple(total // known if s == -1 else s for s in new_shape)


if __name__ == "__main__":
    import torch
    for a, b in [((3, 4), (4,)), ((2, 1, 5), (3, 1)), ((), (2, 3))]:
        assert broadcast_shape(a, b) == tuple(torch.broadcast_shapes(a, b))
    print("self-test ok")
