"""VALID: grad_by_hand evaluates a small Polynomial class of its own whose method is named grad (the hand-derived partial derivatives, plain arithmetic: a method of one's own class may have any name); gradient uses autograd."""

import torch


class Polynomial:
    """f(x, y) = x**2 * y + 3*x*y**2 - 2*x + 5, with its partial derivatives worked out by hand."""

    def value(self, x, y):
        return x**2 * y + 3 * x * y**2 - 2 * x + 5

    def grad(self, x, y):
        return 2 * x * y + 3 * y**2 - 2, x**2 + 6 * x * y


F = Polynomial()


def f(x, y):
    return F.value(x, y)


def grad_by_hand(x, y):
    dx, dy = F.grad(x, y)
    return float(dx), float(dy)


def gradient(fn, x, y):
    xt = torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
    yt = torch.tensor(float(y), dtype=torch.float64, requires_grad=True)
    out = fn(xt, yt)
    if not out.requires_grad:
        return 0.0, 0.0
    dx, dy = torch.autograd.grad(out, [xt, yt], allow_unused=True)
    return (0.0 if dx is None else dx.item()), (0.0 if dy is None else dy.item())
