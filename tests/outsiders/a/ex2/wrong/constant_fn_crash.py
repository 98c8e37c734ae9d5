"""WRONG: gradient handles one unused input but crashes when fn's result does not depend on x or y at all (e.g. gradient(lambda x, y: torch.tensor(7.0), 1.0, 2.0) or lambda x, y: (x * 0).detach().sum() raise RuntimeError "element 0 of tensors does not require grad"); a constant is differentiable with gradient (0.0, 0.0); breaks "(dfn/dx, dfn/dy) at (x, y) for ANY differentiable fn(x_tensor, y_tensor) -> 0-dim Tensor"."""

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
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True)
    gx = 0.0 if gx is None else gx.item()
    gy = 0.0 if gy is None else gy.item()
    return (gx, gy)
