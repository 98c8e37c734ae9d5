"""WRONG (arguments that alias): leaf tensors are memoised by value, so when x == y both arguments are the same tensor and the gradients add up; gradient(f, 2.0, 2.0) returns (46.0, 46.0) instead of (18.0, 28.0)."""

import functools
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


@functools.lru_cache(maxsize=256)
def _leaf(value):
    # reuse leaf tensors for points we have already seen
    return torch.tensor(value, dtype=torch.float64, requires_grad=True)


def gradient(fn, x, y):
    xt = _leaf(float(x))
    yt = _leaf(float(y))
    xt.grad = None
    yt.grad = None
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    return (gx, gy)
