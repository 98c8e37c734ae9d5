"""WRONG (argument that goes unused): the gradient of an input fn does not use is read as yt.grad.item() although PyTorch leaves it None, so gradient(lambda x, y: x ** 2, 1.0, 2.0) raises AttributeError instead of returning (2.0, 0.0)."""

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
    out.backward()
    return (xt.grad.item(), yt.grad.item())
