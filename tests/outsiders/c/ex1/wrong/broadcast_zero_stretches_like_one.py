"""WRONG: broadcast_shape treats a size 0 as "empty, so it adapts" like a 1, so (2,) with (0,) broadcasts to (2,). Breaks rule 3 ("sizes must be equal or one of them 1") and the stub's "while (2,) with (0,) is a ValueError": broadcast_shape((2,), (0,)) returns (2,) instead of raising; PyTorch's broadcasting of tensors of these shapes((2,), (0,)) raises RuntimeError (verified).
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
        elif x == 0:  # an empty dimension fits anything
            out.append(y)
        elif y == 0:
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
