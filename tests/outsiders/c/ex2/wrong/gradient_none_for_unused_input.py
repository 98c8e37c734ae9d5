"""WRONG: gradient returns x.grad / y.grad converted only when present, and None when fn does not use an input. Breaks the stub's "A function that does not use one of its inputs has derivative 0 there: return 0.0, not None": gradient(lambda a, b: a * a, 3.0, 1.0) returns (6.0, None) instead of (6.0, 0.0) (verified).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    dfdx = 2 * x * y + 3 * y**2 - 2
    dfdy = x**2 + 6 * x * y
    return (float(dfdx), float(dfdy))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else None
    gy = yt.grad.item() if yt.grad is not None else None
    return (gx, gy)
