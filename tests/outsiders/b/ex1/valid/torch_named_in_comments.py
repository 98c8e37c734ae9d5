"""VALID: the three functions are pure Python but their docstrings and comments mention torch (e.g. "same rule as torch.broadcast_shapes") -- naming torch in prose is not calling it.
"""

PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    """Like (torch.randn(*a) @ torch.randn(*b)).shape, but computed by hand."""
    m, n = a
    n2, p = b
    if n != n2:
        # torch says "mat1 and mat2 shapes cannot be multiplied"; we name both sizes
        raise ValueError(f"inner sizes differ: {n} vs {n2}")
    return (m, p)


def broadcast_shape(a, b):
    """Same rule as torch.broadcast_shapes(a, b), written out by hand."""
    a, b = tuple(a), tuple(b)
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise ValueError(f"{x} vs {y}: torch would refuse this too")
        out.append(y if x == 1 else x)
    return tuple(out)


def reshape_shape(shape, new_shape):
    """What torch.Tensor.reshape(new_shape) would give -- computed without torch."""
    total = 1
    for s in shape:
        total *= s
    new_shape = tuple(new_shape)
    if new_shape.count(-1) > 1:
        raise ValueError("only one -1 allowed (torch.reshape refuses more)")
    if any(s < -1 for s in new_shape):
        raise ValueError("sizes below -1 are invalid")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or total % known:
            raise ValueError("element counts cannot match")
        return tuple(total // known if s == -1 else s for s in new_shape)
    if known != total:
        raise ValueError("element counts differ")
    return new_shape
