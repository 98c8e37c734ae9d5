"""VALID: table-driven style: error checks collected as (condition, message) pairs, sizes coerced with int(), and shapes accepted as any iterable (lists, torch.Size, generators)."""

PREDICTED_SHAPES = {k: v for k, v in zip("abcdef", [(3, 5), (3, 4), (3, 4), (3, 4), (6, 2), (12,)])}


def _as_shape(s):
    return tuple(int(d) for d in s)


def _raise_first(checks):
    for failed, message in checks:
        if failed:
            raise ValueError(message)


def matmul_shape(a, b):
    (m, n), (n2, p) = _as_shape(a), _as_shape(b)
    _raise_first([(n != n2, f"inner sizes differ: {n} vs {n2}")])
    return m, p


def broadcast_shape(a, b):
    a, b = _as_shape(a), _as_shape(b)
    width = max(len(a), len(b))
    rows = [(1,) * (width - len(s)) + s for s in (a, b)]
    out = ()
    for x, y in zip(*rows):
        _raise_first([(x != y and x != 1 and y != 1, f"cannot broadcast {a} and {b}: {x} vs {y}")])
        out += ({x, y} - {1} or {1}).pop() if x != y else x,
    return out


def reshape_shape(shape, new_shape):
    shape, new_shape = _as_shape(shape), _as_shape(new_shape)
    total = 1
    for d in shape:
        total *= d
    known = 1
    for d in new_shape:
        known *= d if d != -1 else 1
    infer = -1 in new_shape
    _raise_first([
        (new_shape.count(-1) > 1, "only one -1 is allowed"),
        (any(d < -1 for d in new_shape), "sizes must be non-negative"),
        (infer and (known == 0 or total % known != 0), f"cannot infer -1 for {shape} -> {new_shape}"),
        (not infer and known != total, f"element counts differ: {total} vs {known}"),
    ])
    return tuple(total // known if d == -1 else d for d in new_shape)
