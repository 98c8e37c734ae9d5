"""WRONG: gradient passes x and y straight to torch.tensor(..., requires_grad=True), so an int point makes an int64 tensor and crashes ("Only Tensors of floating point dtype can require gradients") -- breaks the rule "Where a float is named, an int of the same value is accepted" (x: float, y: float); shows on gradient(f, 2, 3).
"""
import torch


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (float(2 * x * y + 3 * y**2 - 2), float(x**2 + 6 * x * y))


def gradient(fn, x, y):
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.tensor(y, requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, (xt, yt), allow_unused=True)
    return (0.0 if gx is None else gx.item(), 0.0 if gy is None else gy.item())
