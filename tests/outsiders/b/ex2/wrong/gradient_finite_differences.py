"""WRONG: gradient uses Richardson-extrapolated central finite differences in float64 instead of autograd -- breaks "gradient(fn, x, y): ... computed with autograd" (stub: "using autograd ... Make fresh tensors with requires_grad=True ..., backpropagate"); shows on every call, e.g. gradient(f, 2.0, 3.0) never calls backward (values agree to ~1e-9).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def _partial(fn, x, y, which, h):
    def ev(dx, dy):
        return float(fn(torch.tensor(x + dx, dtype=torch.float64),
                        torch.tensor(y + dy, dtype=torch.float64)))
    if which == 0:
        return (ev(h, 0.0) - ev(-h, 0.0)) / (2 * h)
    return (ev(0.0, h) - ev(0.0, -h)) / (2 * h)


def gradient(fn, x, y):
    x, y = float(x), float(y)
    out = []
    for which in (0, 1):
        h = 1e-3 * max(1.0, abs(x), abs(y))
        d1 = _partial(fn, x, y, which, h)
        d2 = _partial(fn, x, y, which, h / 2)
        out.append((4 * d2 - d1) / 3)        # Richardson: O(h^4)
    return tuple(out)
