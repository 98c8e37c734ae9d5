"""WRONG: reshape_shape divides the element count by the product of the known sizes without guarding a 0, so (3, 4) into (0, -1) raises ZeroDivisionError. Breaks "raises ValueError when the element counts differ" (stub: "the element counts cannot match: ... or (3, 4) into (0, -1)"): reshape_shape((3, 4), (0, -1)) raises ZeroDivisionError, not ValueError (verified; ZeroDivisionError is an ArithmeticError, not a ValueError).
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
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
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
        if total % known:
            raise ValueError(f"cannot reshape {total} elements into {new}")
        return tuple(total // known if s == -1 else s for s in new)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new}")
    return new
