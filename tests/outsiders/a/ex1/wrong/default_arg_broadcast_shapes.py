"""WRONG: broadcast_shape receives torch.broadcast_shapes as a default argument bound at import (from torch import broadcast_shapes) and calls it; breaks "The three functions ... must not call torch at all (no torch.broadcast_shapes ...)"."""

from torch import broadcast_shapes as _rules

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    """(m, n) @ (n, p) -> (m, p)."""
    m, n = a
    n2, p = b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


def broadcast_shape(a, b, _impl=_rules):
    """Broadcast two shapes by the chapter's three rules."""
    try:
        return tuple(int(s) for s in _impl(tuple(a), tuple(b)))
    except RuntimeError as exc:
        raise ValueError(str(exc)) from None


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
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new_shape}")
    return new_shape
