# The book's Solution 1: the shapes it prints, plus the shape rules it states, as functions.
import torch

A = torch.randn(3, 4)
B = torch.randn(4, 5)
C = torch.randn(3, 4)
v = torch.randn(4)

PREDICTED_SHAPES = {
    "a": (A @ B).shape,          # (3, 4) @ (4, 5) = (3, 5)
    "b": (A + C).shape,          # same shapes, element-wise
    "c": (A * C).shape,          # element-wise multiplication
    "d": (A + v).shape,          # v broadcast across rows
    "e": A.reshape(6, 2).shape,  # 3*4 = 12 = 6*2
    "f": A.reshape(-1).shape,    # flattened to (12,)
}


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError(f"{a[1]} != {b[0]}")
    return (a[0], b[1])


def broadcast_shape(a, b):
    result = []
    i = -1
    while -i <= max(len(a), len(b)):
        x = a[i] if -i <= len(a) else 1
        y = b[i] if -i <= len(b) else 1
        if x != y and x != 1 and y != 1:
            raise ValueError(f"{x} != {y} when comparing from the right")
        result.insert(0, max(x, y))
        i -= 1
    return tuple(result)


def reshape_shape(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    if sum(1 for s in new_shape if s == -1) > 1:
        raise ValueError("only one -1")
    other = 1
    for s in new_shape:
        if s != -1:
            other *= s
    if -1 in new_shape:
        if total % other:
            raise ValueError("not divisible")
        return tuple(total // other if s == -1 else s for s in new_shape)
    if other != total:
        raise ValueError("element counts differ")
    return tuple(new_shape)
