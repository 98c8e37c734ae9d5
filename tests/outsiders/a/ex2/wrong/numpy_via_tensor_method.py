"""WRONG: gradient reads the gradients with .numpy() (x.grad.numpy().item()), so the module needs numpy although it never imports it: with numpy absent it raises RuntimeError "Numpy is not available"; breaks "may import torch, ... math and the standard library, and must not need anything else" / "Imports ... (numpy is not allowed)"."""

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
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True, materialize_grads=True)
    return (gx.detach().numpy().item(), gy.detach().numpy().item())
