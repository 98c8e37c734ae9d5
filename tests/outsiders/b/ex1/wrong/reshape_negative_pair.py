"""WRONG: reshape_shape never rejects sizes below -1; it only counts the -1s, so two negative sizes whose product matches slip through -- breaks "raises ValueError ... when a size is below -1 (reshape refuses those too)"; shows on reshape_shape((3, 4), (-2, -6)) which returns (-2, -6) instead of raising.
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
    a, b = tuple(a), tuple(b)
    rank = max(len(a), len(b))
    a = (1,) * (rank - len(a)) + a
    b = (1,) * (rank - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"cannot broadcast {x} with {y}")
    return tuple(out)


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    new_shape = tuple(new_shape)
    if new_shape.count(-1) > 1:
        raise ValueError("only one -1 allowed")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known <= 0 or total % known != 0:
            raise ValueError("element counts cannot match")
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError("element counts differ")
    return new_shape
