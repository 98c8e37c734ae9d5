"""VALID: grad_by_hand returns the formulas' own values without float() -- for int inputs such as (2, 3) that is the ints (37, 40), accepted by the rule "Where a float is named, an int of the same value is accepted"; gradient returns a namedtuple (a tuple) and uses the book's float32 tensors.
"""
from collections import namedtuple

import torch

Grad = namedtuple("Grad", "dx dy")


def f(x, y):
    return x**2 * y + 3 * x * y**2 - 2 * x + 5


def grad_by_hand(x, y):
    return (2 * x * y + 3 * y**2 - 2, x**2 + 6 * x * y)


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    out = fn(xt, yt)
    out.backward()
    dx = xt.grad.item() if xt.grad is not None else 0.0
    dy = yt.grad.item() if yt.grad is not None else 0.0
    return Grad(dx, dy)
