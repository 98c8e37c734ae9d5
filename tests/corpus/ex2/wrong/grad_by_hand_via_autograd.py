"""WRONG (forbidden call reached indirectly): grad_by_hand does not use the hand-derived formulas but returns gradient(f, x, y), i.e. autograd, e.g. in grad_by_hand(2.0, 3.0)."""

import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    # df/dx = 2xy + 3y^2 - 2, df/dy = x^2 + 6xy  (checked against autograd)
    dfdx, dfdy = gradient(f, x, y)
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = 0.0 if xt.grad is None else xt.grad.item()
    gy = 0.0 if yt.grad is None else yt.grad.item()
    return (gx, gy)
