"""VALID: gradient returns a namedtuple (a tuple), runs under torch.enable_grad() so it also works when called inside no_grad, calls .backward() on the result and reads .grad with a None check; f uses torch.addcmul / torch.mul building blocks."""

import collections

import torch

Grad = collections.namedtuple("Grad", ["dx", "dy"])


def f(x, y):
    xy = torch.mul(x, y)
    return torch.addcmul(torch.addcmul(5 - 2 * x, xy, x), xy, y, value=3)


def grad_by_hand(x, y):
    dfdx = 2.0 * x * y + 3.0 * y ** 2 - 2.0
    dfdy = x ** 2 + 6.0 * x * y
    return Grad(dfdx, dfdy)


def gradient(fn, x, y):
    with torch.enable_grad():
        xt = torch.tensor(float(x), requires_grad=True)
        yt = torch.tensor(float(y), requires_grad=True)
        out = fn(xt, yt)
        if out.requires_grad:
            out.backward()
    dx = 0.0 if xt.grad is None else xt.grad.item()
    dy = 0.0 if yt.grad is None else yt.grad.item()
    return Grad(dx, dy)
