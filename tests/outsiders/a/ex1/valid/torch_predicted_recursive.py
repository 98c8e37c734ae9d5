"""VALID: PREDICTED_SHAPES is computed at import by actually running torch (torch.Size values; only the three functions are barred from torch), and broadcast_shape is written recursively from the right."""

import torch

_A = torch.zeros(3, 4)
_B = torch.zeros(4, 5)
_C = torch.zeros(3, 4)
_v = torch.zeros(4)
PREDICTED_SHAPES = {
    "a": (_A @ _B).shape,
    "b": (_A + _C).shape,
    "c": (_A * _C).shape,
    "d": (_A + _v).shape,
    "e": _A.reshape(6, 2).shape,
    "f": list(_A.reshape(-1).shape),
}
del _A, _B, _C, _v


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError("inner sizes differ: %d vs %d" % (a[1], b[0]))
    return (a[0], b[1])


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
    if not a:
        return b
    if not b:
        return a
    x, y = a[-1], b[-1]
    if x == y or y == 1:
        last = x
    elif x == 1:
        last = y
    else:
        raise ValueError("size %d does not broadcast against %d" % (x, y))
    return broadcast_shape(a[:-1], b[:-1]) + (last,)


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total = total * s
    free = 0
    known = 1
    for s in new_shape:
        if s == -1:
            free += 1
        elif s < -1:
            raise ValueError("invalid size %d" % s)
        else:
            known *= s
    if free > 1:
        raise ValueError("only one dimension can be inferred")
    if free == 1:
        if known == 0 or total % known != 0:
            raise ValueError("shape %r is invalid for input of size %d" % (tuple(new_shape), total))
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError("shape %r is invalid for input of size %d" % (tuple(new_shape), total))
    return tuple(new_shape)
