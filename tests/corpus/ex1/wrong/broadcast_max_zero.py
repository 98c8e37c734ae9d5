"""WRONG (size-0 dimension): a pair of sizes is resolved with max(), so a 0 against a 1 gives 1; broadcast_shape((0,), (1,)) returns (1,) instead of (0,)."""

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
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + a
    b = (1,) * (ndim - len(b)) + b
    result = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise ValueError(f"cannot broadcast {x} with {y}")
        # the size-1 side gets stretched to the bigger one
        result.append(max(x, y))
    return tuple(result)


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
