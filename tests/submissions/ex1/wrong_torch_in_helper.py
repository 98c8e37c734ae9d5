import torch

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError(f"inner sizes {a[1]} and {b[0]} differ")
    return (a[0], b[1])


def _ask_torch(a, b):
    # let torch do the work
    try:
        return tuple(torch.broadcast_shapes(a, b))
    except RuntimeError as e:
        raise ValueError(str(e))


def broadcast_shape(a, b):
    return _ask_torch(a, b)


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    if list(new_shape).count(-1) > 1:
        raise ValueError("two -1")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or total % known:
            raise ValueError("no")
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError("no")
    return tuple(new_shape)
