"""WRONG (gradients left over between calls): module-level leaf tensors are reused and only x's gradient is cleared, so a second gradient(f, 2.0, 3.0) returns (37.0, 80.0) instead of (37.0, 40.0)."""

import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


_X = torch.zeros((), dtype=torch.float64, requires_grad=True)
_Y = torch.zeros((), dtype=torch.float64, requires_grad=True)


def gradient(fn, x, y):
    xt, yt = _X, _Y
    with torch.no_grad():
        xt.fill_(float(x))
        yt.fill_(float(y))
    xt.grad = None
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    return (gx, gy)
