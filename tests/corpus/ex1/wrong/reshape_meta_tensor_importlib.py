"""WRONG (forbidden call reached indirectly): reshape_shape builds a meta-device tensor through importlib.import_module('torch') and reads .shape after .reshape, e.g. in reshape_shape((3, 4), (2, -1))."""
import importlib

_t = importlib.import_module("torch")

PREDICTED_SHAPES = {
    "a": (3, 5),
    "b": (3, 4),
    "c": (3, 4),
    "d": (3, 4),
    "e": (6, 2),
    "f": (12,),
}


def matmul_shape(a, b):
    m, n = a
    n2, p = b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


def broadcast_shape(a, b):
    a = tuple(a)
    b = tuple(b)
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + a
    b = (1,) * (ndim - len(b)) + b
    result = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            result.append(x)
        elif x == 1:
            result.append(y)
        else:
            raise ValueError(f"cannot broadcast {x} with {y}")
    return tuple(result)


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    # a "meta" tensor has a shape but no storage, so this costs nothing
    probe = _t.empty(tuple(shape), device="meta")
    try:
        return tuple(int(s) for s in probe.reshape(new_shape).shape)
    except RuntimeError as e:
        raise ValueError(str(e)) from None
