"""Reference solution, Exercise 1: tensor shapes, predicted and computed by hand."""

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    (m, n), (n2, p) = a, b
    if n != n2:
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


def broadcast_shape(a, b):
    result = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and 1 not in (x, y):
            raise ValueError(f"cannot broadcast {tuple(a)} with {tuple(b)}: {x} vs {y}")
        result.append(y if x == 1 else x)
    return tuple(reversed(result))


def reshape_shape(shape, new_shape):
    total = 1
    for size in shape:
        total *= size
    if list(new_shape).count(-1) > 1:
        raise ValueError("only one dimension can be -1")
    if any(size < -1 for size in new_shape):
        raise ValueError(f"{tuple(new_shape)} holds a negative size other than -1")
    known = 1
    for size in new_shape:
        if size != -1:
            known *= size
    if -1 in new_shape:
        if known == 0 or total % known:
            raise ValueError(f"cannot reshape {tuple(shape)} into {tuple(new_shape)}")
        return tuple(total // known if size == -1 else size for size in new_shape)
    if known != total:
        raise ValueError(f"cannot reshape {tuple(shape)} ({total} elements) into {tuple(new_shape)} ({known})")
    return tuple(new_shape)
