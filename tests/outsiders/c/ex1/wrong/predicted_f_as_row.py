"""WRONG: PREDICTED_SHAPES["f"] is (1, 12) (a "row vector") instead of (12,). Breaks the contract's ex1 item "PREDICTED_SHAPES ... f) A.reshape(-1)": torch.randn(3, 4).reshape(-1).shape is torch.Size([12]), rank 1, not (1, 12) (verified with torch 2.13).
"""
PREDICTED_SHAPES = {
    "a": (3, 5),
    "b": (3, 4),
    "c": (3, 4),
    "d": (3, 4),
    "e": (6, 2),
    "f": (1, 12),  # flattened into one row
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
        if known == 0:
            raise ValueError("cannot infer -1 when another size is 0")
        if total % known:
            raise ValueError(f"cannot reshape {total} elements into {new}")
        return tuple(total // known if s == -1 else s for s in new)
    if known != total:
        raise ValueError(f"cannot reshape {total} elements into {new}")
    return new
