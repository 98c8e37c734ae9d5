"""WRONG (import outside the allowed list): broadcast_shape delegates to numpy.broadcast_shapes, a module the contract does not allow, e.g. in broadcast_shape((3, 4), (4,))."""
import numpy as np

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
    try:
        return tuple(int(s) for s in np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError as e:
        raise ValueError(f"cannot broadcast {tuple(a)} with {tuple(b)}: {e}") from None


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    if new_shape.count(-1) > 1:
        raise ValueError("only one -1 is allowed")
    if any(s < -1 for s in new_shape):
        raise ValueError(f"invalid size in {new_shape}")
    total = 1
    for s in shape:
        total *= s
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or total % known != 0:
            raise ValueError(f"cannot reshape {tuple(shape)} into {new_shape}")
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {tuple(shape)} ({total} elements) into {new_shape}")
    return new_shape
