"""WRONG: gradient calls fn(x=..., y=...) by keyword, so it fails (TypeError) for any function whose parameters are not literally named x and y, e.g. gradient(lambda a, b: a * b, 2.0, 3.0) or gradient(torch.atan2, 1.0, 2.0); breaks "gradient(fn, x, y): ... for ANY differentiable fn(x_tensor, y_tensor) -> 0-dim Tensor"."""

import torch


def f(x, y):
    """x**2 * y + 3*x*y**2 - 2*x + 5, element-wise."""
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    """(df/dx, df/dy) from the hand-derived formulas."""
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    """(dfn/dx, dfn/dy) at (x, y) with autograd."""
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(x=xt, y=yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.item(), gy.item())
