"""VALID: all three functions are written recursively (from the right-hand end of the shapes), with a custom ValueError subclass."""


class ShapeError(ValueError):
    """Raised when two shapes do not fit together."""


PREDICTED_SHAPES = {
    "a": (3, 5),
    "b": (3, 4),
    "c": (3, 4),
    "d": (3, 4),
    "e": (6, 2),
    "f": (12,),
}


def matmul_shape(a, b):
    (m, n), (k, p) = a, b
    if n != k:
        raise ShapeError(f"matmul needs equal inner sizes, got {n} and {k}")
    return (m, p)


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
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
        raise ShapeError(f"sizes {x} and {y} cannot be broadcast")
    return broadcast_shape(a[:-1], b[:-1]) + (last,)


def _count(shape):
    return 1 if not shape else shape[0] * _count(shape[1:])


def _fill(new_shape, value):
    if not new_shape:
        return ()
    head = value if new_shape[0] == -1 else new_shape[0]
    return (head,) + _fill(new_shape[1:], value)


def reshape_shape(shape, new_shape):
    shape, new_shape = tuple(shape), tuple(new_shape)
    holes = new_shape.count(-1)
    if holes > 1:
        raise ShapeError("only one dimension can be inferred (-1)")
    if any(d < -1 for d in new_shape):
        raise ShapeError(f"negative size in {new_shape}")
    total = _count(shape)
    known = _count(tuple(d for d in new_shape if d != -1))
    if holes == 0:
        if known != total:
            raise ShapeError(f"{shape} has {total} elements, {new_shape} has {known}")
        return new_shape
    if known == 0 or total % known:
        raise ShapeError(f"cannot infer -1 reshaping {shape} to {new_shape}")
    return _fill(new_shape, total // known)
