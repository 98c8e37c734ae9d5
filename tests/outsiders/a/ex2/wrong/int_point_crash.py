"""WRONG: gradient builds torch.tensor(x, requires_grad=True) straight from the arguments, so gradient(f, 2, 3) with Python ints raises RuntimeError ("Only Tensors of floating point ... can require gradients"); breaks the Types rule "Where a float is named, an int of the same value is accepted" for gradient(fn, x: float, y: float)."""

import torch


def f(x, y):
    """x**2 * y + 3*x*y**2 - 2*x + 5, element-wise."""
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    """(df/dx, df/dy) from the hand-derived formulas."""
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    """(dfn/dx, dfn/dy) at (x, y) with autograd."""
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.tensor(y, requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.item(), gy.item())
