"""VALID: math.prod and comprehensions, PREDICTED_SHAPES given as torch.Size and lists, and torch used only in an if __name__ == "__main__" self-check."""

import math

import torch

PREDICTED_SHAPES = {
    "a": torch.Size([3, 5]),
    "b": [3, 4],
    "c": [3, 4],
    "d": torch.Size([3, 4]),
    "e": [6, 2],
    "f": [12],
}


def matmul_shape(a, b):
    """(m, n) @ (n, p) -> (m, p)."""
    if a[-1] != b[0]:
        raise ValueError(f"inner sizes differ: {a[-1]} vs {b[0]}")
    return tuple([a[0], b[-1]])


def broadcast_shape(a, b):
    """Broadcast two shapes from the right, padding the shorter one with 1s."""
    n = max(len(a), len(b))
    pa = [1] * (n - len(a)) + list(a)
    pb = [1] * (n - len(b)) + list(b)
    clash = [(x, y) for x, y in zip(pa, pb) if x != y and 1 not in (x, y)]
    if clash:
        raise ValueError(f"shapes {tuple(a)} and {tuple(b)} clash at {clash}")
    return tuple(y if x == 1 else x for x, y in zip(pa, pb))


def reshape_shape(shape, new_shape):
    """Resolve a single -1 so that the element count is unchanged."""
    if sum(d == -1 for d in new_shape) > 1:
        raise ValueError("can only infer one dimension")
    if min(new_shape, default=0) < -1:
        raise ValueError(f"bad size in {tuple(new_shape)}")
    total = math.prod(shape)
    fixed = math.prod(d for d in new_shape if d != -1)
    if -1 in new_shape:
        if fixed == 0 or total % fixed:
            raise ValueError(f"{tuple(shape)} cannot be reshaped to {tuple(new_shape)}")
        return tuple(total // fixed if d == -1 else d for d in new_shape)
    if fixed != total:
        raise ValueError(f"{total} != {fixed} elements")
    return tuple(new_shape)


if __name__ == "__main__":
    A, B, C, v = torch.randn(3, 4), torch.randn(4, 5), torch.randn(3, 4), torch.randn(4)
    print((A @ B).shape, (A + v).shape, A.reshape(-1).shape)
    for s, t in [((3, 4), (4,)), ((2, 1, 4), (3, 1)), ((), (5,))]:
        assert broadcast_shape(s, t) == tuple(torch.broadcast_shapes(s, t))
    assert reshape_shape((3, 4), (2, -1)) == tuple(torch.empty(3, 4).reshape(2, -1).shape)
    print("all good")
