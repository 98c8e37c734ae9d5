"""WRONG: reshape_shape only checks the element count, never that each size is >= -1, so two negative sizes whose product matches are accepted. Breaks "raises ValueError ... when a size is below -1 (reshape refuses those too)" (stub: reshape_shape((3, 4), (-2, -6)) ... raise): here it returns (-2, -6); torch.randn(3, 4).reshape(-2, -6) raises RuntimeError (verified).
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
