"""WRONG: grad_by_hand evaluates the hand-derived formulas with torch tensors -- breaks the stub's "Use the formulas you derived by hand, NOT autograd (no torch, no .backward())"; shows on every call, e.g. grad_by_hand(2.0, 3.0) builds torch.tensor(2.0) (values are right).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    xt = torch.tensor(x, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    dfdx = 2 * xt * yt + 3 * yt**2 - 2
    dfdy = xt**2 + 6 * xt * yt
    return (dfdx.item(), dfdy.item())


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True)
    return (0.0 if gx is None else gx.item(), 0.0 if gy is None else gy.item())
