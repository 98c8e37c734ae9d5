"""WRONG (result of the wrong Python type): gradient returns the .grad tensors themselves, so gradient(f, 2.0, 3.0) gives (tensor(37.), tensor(40.)) instead of two Python floats."""

import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    with torch.enable_grad():  # also works when the caller is under no_grad
        out = fn(xt, yt)
    if not out.requires_grad:
        return (0.0, 0.0)
    out.backward()
    gx = torch.zeros_like(xt) if xt.grad is None else xt.grad
    gy = torch.zeros_like(yt) if yt.grad is None else yt.grad
    return (gx, gy)
