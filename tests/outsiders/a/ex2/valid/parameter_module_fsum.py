"""VALID: gradient wraps the point in a tiny nn.Module whose two nn.Parameters are float64, calls fn on them, and reads the gradients with float(); grad_by_hand uses math.fsum; f is written as x * (x * y + 3 * y * y - 2) + 5 (factored, same polynomial)."""

import math

import torch
import torch.nn as nn


class _Point(nn.Module):
    def __init__(self, x, y):
        super().__init__()
        self.x = nn.Parameter(torch.tensor(float(x), dtype=torch.float64))
        self.y = nn.Parameter(torch.tensor(float(y), dtype=torch.float64))


def f(x, y):
    return x * (x * y + 3 * y * y - 2) + 5


def grad_by_hand(x, y):
    return (math.fsum([2 * x * y, 3 * y * y, -2.0]), math.fsum([x * x, 6 * x * y]))


def gradient(fn, x, y):
    p = _Point(x, y)
    out = fn(p.x, p.y)
    grads = torch.autograd.grad(out, [p.x, p.y], allow_unused=True)
    return tuple(0.0 if g is None else float(g.detach()) for g in grads)
