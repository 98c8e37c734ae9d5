"""VALID: f is written in Horner form x*(x*y + 3*y*y - 2) + 5 and gradient uses torch.autograd.grad with allow_unused and materialize_grads instead of .backward()."""

import torch


def f(x, y):
    # x**2*y + 3*x*y**2 - 2*x + 5  ==  x * (x*y + 3*y**2 - 2) + 5
    return x * (x * y + 3 * y * y - 2) + 5


def grad_by_hand(x, y):
    return 2 * x * y + 3 * y * y - 2.0, x * x + 6 * x * y + 0.0


def gradient(fn, x, y):
    with torch.enable_grad():
        leaves = (
            torch.tensor(x, dtype=torch.float64, requires_grad=True),
            torch.tensor(y, dtype=torch.float64, requires_grad=True),
        )
        out = fn(*leaves)
        if not out.requires_grad:  # fn ignores both inputs: derivative 0
            return 0.0, 0.0
        gx, gy = torch.autograd.grad(out, leaves, allow_unused=True, materialize_grads=True)
    return gx.item(), gy.item()
