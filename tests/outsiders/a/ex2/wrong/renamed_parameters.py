"""WRONG: gradient's parameters are renamed gradient(func, x0, y0), so the contract's keyword call gradient(fn=f, x=2.0, y=3.0) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (gradient(fn, x: float, y: float))."""

import torch


def f(x, y):
    """x**2 * y + 3*x*y**2 - 2*x + 5, element-wise."""
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    """(df/dx, df/dy) from the hand-derived formulas."""
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(func, x0, y0):
    """(dfunc/dx, dfunc/dy) at (x0, y0) with autograd."""
    xt = torch.tensor(float(x0), requires_grad=True)
    yt = torch.tensor(float(y0), requires_grad=True)
    out = func(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.item(), gy.item())
