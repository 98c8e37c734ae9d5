"""VALID: plain for-loops over negative indices with early returns, no helpers, no imports, and long explanatory comments and docstrings."""

# a) (3,4)@(4,5) -> (3,5); b), c) same shapes -> (3,4); d) v is padded to (1,4) -> (3,4);
# e) 12 elements as 6x2; f) flattened 12 elements.
PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    """Return (m, p) for (m, n) @ (n, p)."""
    if a[1] == b[0]:
        return (a[0], b[1])
    raise ValueError("cannot multiply: inner sizes " + str(a[1]) + " and " + str(b[0]) + " differ")


def broadcast_shape(a, b):
    """Walk from the last dimension towards the first."""
    n = len(a) if len(a) > len(b) else len(b)
    result = [0] * n
    for i in range(-1, -n - 1, -1):
        # rule 2: a missing dimension counts as 1
        x = a[i] if -i <= len(a) else 1
        y = b[i] if -i <= len(b) else 1
        # rule 3: equal, or one of them is 1
        if x == y:
            result[i] = x
        elif x == 1:
            result[i] = y
        elif y == 1:
            result[i] = x
        else:
            raise ValueError("broadcast: %s vs %s at dim %d" % (x, y, i))
    return tuple(result)


def reshape_shape(shape, new_shape):
    """Resolve one -1; reject everything reshape itself would reject."""
    total = 1
    for d in shape:
        total = total * d
    where = None
    known = 1
    for i in range(len(new_shape)):
        d = new_shape[i]
        if d == -1:
            if where is not None:
                raise ValueError("two -1 entries in new_shape")
            where = i
        elif d < 0:
            raise ValueError("size " + str(d) + " is negative")
        else:
            known = known * d
    if where is None:
        if known != total:
            raise ValueError("element counts differ")
        return tuple(new_shape)
    if known == 0 or total % known != 0:
        raise ValueError("the -1 cannot be resolved")
    out = list(new_shape)
    out[where] = total // known
    return tuple(out)
