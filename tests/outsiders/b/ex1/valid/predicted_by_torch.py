"""VALID: PREDICTED_SHAPES is computed with torch at import time (torch.Size values, allowed: "a torch.Size ... is accepted", and only "the three functions" must not call torch); the three functions themselves are pure Python.
"""
import torch

_A = torch.randn(3, 4)
_B = torch.randn(4, 5)
_C = torch.randn(3, 4)
_v = torch.randn(4)

PREDICTED_SHAPES = {
    "a": (_A @ _B).shape,
    "b": (_A + _C).shape,
    "c": (_A * _C).shape,
    "d": (_A + _v).shape,
    "e": _A.reshape(6, 2).shape,
    "f": _A.reshape(-1).shape,
}


def matmul_shape(a, b):
    (m, n), (n2, p) = a, b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


def broadcast_shape(a, b):
    ra, rb = list(reversed(tuple(a))), list(reversed(tuple(b)))
    out = []
    for i in range(max(len(ra), len(rb))):
        x = ra[i] if i < len(ra) else 1
        y = rb[i] if i < len(rb) else 1
        if x != y and x != 1 and y != 1:
            raise ValueError(f"sizes {x} and {y} are incompatible")
        out.append(y if x == 1 else x)
    return tuple(reversed(out))


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    new_shape = tuple(new_shape)
    if new_shape.count(-1) > 1:
        raise ValueError("more than one -1")
    if any(s < -1 for s in new_shape):
        raise ValueError("negative size")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or total % known:
            raise ValueError(f"cannot reshape {total} elements into {new_shape}")
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new_shape}")
    return new_shape
