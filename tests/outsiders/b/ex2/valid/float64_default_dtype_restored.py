"""VALID: gradient switches the default dtype to float64 for its own tensors and restores it in a finally block (the rule is only that global settings are "as they were" afterwards), and forces grad mode on locally with torch.enable_grad(); f is written in Horner form x*(x*y + 3*y*y - 2) + 5 (same value up to rounding).
"""
import torch


def f(x, y):
    return x * (x * y + 3 * y * y - 2) + 5


def grad_by_hand(x, y):
    dfdx = 2.0 * x * y + 3.0 * y * y - 2.0
    dfdy = x * x + 6.0 * x * y
    return float(dfdx), float(dfdy)


def gradient(fn, x, y):
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        with torch.enable_grad():
            xt = torch.tensor(float(x), requires_grad=True)
            yt = torch.tensor(float(y), requires_grad=True)
            out = fn(xt, yt)
            gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True,
                                         materialize_grads=True)
    finally:
        torch.set_default_dtype(previous)
    return (gx.item(), gy.item())
