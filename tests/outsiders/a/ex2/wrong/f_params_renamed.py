"""WRONG: f is defined as f(a, b) instead of f(x, y), so the keyword call f(x=torch.tensor(2.), y=torch.tensor(3.)) raises TypeError; breaks "The names and signatures below are the contract: keep them exactly" (f(x, y) -> Tensor)."""

import torch


def f(a, b):
    """a**2 * b + 3*a*b**2 - 2*a + 5, element-wise."""
    return a**2 * b + 3 * a * b**2 - 2 * a + 5


def grad_by_hand(x, y):
    """(df/dx, df/dy) from the hand-derived formulas."""
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    """(dfn/dx, dfn/dy) at (x, y) with autograd."""
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.item(), gy.item())
