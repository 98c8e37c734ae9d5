"""WRONG: reshape_shape computes the -1 size as int(total / known) and checks divisibility with floats, which is wrong once the element count passes 2**53: reshape_shape((3**19, 3**19), (3, -1)) gives a size that is not 3**37 (and reshape_shape((2**53 + 1,), (2, -1)) does not raise); breaks "reshape_shape: the shape that reshape produces ... raises ValueError when the element counts differ"."""

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    """(m, n) @ (n, p) -> (m, p)."""
    m, n = a
    n2, p = b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


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
    return tuple(out)


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
        if known == 0:
            raise ValueError("cannot infer -1 with a zero-sized dimension")
        missing = total / known
        if missing != int(missing):
            raise ValueError(f"cannot reshape {total} elements into {new_shape}")
        return tuple(int(missing) if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new_shape}")
    return new_shape
