"""WRONG: the three shape functions wrap their result in torch.Size (imported at module level under an alias, so the function bodies never spell "torch"); every call constructs a torch object; breaks "The three functions ... must not call torch at all"."""

from torch import Size as _Shape

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    """(m, n) @ (n, p) -> (m, p)."""
    m, n = a
    n2, p = b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return _Shape((m, p))


def broadcast_shape(a, b):
    """Broadcast two shapes by the chapter's three rules."""
    a = tuple(a)
    b = tuple(b)
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"cannot broadcast {x} against {y}")
    return _Shape(out)


def reshape_shape(shape, new_shape):
    """Resolve at most one -1 in new_shape."""
    total = 1
    for s in shape:
        total *= s
    new_shape = tuple(new_shape)
    if new_shape.count(-1) > 1:
        raise ValueError("only one -1 is allowed")
    if any(s < -1 for s in new_shape):
        raise ValueError("sizes below -1 are invalid")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or total % known != 0:
            raise ValueError(f"cannot reshape {total} elements into {new_shape}")
        return _Shape(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new_shape}")
    return _Shape(new_shape)
