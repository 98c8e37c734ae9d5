"""VALID: PREDICTED_SHAPES given as torch.Size literals (explicitly accepted: "A tuple of ints, a torch.Size or a list of ints is accepted"; torch is imported for that constant only, outside the three functions, which never touch torch). broadcast_shape pads both shapes to equal rank by list arithmetic; reshape_shape checks validity first and resolves -1 with // and %. Verified against torch on random shapes.
"""
import torch

PREDICTED_SHAPES = {
    "a": torch.Size([3, 5]),
    "b": torch.Size([3, 4]),
    "c": torch.Size([3, 4]),
    "d": torch.Size([3, 4]),
    "e": torch.Size([6, 2]),
    "f": torch.Size([12]),
}


def matmul_shape(a, b):
    rows, inner_a = a[0], a[1]
    inner_b, cols = b[0], b[1]
    if inner_a == inner_b:
        return (rows, cols)
    raise ValueError(f"inner sizes differ: {inner_a} vs {inner_b}")


def broadcast_shape(a, b):
    a, b = list(a), list(b)
    rank = max(len(a), len(b))
    a = [1] * (rank - len(a)) + a
    b = [1] * (rank - len(b)) + b
    for x, y in zip(a, b):
        if not (x == y or x == 1 or y == 1):
            raise ValueError(f"incompatible sizes {x} and {y}")
    return tuple(y if x == 1 else x for x, y in zip(a, b))


def reshape_shape(shape, new_shape):
    new_shape = list(new_shape)
    bad = [s for s in new_shape if s < -1]
    if bad:
        raise ValueError(f"invalid sizes {bad}")
    if new_shape.count(-1) >= 2:
        raise ValueError("only one dimension can be inferred")
    n = 1
    for s in shape:
        n *= s
    fixed = 1
    for s in new_shape:
        fixed *= 1 if s == -1 else s
    if -1 not in new_shape:
        if fixed == n:
            return tuple(new_shape)
        raise ValueError(f"shape {tuple(new_shape)} is invalid for input of size {n}")
    if fixed == 0 or n % fixed:
        raise ValueError(f"shape {tuple(new_shape)} is invalid for input of size {n}")
    return tuple(n // fixed if s == -1 else s for s in new_shape)
