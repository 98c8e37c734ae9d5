"""VALID: gradient and grad_by_hand return tuples of instances of a float subclass (Slope, equal to the plain value, with its own repr); gradient uses torch.autograd.grad with materialize_grads=True."""

import torch


class Slope(float):
    def __repr__(self):
        return "Slope(%s)" % float.__repr__(self)


def f(x, y):
    return x ** 2 * y + 3 * x * y ** 2 - 2 * x + 5


def grad_by_hand(x, y):
    return (Slope(2 * x * y + 3 * y ** 2 - 2), Slope(x ** 2 + 6 * x * y))


def gradient(fn, x, y):
    xt = torch.tensor(float(x), requires_grad=True)
    yt = torch.tensor(float(y), requires_grad=True)
    gx, gy = torch.autograd.grad(fn(xt, yt), (xt, yt), allow_unused=True, materialize_grads=True)
    return (Slope(gx.item()), Slope(gy.item()))
