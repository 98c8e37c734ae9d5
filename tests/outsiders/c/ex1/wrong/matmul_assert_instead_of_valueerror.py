"""WRONG: matmul_shape checks the inner sizes with an assert, so a mismatch raises AssertionError, not ValueError. Breaks "raises ValueError naming both inner sizes when they differ": matmul_shape((2, 3), (4, 5)) raises AssertionError("inner sizes differ: 3 vs 4"), which `except ValueError` does not catch (verified).
"""
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
    assert n == n2, f"inner sizes differ: {n} vs {n2}"
    return (m, p)


def broadcast_shape(a, b):
    a = tuple(a)
    b = tuple(b)
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y:
            out.append(x)
        elif x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        else:
            raise ValueError(f"cannot broadcast sizes {x} and {y}")
    return tuple(out)


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    new = tuple(new_shape)
    if new.count(-1) > 1:
        raise ValueError("only one -1 allowed")
    for s in new:
        if s < -1:
            raise ValueError(f"invalid size {s}")
    known = 1
    for s in new:
        if s != -1:
            known *= s
    if -1 in new:
        if known == 0:
            raise ValueError("cannot infer -1 when another size is 0")
        if total % known:
            raise ValueError(f"cannot reshape {total} elements into {new}")
        return tuple(total // known if s == -1 else s for s in new)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new}")
    return new
