"""VALID: recursion for broadcasting, a generator for the -1 substitution, int subclasses never produced; results built with tuple(...) from generators; raises ValueError with a message naming both inner sizes in words and digits.
"""

PREDICTED_SHAPES = {
    "a": tuple([3, 5]),
    "b": (3, 4),
    "c": (3, 4),
    "d": (3, 4),
    "e": (6, 2),
    "f": tuple([12]),
}


def matmul_shape(a, b):
    rows, inner_left = a
    inner_right, cols = b
    if inner_left == inner_right:
        return rows, cols
    raise ValueError(f"cannot multiply: left has {inner_left} columns but right has {inner_right} rows")


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
    if not a:
        return b
    if not b:
        return a
    head = broadcast_shape(a[:-1], b[:-1])
    x, y = a[-1], b[-1]
    if x != y and 1 not in (x, y):
        raise ValueError(f"{x} and {y} do not broadcast")
    return head + ((y if x == 1 else x),)


def _fill(new_shape, value):
    for s in new_shape:
        yield value if s == -1 else s


def reshape_shape(shape, new_shape):
    new_shape = tuple(new_shape)
    total = 1
    for s in shape:
        total = total * s
    if len([s for s in new_shape if s == -1]) >= 2:
        raise ValueError("two or more -1 sizes")
    for s in new_shape:
        if s < -1:
            raise ValueError(f"size {s} is invalid")
    known = 1
    for s in new_shape:
        known = known * (1 if s == -1 else s)
    if -1 in new_shape:
        if known == 0 or total % known != 0:
            raise ValueError("element counts cannot match")
        return tuple(_fill(new_shape, total // known))
    if known != total:
        raise ValueError("element counts differ")
    return new_shape
