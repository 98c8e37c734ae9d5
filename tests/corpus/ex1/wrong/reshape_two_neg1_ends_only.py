"""WRONG (more than one -1 in a longer shape): the duplicate -1 check only looks at the first and last entries, so reshape_shape((2, 3, 4), (2, -1, -1)) returns (2, -12, -1) instead of raising ValueError."""

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
        if x == y or y == 1:
            result.append(x)
        elif x == 1:
            result.append(y)
        else:
            raise ValueError(f"cannot broadcast {x} with {y}")
    return tuple(result)


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    if len(new_shape) > 1 and new_shape[0] == -1 and new_shape[-1] == -1:
        raise ValueError("only one -1 is allowed")
    if any(s < -1 for s in new_shape):
        raise ValueError(f"invalid size in {new_shape}")
    total = 1
    for s in shape:
        total *= s
    if -1 in new_shape:
        i = new_shape.index(-1)
        known = 1
        for j, s in enumerate(new_shape):
            if j != i:
                known *= s
        if known == 0 or total % known != 0:
            raise ValueError(f"cannot reshape {tuple(shape)} into {new_shape}")
        return new_shape[:i] + (total // known,) + new_shape[i + 1:]
    known = 1
    for s in new_shape:
        known *= s
    if known != total:
        raise ValueError(f"cannot reshape {tuple(shape)} ({total} elements) into {new_shape}")
    return new_shape
