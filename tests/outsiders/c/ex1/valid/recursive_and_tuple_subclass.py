"""VALID: broadcast_shape written recursively from the right, and all three functions return a small tuple subclass (Shape) with a friendly repr; the contract says "a tuple means a tuple (a namedtuple is one)", and Shape is a tuple (isinstance, ==, hashing, indexing, len all behave as a tuple of ints; Shape((3, 5)) == (3, 5)). No torch in the functions; checked against PyTorch's own broadcasting / reshape on random shapes incl. (), 0 and 1 sizes.
"""


class Shape(tuple):
    """A tuple of ints that prints like a shape."""

    def __repr__(self):
        return "Shape(" + ", ".join(str(s) for s in self) + ")"


PREDICTED_SHAPES = {
    "a": Shape((3, 5)),
    "b": Shape((3, 4)),
    "c": Shape((3, 4)),
    "d": Shape((3, 4)),
    "e": Shape((6, 2)),
    "f": Shape((12,)),
}


def matmul_shape(a, b):
    if len(a) != 2 or len(b) != 2:
        raise ValueError("matmul_shape expects two 2-D shapes")
    if a[1] != b[0]:
        raise ValueError(f"inner sizes differ: {a[1]} vs {b[0]}")
    return Shape((a[0], b[1]))


def _bc(a, b):
    if not a:
        return b
    if not b:
        return a
    x, y = a[-1], b[-1]
    if x == y or y == 1:
        last = x
    elif x == 1:
        last = y
    else:
        raise ValueError(f"cannot broadcast {x} with {y}")
    return _bc(a[:-1], b[:-1]) + (last,)


def broadcast_shape(a, b):
    return Shape(_bc(tuple(a), tuple(b)))


def reshape_shape(shape, new_shape):
    count = 1
    for s in shape:
        count *= s
    sizes = list(new_shape)
    for s in sizes:
        if s < -1:
            raise ValueError(f"size {s} is below -1")
    if sizes.count(-1) > 1:
        raise ValueError("more than one -1")
    rest = 1
    for s in sizes:
        if s != -1:
            rest *= s
    if -1 in sizes:
        if rest == 0 or count % rest != 0:
            raise ValueError(f"cannot resolve -1 for {count} elements into {tuple(sizes)}")
        sizes[sizes.index(-1)] = count // rest
    elif rest != count:
        raise ValueError(f"{count} elements cannot become {tuple(sizes)}")
    return Shape(sizes)
