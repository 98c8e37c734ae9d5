"""WRONG: gradient calls fn(x=..., y=...) by keyword. Breaks the stub's "whose parameters need not be named x and y ... call fn(x_tensor, y_tensor), by position" and the contract's "for ANY differentiable fn(x_tensor, y_tensor)": gradient(lambda a, b: a * b, 2.0, 3.0) raises TypeError ("got an unexpected keyword argument 'x'") instead of returning (3.0, 2.0) (verified).
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
    out = fn(x=xt, y=yt)
    out.backward()
    gx = xt.grad.item() if xt.grad is not None else 0.0
    gy = yt.grad.item() if yt.grad is not None else 0.0
    return (gx, gy)
